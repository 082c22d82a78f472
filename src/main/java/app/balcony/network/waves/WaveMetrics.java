package app.balcony.network.waves;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;

import app.balcony.jobs.JobQueue;
import app.balcony.jobs.JobRequest;
import app.balcony.jobs.JobView;
import app.balcony.network.NetworkViews.Wave;
import app.balcony.network.analysis.Graph;
import app.balcony.network.analysis.LouvainCommunities;
import app.balcony.network.analysis.NetworkMetrics;
import app.balcony.shared.Batch;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each wave's per-person metrics, computed once and stored (a large wave's in the
 * background job {@link #JOB_TYPE}, with progress), and read back while the graph is
 * unchanged.
 */
@Component
public class WaveMetrics {

	/** The type of the background job that computes a large wave's metrics. */
	public static final String JOB_TYPE = "network-analysis";

	/** Per-vertex metrics without brokerage (which depends on the grouping). */
	public record Stored(int[] degree, double[] betweenness, double[] harmonic, double[] eigenvector,
			double[] constraint, double[] effectiveSize, int[] community) {
	}

	private final JdbcClient jdbc;

	private final Batch batch;

	private final WaveStore store;

	private final JobQueue jobs;

	WaveMetrics(JdbcClient jdbc, Batch batch, WaveStore store, JobQueue jobs) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.store = store;
		this.jobs = jobs;
	}

	/** When the wave's metrics were stored, if they are. */
	public Optional<Timestamp> computedAt(long tenantId, long waveId) {
		return this.jdbc.sql("select computed_at from network_analysis where tenant_id = :t and wave_id = :w")
			.param("t", tenantId)
			.param("w", waveId)
			.query(Timestamp.class)
			.optional();
	}

	/** The wave's stored metrics, if they were computed for the graph as it is now. */
	public Stored stored(long tenantId, long waveId, Loaded loaded) {
		Graph g = loaded.graph();
		boolean current = this.jdbc.sql("""
				select vertices, edges from network_analysis where tenant_id = :t and wave_id = :w""")
			.param("t", tenantId)
			.param("w", waveId)
			.query((rs, n) -> rs.getInt("vertices") == g.size() && rs.getInt("edges") == g.edgeCount())
			.optional()
			.orElse(false);
		if (!current) {
			return null;
		}
		Stored out = new Stored(new int[g.size()], new double[g.size()], new double[g.size()], new double[g.size()],
				new double[g.size()], new double[g.size()], new int[g.size()]);
		int[] found = { 0 };
		// The wave id was checked against the tenant above (network_analysis).
		this.jdbc.sql("""
				select person_id, degree, betweenness, harmonic, eigenvector, constraint_value, effective_size,
				  community from network_person_metric where wave_id = :w""").param("w", waveId).query(rs -> {
			int v = g.indexOf(Long.toString(rs.getLong("person_id")));
			if (v < 0) {
				return;
			}
			found[0]++;
			out.degree()[v] = rs.getInt("degree");
			out.betweenness()[v] = rs.getDouble("betweenness");
			out.harmonic()[v] = rs.getDouble("harmonic");
			out.eigenvector()[v] = rs.getDouble("eigenvector");
			double c = rs.getDouble("constraint_value");
			out.constraint()[v] = rs.wasNull() ? Double.NaN : c;
			double e = rs.getDouble("effective_size");
			out.effectiveSize()[v] = rs.wasNull() ? Double.NaN : e;
			out.community()[v] = rs.getInt("community");
		});
		return found[0] == g.size() ? out : null;
	}

	/** Computes a wave's metrics and stores them (replacing any older ones). */
	public Stored computeAndStore(long tenantId, long waveId, Loaded loaded, IntConsumer searchesDone) {
		Graph g = loaded.graph();
		NetworkMetrics m = NetworkMetrics.compute(g, null, NetworkMetrics.Options.defaults(), searchesDone);
		this.store.tiesChanged(tenantId, waveId);
		List<Object[]> rows = new ArrayList<>();
		for (int v = 0; v < g.size(); v++) {
			rows.add(new Object[] { waveId, Long.parseLong(g.id(v)), m.degree()[v], m.betweenness()[v], m.harmonic()[v],
					m.eigenvector()[v], Double.isNaN(m.constraint()[v]) ? null : m.constraint()[v],
					Double.isNaN(m.effectiveSize()[v]) ? null : m.effectiveSize()[v], m.community()[v] });
		}
		this.batch.run("""
				insert into network_person_metric (wave_id, person_id, degree, betweenness, harmonic, eigenvector,
				  constraint_value, effective_size, community) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
		this.jdbc.sql("""
				insert into network_analysis (wave_id, tenant_id, vertices, edges, computed_at)
				values (:w, :t, :v, :e, :at)""")
			.param("w", waveId)
			.param("t", tenantId)
			.param("v", g.size())
			.param("e", g.edgeCount())
			.param("at", Timestamp.valueOf(LocalDateTime.now()))
			.update();
		return new Stored(m.degree(), m.betweenness(), m.harmonic(), m.eigenvector(), m.constraint(), m.effectiveSize(),
				m.community());
	}

	/** Runs a wave's analysis for the background job, reporting progress. */
	public int analyseInBackground(long tenantId, long waveId, BiConsumer<Integer, Integer> searchesDone) {
		Wave wave = this.store.wave(tenantId, waveId);
		Loaded loaded = this.store.load(tenantId, wave, "sector");
		int n = loaded.graph().size();
		if (stored(tenantId, waveId, loaded) == null) {
			computeAndStore(tenantId, waveId, loaded, done -> searchesDone.accept(Math.min(done, n), n));
		}
		return n;
	}

	/** The queued or running analysis of a wave, queued now if there is none. */
	public JobView analysisJob(long tenantId, String actor, Wave wave) {
		String title = "Network analysis of wave " + wave.id();
		for (JobView job : this.jobs.recent(tenantId, JOB_TYPE, 20)) {
			if (!job.title().equals(title)) {
				continue;
			}
			// Running, or finished since the caller found no metrics (a fast worker can
			// finish between the two): either way, no second job.
			if (!job.status().finished() || (job.status() == app.balcony.jobs.JobStatus.SUCCEEDED
					&& computedAt(tenantId, wave.id()).isPresent())) {
				return job;
			}
		}
		long id = this.jobs
			.submit(new JobRequest(tenantId, JOB_TYPE, title, actor, wave.name(), Long.toString(wave.id()), null));
		return this.jobs.find(tenantId, id).orElseThrow();
	}

	/** Louvain clusters at a resolution, with the seed the stored clusters use. */
	public static int[] louvain(Graph g, double resolution) {
		return LouvainCommunities.compute(g, resolution, NetworkMetrics.Options.defaults().seed()).community();
	}

}
