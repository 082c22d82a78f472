package app.balcony.network;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import app.balcony.identity.AuditLog;
import app.balcony.identity.BalconyUser;
import app.balcony.jobs.JobView;
import app.balcony.network.NetworkViews.Analysis;
import app.balcony.network.NetworkViews.Finding;
import app.balcony.network.NetworkViews.ImportResult;
import app.balcony.network.NetworkViews.Matrix;
import app.balcony.network.NetworkViews.PersonMetrics;
import app.balcony.network.NetworkViews.Request;
import app.balcony.network.NetworkViews.Wave;
import app.balcony.network.analysis.Brokerage;
import app.balcony.network.analysis.ClusterAgreement;
import app.balcony.network.analysis.Graph;
import app.balcony.network.analysis.GroupMixing;
import app.balcony.network.waves.Loaded;
import app.balcony.network.waves.NetworkMaps;
import app.balcony.network.waves.OrganisationNetwork;
import app.balcony.network.waves.TieImport;
import app.balcony.network.waves.WaveExports;
import app.balcony.network.waves.WaveMetrics;
import app.balcony.network.waves.WaveMetrics.Stored;
import app.balcony.network.waves.WaveStore;
import app.balcony.system.SystemModelChanged;
import app.balcony.system.directory.Attribute;
import app.balcony.system.directory.Directory;
import app.balcony.privacy.AnonymityEngine;
import app.balcony.privacy.SmallGroups;
import app.balcony.shared.BadRequestException;
import app.balcony.shared.NotFoundException;
import app.balcony.system.Views.PersonAttributes;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The network module's API: waves of ties, their import, and their analysis (metrics per
 * person, group mixing, and findings an OD lead can act on), maps and exports. Every
 * query is scoped to the caller's tenant. Named results (who the brokers are) are only
 * produced for admins and analysts. The work is done inside {@code network.waves}.
 */
@Service
public class NetworkService {

	/** Groupings an analysis can use. */
	public static final List<String> GROUPINGS = java.util.stream.Stream
		.of(Attribute.SECTOR, Attribute.ORGANISATION, Attribute.PLACE, Attribute.LEVEL, Attribute.STAFF_GROUP,
				Attribute.SENIORITY)
		.map(Attribute::key)
		.toList();

	/** How often a tie is used, as recorded. */
	public static final List<String> FREQUENCIES = List.of("monthly", "weekly", "daily");

	/** What flows along a tie, as recorded. */
	public static final List<String> FLOWS = List.of("information", "advice", "decisions", "trust");

	/** The Louvain resolution of the stored clusters (the usual modularity). */
	public static final double DEFAULT_RESOLUTION = 1.0;

	/** At most this many people on a named map. */
	public static final int MAP_LIMIT = NetworkMaps.MAP_LIMIT;

	private final WaveStore store;

	private final WaveMetrics metrics;

	private final TieImport imports;

	private final OrganisationNetwork organisations;

	private final WaveExports exports;

	private final AuditLog audit;

	private final AnonymityEngine privacy;

	private final NetworkProperties properties;

	private final Directory directory;

	NetworkService(WaveStore store, WaveMetrics metrics, TieImport imports, OrganisationNetwork organisations,
			WaveExports exports, AuditLog audit, AnonymityEngine privacy, NetworkProperties properties,
			Directory directory) {
		this.directory = directory;
		this.store = store;
		this.metrics = metrics;
		this.imports = imports;
		this.organisations = organisations;
		this.exports = exports;
		this.audit = audit;
		this.privacy = privacy;
		this.properties = properties;
	}

	/** The tenant's waves, oldest first. */
	@Transactional(readOnly = true)
	public List<Wave> waves(long tenantId) {
		return this.store.waves(tenantId);
	}

	/**
	 * One wave of the tenant.
	 * @throws NotFoundException if there is no such wave in the tenant
	 */
	@Transactional(readOnly = true)
	public Wave wave(long tenantId, long waveId) {
		return this.store.wave(tenantId, waveId);
	}

	/**
	 * Imports ties into a wave (created if new, replaced if it exists) from CSV with
	 * header {@code source_person_id,target_person_id} and optional {@code frequency}
	 * (monthly, weekly, daily), {@code flows} (information;advice;decisions;trust),
	 * {@code usefulness} (1-5) and {@code weight}. All or nothing: any problem is
	 * reported by row and column and nothing changes.
	 */
	@Transactional
	public ImportResult importTies(long tenantId, String actor, String waveName, LocalDate collectedOn, String fileName,
			byte[] content) {
		return this.imports.importTies(tenantId, actor, waveName, collectedOn, fileName, content);
	}

	/**
	 * Generates a demo wave of working ties between the tenant's current people; a
	 * follow-up wave is the same network a year on.
	 */
	@Transactional
	public Wave loadDemo(long tenantId, String waveName, LocalDate collectedOn, long seed, boolean followUp) {
		return wave(tenantId, this.imports.loadDemo(tenantId, waveName, collectedOn, seed, followUp));
	}

	/** Forgets a wave's stored metrics: its ties changed. */
	public void tiesChanged(long tenantId, long waveId) {
		this.store.tiesChanged(tenantId, waveId);
	}

	/** Runs a wave's analysis for the background job, reporting progress. */
	@Transactional
	public int analyseInBackground(long tenantId, long waveId, BiConsumer<Integer, Integer> searchesDone) {
		return this.metrics.analyseInBackground(tenantId, waveId, searchesDone);
	}

	/**
	 * Analyses a wave as an undirected network grouped by an attribute, with informal
	 * clusters found at a Louvain resolution (null: {@link #DEFAULT_RESOLUTION}, the
	 * stored clusters; higher finds more, smaller clusters). Named results only for roles
	 * that may see identifiable data; viewing them is audited.
	 * @throws BadRequestException for an unknown grouping or a resolution outside 0.1–10
	 */
	@Transactional
	public Analysis analyse(BalconyUser viewer, Request request) {
		double gamma = resolution(request.resolution());
		String grouping = grouping(request.groupBy());
		long tenantId = viewer.tenantId();
		Wave wave = wave(tenantId, request.waveId());
		Core core = core(tenantId, viewer.getUsername(), wave, grouping);
		boolean named = viewer.role().seesContactDetails();
		List<PersonMetrics> brokers = named ? core.people()
			.stream()
			.sorted(Comparator.comparingDouble(PersonMetrics::betweenness).reversed())
			.limit(15)
			.toList() : List.of();
		if (named) {
			this.audit.record(tenantId, viewer.getUsername(), "NETWORK_VIEWED", wave.name(), "grouped by " + grouping);
		}
		int minCell = this.privacy.thresholds(tenantId).minCell();
		// People who may not see names see groups only when large enough: smaller groups
		// are pooled, and a pool still too small is left out; the same for organisations.
		Matrix shown = named ? core.matrix() : pooled(core.matrix(), minCell);
		List<NetworkViews.OrganisationMetrics> organisations = named ? core.organisations()
				: core.organisations().stream().filter(o -> o.people() >= minCell).toList();
		Graph g = core.loaded().graph();
		GroupMixing.Result mixing = core.mixing();
		int[] clusters = clusters(core, gamma);
		int communities = clusters == null ? 0 : Arrays.stream(clusters).max().orElse(-1) + 1;
		NetworkViews.Formal formal = core.formal();
		List<Finding> findings = core.findings();
		if (gamma != DEFAULT_RESOLUTION && clusters != null) {
			// Clusters at another resolution: their comparison with the organisations,
			// and each person's cluster, follow.
			formal = core.formal() == null ? null : formal(core.loaded(), clusters);
			NetworkViews.Formal compared = formal;
			findings = new ArrayList<>(core.findings().stream().filter(f -> !f.kind().equals("formal")).toList());
			if (compared != null && compared.clusters() > 1) {
				findings.add(Findings.formal(compared));
			}
			brokers = brokers.stream()
				.map(p -> withCluster(p, clusters[g.indexOf(Long.toString(p.personId()))]))
				.toList();
		}
		return new Analysis(wave, grouping, g.size(), g.edgeCount(), communities, gamma, mixing.ei(),
				mixing.expectedEi(), mixing.pSiloed(), mixing.assortativity(), shown, List.copyOf(findings), brokers,
				named, Double.isNaN(core.reciprocity()) ? null : Math.round(core.reciprocity() * 1000) / 1000.0,
				core.pending(), formal, organisations, this.store.respondentCount(tenantId, wave.id()));
	}

	private static String grouping(String groupBy) {
		String grouping = groupBy == null || groupBy.isBlank() ? "sector" : groupBy;
		if (!GROUPINGS.contains(grouping)) {
			throw new BadRequestException(
					"Unknown grouping '" + grouping + "'; use one of: " + String.join(", ", GROUPINGS));
		}
		return grouping;
	}

	/**
	 * The data of the interactive map. People who may see names get people: a person's
	 * ego network ({@code personId}), the people of one group ({@code group}, within the
	 * grouping), or the people with the highest betweenness, at most {@link #MAP_LIMIT},
	 * with the ties among them and each person's informal cluster (numbered from 1);
	 * viewing is audited. Everyone else (or {@code groups}) gets one node per group,
	 * pooled as in the matrix, with ties between groups.
	 */
	@Transactional
	public NetworkViews.MapData map(BalconyUser viewer, Request request, String group, Long personId, boolean groups) {
		Analysis a = analyse(viewer, request);
		if (!a.named() || groups) {
			return NetworkMaps.groups(a);
		}
		Core core = core(viewer.tenantId(), viewer.getUsername(), a.wave(), a.groupBy());
		return NetworkMaps.people(a, core.loaded(), core.metrics(), clusters(core, a.resolution()), group, personId,
				(action, detail) -> this.audit.record(viewer.tenantId(), viewer.getUsername(), action, a.wave().name(),
						detail));
	}

	/**
	 * The wave as GraphML (Gephi, yEd), GEXF (Gephi) or CSV, with each person's
	 * attributes; for those who may see names only. The CSV's {@code community} column
	 * holds clusters found at the request's resolution (null: the stored ones).
	 */
	@Transactional
	public String export(BalconyUser viewer, Request request, String format) {
		double gamma = resolution(request.resolution());
		if (!viewer.role().seesContactDetails()) {
			throw new AccessDeniedException("Named networks are for analysts and admins");
		}
		long tenantId = viewer.tenantId();
		Wave wave = wave(tenantId, request.waveId());
		if (!WaveExports.FORMATS.contains(format)) {
			throw new NotFoundException("Export format");
		}
		String file = this.exports.export(tenantId, wave, format, gamma, DEFAULT_RESOLUTION);
		this.audit.record(tenantId, viewer.getUsername(), "NETWORK_EXPORTED", wave.name(), format);
		return file;
	}

	/**
	 * A resolution as typed into a form ("1.5"), checked.
	 * @throws BadRequestException for anything else than a number from 0.1 to 10
	 */
	public static double resolution(String typed) {
		if (typed == null || typed.isBlank()) {
			return DEFAULT_RESOLUTION;
		}
		try {
			return resolution(Double.valueOf(typed.strip()));
		}
		catch (NumberFormatException ex) {
			throw new BadRequestException(
					"Resolution must be a number from 0.1 to 10, like 1.5; got '" + typed.strip() + "'");
		}
	}

	/**
	 * A requested Louvain resolution, checked.
	 * @throws BadRequestException outside 0.1–10
	 */
	public static double resolution(Double requested) {
		if (requested == null) {
			return DEFAULT_RESOLUTION;
		}
		if (!(requested >= 0.1 && requested <= 10)) {
			throw new BadRequestException("Resolution must be between 0.1 and 10 (1 is the usual; higher finds more, "
					+ "smaller clusters); got " + requested);
		}
		return Math.round(requested * 100) / 100.0;
	}

	/**
	 * Everyone's informal cluster at a resolution: the stored clusters at the default,
	 * else Louvain now (same seed), kept with the wave's shared results. Null while the
	 * metrics are still being computed.
	 */
	private static int[] clusters(Core core, double resolution) {
		if (core.metrics() == null) {
			return null;
		}
		if (resolution == DEFAULT_RESOLUTION) {
			return core.metrics().community();
		}
		if (core.clusters().size() >= 8 && !core.clusters().containsKey(resolution)) {
			// A few resolutions are kept per wave; someone trying many starts afresh.
			core.clusters().clear();
		}
		return core.clusters().computeIfAbsent(resolution, r -> WaveMetrics.louvain(core.loaded().graph(), r));
	}

	private static PersonMetrics withCluster(PersonMetrics p, int cluster) {
		return new PersonMetrics(p.personId(), p.name(), p.group(), p.degree(), p.betweenness(), p.harmonic(),
				p.eigenvector(), p.constraint(), p.effectiveSize(), cluster, p.brokerageTotal(), p.liaison(),
				p.reciprocity(), p.named(), p.namedBy());
	}

	/**
	 * What every view of a wave and grouping shares, whoever looks: the graph, the stored
	 * metrics (null while a background job computes them, then {@code pending} says how
	 * far it is), mixing, everyone's metrics, findings, clusters against organisations,
	 * and the organisation network.
	 */
	private record Core(Loaded loaded, Stored metrics, JobView pending, GroupMixing.Result mixing, Matrix matrix,
			double reciprocity, List<PersonMetrics> people, List<Finding> findings, NetworkViews.Formal formal,
			List<NetworkViews.OrganisationMetrics> organisations, Map<Double, int[]> clusters) {
	}

	/**
	 * Cores of recently viewed waves, per instance, keyed by tenant, wave, grouping, the
	 * version of the tenant's system model, and when its metrics were stored (and the
	 * previous wave's ties, for change): new ties remove the stored metrics, and a
	 * re-import that moves people between groups raises the version (on whichever
	 * instance it ran), so a changed wave is never served from here.
	 */
	private final Map<String, Core> cores = Collections
		.synchronizedMap(new LinkedHashMap<String, Core>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Core> eldest) {
				return size() > 12;
			}
		});

	/**
	 * Drops the tenant's cores once a change to its system model has committed (they
	 * would no longer be served; this frees the memory at once on this instance).
	 */
	@TransactionalEventListener(fallbackExecution = true)
	void systemModelChanged(SystemModelChanged event) {
		String prefix = event.tenantId() + "|";
		synchronized (this.cores) {
			this.cores.keySet().removeIf(key -> key.startsWith(prefix));
		}
	}

	private Core core(long tenantId, String actor, Wave wave, String grouping) {
		Wave previous = this.store.previousWave(tenantId, wave);
		Timestamp computed = this.metrics.computedAt(tenantId, wave.id()).orElse(null);
		String key = computed == null ? null
				: tenantId + "|" + wave.id() + "|" + grouping + "|" + this.directory.version(tenantId) + "|" + computed
						+ "|" + wave.ties() + "|" + (previous == null ? "-" : previous.id() + ":" + previous.ties());
		Core cached = key == null ? null : this.cores.get(key);
		if (cached != null) {
			return cached;
		}
		Loaded loaded = this.store.load(tenantId, wave, grouping);
		Graph g = loaded.graph();
		Stored metrics = this.metrics.stored(tenantId, wave.id(), loaded);
		JobView pending = null;
		if (metrics == null) {
			if (g.size() <= this.properties.getInlineLimit()) {
				metrics = this.metrics.computeAndStore(tenantId, wave.id(), loaded, done -> {
				});
			}
			else {
				pending = this.metrics.analysisJob(tenantId, actor, wave);
			}
		}
		GroupMixing.Result mixing = GroupMixing.compute(g, loaded.groups(), loaded.groupNames().size(), 200, 7);
		Matrix matrix = new Matrix(loaded.groupNames(), Arrays.stream(mixing.groupSizes()).boxed().toList(),
				mixing.ties(), mixing.density());
		Map<Long, int[]> named0 = new HashMap<>();
		double reciprocity = this.store.reciprocity(tenantId, wave.id(), named0);
		Map<Long, Integer> namedBy = this.store.timesNamed(tenantId, wave.id());
		List<PersonMetrics> all = new ArrayList<>();
		Brokerage.Result brokerage = metrics == null ? null : Brokerage.compute(g, loaded.groups());
		for (int v = 0; metrics != null && v < g.size(); v++) {
			PersonAttributes p = loaded.people().get(v);
			all.add(new PersonMetrics(p.id(), p.name(), loaded.groupNames().get(loaded.groups()[v]),
					metrics.degree()[v], metrics.betweenness()[v], metrics.harmonic()[v], metrics.eigenvector()[v],
					metrics.constraint()[v], metrics.effectiveSize()[v], metrics.community()[v], brokerage.total(v),
					brokerage.liaison(v), share(named0.get(p.id())),
					named0.containsKey(p.id()) ? named0.get(p.id())[0] : 0, namedBy.getOrDefault(p.id(), 0)));
		}
		List<Finding> findings = metrics == null ? new ArrayList<>()
				: new ArrayList<>(Findings.of(all, matrix, mixing, previous,
						previous == null ? Set.of() : this.store.tiePairs(tenantId, previous.id()),
						this.store.tiePairs(tenantId, wave.id())));
		// A network survey asks only about ties outside one's own organisation: mixing by
		// organisation and clusters against organisations say nothing there.
		boolean acrossOnly = wave.campaignId() != null;
		if (acrossOnly) {
			if (grouping.equals("organisation")) {
				findings.removeIf(f -> f.kind().equals("silo") || f.kind().equals("mixing"));
			}
			findings.add(0, new Finding("scope", "Only ties across organisations were asked about",
					"This wave comes from a network survey that asked people whom they work with outside their own "
							+ "organisation, so ties inside organisations are not in it: read silos and mixing by "
							+ "sector, place or level rather than by organisation."));
		}
		NetworkViews.Formal formal = metrics == null || acrossOnly ? null : formal(loaded, metrics.community());
		if (formal != null && formal.clusters() > 1) {
			findings.add(Findings.formal(formal));
		}
		Core core = new Core(loaded, metrics, pending, mixing, matrix, reciprocity, List.copyOf(all),
				List.copyOf(findings), formal, this.organisations.organisations(tenantId, wave, loaded, 0),
				new ConcurrentHashMap<>());
		if (key != null && metrics != null) {
			this.cores.put(key, core);
		}
		return core;
	}

	private static Double share(int[] counts) {
		return counts == null || counts[0] == 0 ? null : Math.round(1000.0 * counts[1] / counts[0]) / 1000.0;
	}

	/**
	 * How far informal clusters follow organisational lines (see
	 * {@link ClusterAgreement}).
	 */
	static NetworkViews.Formal formal(Loaded loaded, int[] community) {
		String[] organisation = loaded.people().stream().map(PersonAttributes::organisation).toArray(String[]::new);
		ClusterAgreement.Result r = ClusterAgreement.compute(community, organisation);
		return r == null ? null : new NetworkViews.Formal(r.clusters(), r.labels(), r.purity(), r.nmi());
	}

	/**
	 * The matrix with every group of fewer than {@code k} people pooled (see
	 * {@link SmallGroups}); the same matrix when there is none.
	 */
	static Matrix pooled(Matrix m, int k) {
		SmallGroups.Table t = SmallGroups.pool(m.groups(), m.sizes(), m.ties(), k);
		return t == null ? m : new Matrix(t.groups(), t.sizes(), t.counts(), t.density());
	}

}
