package app.balcony.network;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import app.balcony.identity.AuditLog;
import app.balcony.jobs.JobQueue;
import app.balcony.jobs.JobRequest;
import app.balcony.jobs.JobView;
import app.balcony.identity.BalconyUser;
import app.balcony.network.NetworkViews.Analysis;
import app.balcony.network.NetworkViews.Finding;
import app.balcony.network.NetworkViews.ImportResult;
import app.balcony.network.NetworkViews.Matrix;
import app.balcony.network.NetworkViews.PersonMetrics;
import app.balcony.network.NetworkViews.Wave;
import app.balcony.network.analysis.Brokerage;
import app.balcony.network.analysis.Graph;
import app.balcony.network.analysis.GroupMixing;
import app.balcony.network.analysis.LouvainCommunities;
import app.balcony.network.analysis.NetworkMetrics;
import app.balcony.network.demo.DemoNetworkGenerator;
import app.balcony.shared.BadRequestException;
import app.balcony.shared.NotFoundException;
import app.balcony.system.SystemQueries;
import app.balcony.system.Views;
import app.balcony.system.Views.PersonAttributes;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Waves of ties, their import, and their analysis: metrics per person, group mixing, and
 * findings an OD lead can act on. Every query is scoped to the caller's tenant. Named
 * results (who the brokers are) are only produced for admins and analysts.
 */
@Service
public class NetworkService {

	/** Groupings an analysis can use. */
	public static final List<String> GROUPINGS = List.of("sector", "organisation", "place", "level", "staff_group",
			"seniority");

	static final List<String> FREQUENCIES = List.of("monthly", "weekly", "daily");

	static final List<String> FLOWS = List.of("information", "advice", "decisions", "trust");

	private final JdbcTemplate jdbc;

	private final SystemQueries system;

	private final AuditLog audit;

	private final app.balcony.privacy.AnonymityEngine privacy;

	private final JobQueue jobs;

	/**
	 * Waves with at most this many people are analysed while the page loads (under a
	 * second at 5,000); larger ones in the background, with progress
	 * ({@code balcony.network.inline-limit}).
	 */
	private int inlineLimit;

	static final String JOB_TYPE = "network-analysis";

	NetworkService(JdbcTemplate jdbc, SystemQueries system, AuditLog audit, app.balcony.privacy.AnonymityEngine privacy,
			JobQueue jobs,
			@org.springframework.beans.factory.annotation.Value("${balcony.network.inline-limit:5000}") int inlineLimit) {
		this.inlineLimit = inlineLimit;
		this.jdbc = jdbc;
		this.system = system;
		this.audit = audit;
		this.privacy = privacy;
		this.jobs = jobs;
	}

	@Transactional(readOnly = true)
	public List<Wave> waves(long tenantId) {
		Map<Long, Long> ties = new HashMap<>();
		this.jdbc.query("select wave_id, count(*) from network_tie where tenant_id = ? group by wave_id", rs -> {
			ties.put(rs.getLong(1), rs.getLong(2));
		}, tenantId);
		Map<Long, Long> people = new HashMap<>();
		this.jdbc.query("select wave_id, count(distinct p) from (select wave_id, source_id as p from network_tie "
				+ "where tenant_id = ? union select wave_id, target_id from network_tie where tenant_id = ? "
				+ "union select wave_id, person_id from network_respondent where tenant_id = ?) x group by wave_id",
				rs -> {
					people.put(rs.getLong(1), rs.getLong(2));
				}, tenantId, tenantId, tenantId);
		return this.jdbc.query(
				"select id, name, collected_on, campaign_id from network_wave where tenant_id = ? order by collected_on, id",
				(rs, n) -> new Wave(rs.getLong(1), rs.getString(2), rs.getDate(3).toLocalDate(),
						ties.getOrDefault(rs.getLong(1), 0L), people.getOrDefault(rs.getLong(1), 0L),
						(Long) rs.getObject(4, Long.class)),
				tenantId);
	}

	@Transactional(readOnly = true)
	public Wave wave(long tenantId, long waveId) {
		List<Wave> found = this.jdbc.query(
				"select w.id, w.name, w.collected_on, w.campaign_id, (select count(*) from network_tie t where t.wave_id = w.id) "
						+ "from network_wave w where w.tenant_id = ? and w.id = ?",
				(rs, n) -> new Wave(rs.getLong(1), rs.getString(2), rs.getDate(3).toLocalDate(), rs.getLong(5), 0,
						(Long) rs.getObject(4, Long.class)),
				tenantId, waveId);
		if (found.isEmpty()) {
			throw new NotFoundException("Network wave");
		}
		Wave w = found.get(0);
		// The stored analysis knows how many people the wave has (its graph's size).
		List<Long> stored = this.jdbc.queryForList("select vertices from network_analysis where wave_id = ?",
				Long.class, waveId);
		Long people = !stored.isEmpty() ? stored.get(0)
				: this.jdbc.queryForObject(
						"select count(distinct p) from (select source_id as p from network_tie "
								+ "where wave_id = ? union select target_id from network_tie where wave_id = ? "
								+ "union select person_id from network_respondent where wave_id = ?) x",
						Long.class, waveId, waveId, waveId);
		return new Wave(w.id(), w.name(), w.collectedOn(), w.ties(), people == null ? 0 : people, w.campaignId());
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
		app.balcony.shared.CappedList<String> errors = new app.balcony.shared.CappedList<>(
				app.balcony.shared.CappedList.PROBLEMS);
		if (waveName == null || waveName.isBlank() || waveName.length() > 120) {
			errors.add("Wave name: give a name of 1 to 120 characters, e.g. 'Baseline 2025'");
		}
		Map<String, Long> people = new HashMap<>();
		this.jdbc.query("select external_id, id from person where tenant_id = ?", rs -> {
			people.put(rs.getString(1), rs.getLong(2));
			// Balcony's own GraphML/GEXF exports name nodes p<internal id>.
			people.putIfAbsent("p" + rs.getLong(2), rs.getLong(2));
		}, tenantId);
		Map<String, Long> organisations = new HashMap<>();
		this.jdbc.query("select external_id, id from organisation where tenant_id = ?", rs -> {
			organisations.put(rs.getString(1), rs.getLong(2));
		}, tenantId);
		Map<String, Object[]> ties = new LinkedHashMap<>();
		List<Object[]> organisationTies = new ArrayList<>();
		java.util.Set<Long> respondents = new java.util.LinkedHashSet<>();
		try {
			TieFiles.Read read = TieFiles.read(fileName == null ? "ties.csv" : fileName, content);
			for (String respondent : read.respondents()) {
				Long id = people.get(respondent);
				if (id == null) {
					errors.add(fileName + ": respondent '" + respondent + "' is not a person_id of this ICS");
				}
				else {
					respondents.add(id);
				}
			}
			List<String> header = read.header();
			boolean personColumns = header.contains("source_person_id") && header.contains("target_person_id");
			boolean organisationColumns = header.contains("source_organisation_id")
					&& header.contains("target_organisation_id");
			if (!personColumns && !organisationColumns) {
				errors.add(fileName + ", row 1: the header needs source_person_id and target_person_id (or "
						+ "source_organisation_id and target_organisation_id); found " + String.join(",", header));
			}
			else {
				for (TieFiles.TieRow tie : read.rows()) {
					String row = tie.where();
					Map<String, String> values = tie.values();
					boolean organisationRow = !organisationColumns ? false
							: !personColumns || (values.getOrDefault("source_person_id", "").isEmpty()
									&& values.getOrDefault("target_person_id", "").isEmpty());
					String kind = organisationRow ? "organisation" : "person";
					Map<String, Long> ids = organisationRow ? organisations : people;
					String sourceColumn = "source_" + kind + "_id";
					String targetColumn = "target_" + kind + "_id";
					Long source = ids.get(values.getOrDefault(sourceColumn, ""));
					Long target = ids.get(values.getOrDefault(targetColumn, ""));
					if (source == null) {
						errors.add(fileName + ", " + row + ", column " + sourceColumn + ": no " + kind + " with " + kind
								+ "_id '" + values.getOrDefault(sourceColumn, "") + "'");
					}
					if (target == null) {
						errors.add(fileName + ", " + row + ", column " + targetColumn + ": no " + kind + " with " + kind
								+ "_id '" + values.getOrDefault(targetColumn, "") + "'");
					}
					if (source != null && source.equals(target)) {
						errors.add(fileName + ", " + row + ", column " + targetColumn + ": a tie needs two different "
								+ (organisationRow ? "organisations" : "people"));
						continue;
					}
					String frequency = values.getOrDefault("frequency", "").toLowerCase(Locale.ROOT);
					if (!frequency.isEmpty() && !FREQUENCIES.contains(frequency)) {
						errors.add(fileName + ", " + row + ", column frequency: '" + frequency
								+ "' is not one of monthly, weekly, daily");
					}
					String flows = values.getOrDefault("flows", "").toLowerCase(Locale.ROOT);
					for (String flow : flows.isEmpty() ? new String[0] : flows.split(";")) {
						if (!FLOWS.contains(flow.trim())) {
							errors.add(fileName + ", " + row + ", column flows: '" + flow.trim()
									+ "' is not one of information, advice, decisions, trust");
						}
					}
					Integer usefulness = null;
					String useful = values.getOrDefault("usefulness", "");
					if (!useful.isEmpty()) {
						try {
							usefulness = Integer.parseInt(useful);
							if (usefulness < 1 || usefulness > 5) {
								throw new NumberFormatException();
							}
						}
						catch (NumberFormatException ex) {
							errors.add(fileName + ", " + row + ", column usefulness: '" + useful
									+ "' is not a whole number from 1 to 5");
						}
					}
					double weight = 1;
					String w = values.getOrDefault("weight", "");
					if (!w.isEmpty()) {
						try {
							weight = Double.parseDouble(w);
							if (!Double.isFinite(weight) || weight <= 0) {
								errors.add(fileName + ", " + row + ", column weight: '" + w
										+ "' is not a positive number");
							}
						}
						catch (NumberFormatException ex) {
							errors.add(fileName + ", " + row + ", column weight: '" + w + "' is not a number");
						}
					}
					if (source != null && target != null && organisationRow) {
						organisationTies.add(new Object[] { source, target, frequency.isEmpty() ? null : frequency,
								flows.isEmpty() ? null : flows, usefulness, weight });
					}
					else if (source != null && target != null) {
						ties.put(source + ">" + target,
								new Object[] { source, target, frequency.isEmpty() ? null : frequency,
										flows.isEmpty() ? null : flows, usefulness, weight });
					}
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			errors.add(fileName + ": not a readable tie file (" + ex.getMessage() + ")");
		}
		if (errors.isEmpty() && ties.isEmpty() && organisationTies.isEmpty() && respondents.isEmpty()) {
			// An import replaces the wave's ties: an empty file would wipe a wave.
			errors.add(fileName + ": no ties in the file. An import replaces a wave's ties, so a file without any "
					+ "is refused rather than emptying the wave.");
		}
		if (!errors.isEmpty()) {
			this.audit.record(tenantId, actor, "NETWORK_IMPORT_REJECTED", fileName, errors.total() + " problems");
			List<String> listed = new ArrayList<>(errors);
			if (errors.overflow() > 0) {
				listed
					.add("…and " + errors.overflow() + " more problems, not listed. Fix these first and import again.");
			}
			return new ImportResult(false, 0, 0, listed);
		}
		long waveId = replaceWave(tenantId, actor, waveName.trim(), collectedOn);
		if (!respondents.isEmpty()) {
			// A file that lists who answered (Balcony's own GraphML/GEXF) brings them
			// back,
			// including those who named nobody.
			this.jdbc.update("delete from network_respondent where tenant_id = ? and wave_id = ?", tenantId, waveId);
			this.jdbc.batchUpdate("insert into network_respondent (wave_id, person_id, tenant_id) values (?, ?, ?)",
					respondents.stream().map(r -> new Object[] { waveId, r, tenantId }).toList());
		}
		this.jdbc.batchUpdate(
				"insert into network_tie (tenant_id, wave_id, source_id, target_id, frequency, flows, "
						+ "usefulness, weight) values (?, ?, ?, ?, ?, ?, ?, ?)",
				ties.values()
					.stream()
					.map(t -> new Object[] { tenantId, waveId, t[0], t[1], t[2], t[3], t[4], t[5] })
					.toList());
		this.jdbc.batchUpdate(
				"insert into network_org_tie (tenant_id, wave_id, source_org_id, target_org_id, "
						+ "frequency, flows, usefulness, weight) values (?, ?, ?, ?, ?, ?, ?, ?)",
				organisationTies.stream()
					.map(t -> new Object[] { tenantId, waveId, t[0], t[1], t[2], t[3], t[4], t[5] })
					.toList());
		this.audit.record(tenantId, actor, "NETWORK_IMPORTED", waveName.trim(), ties.size()
				+ " ties between people and " + organisationTies.size() + " between organisations from " + fileName);
		return new ImportResult(true, waveId, ties.size() + organisationTies.size(), List.of());
	}

	private long replaceWave(long tenantId, String actor, String name, LocalDate collectedOn) {
		List<Long> existing = this.jdbc.queryForList("select id from network_wave where tenant_id = ? and name = ?",
				Long.class, tenantId, name);
		if (!existing.isEmpty()) {
			this.jdbc.update("delete from network_tie where wave_id = ?", existing.get(0));
			this.jdbc.update("delete from network_org_tie where wave_id = ?", existing.get(0));
			tiesChanged(tenantId, existing.get(0));
			this.jdbc.update("update network_wave set collected_on = ? where id = ?", Date.valueOf(collectedOn),
					existing.get(0));
			return existing.get(0);
		}
		this.jdbc.update(
				"insert into network_wave (tenant_id, name, collected_on, created_by, created_at) values (?, ?, ?, ?, ?)",
				tenantId, name, Date.valueOf(collectedOn), actor, Timestamp.valueOf(LocalDateTime.now()));
		return this.jdbc.queryForObject("select id from network_wave where tenant_id = ? and name = ?", Long.class,
				tenantId, name);
	}

	/**
	 * Generates a demo wave of working ties between the tenant's current people; a
	 * follow-up wave is the same network a year on (see
	 * {@link DemoNetworkGenerator#followUp}).
	 */
	@Transactional
	public Wave loadDemo(long tenantId, String waveName, LocalDate collectedOn, long seed, boolean followUp) {
		List<DemoNetworkGenerator.Person> people = new ArrayList<>();
		Map<String, Long> ids = new HashMap<>();
		for (PersonAttributes p : this.system.personAttributes(tenantId, collectedOn)) {
			if (p.organisation() == null) {
				continue;
			}
			ids.put(p.externalId(), p.id());
			boolean senior = p.seniority() != null
					&& (p.seniority().startsWith("Executive") || p.seniority().startsWith("Senior"));
			people.add(new DemoNetworkGenerator.Person(p.externalId(), p.organisation(),
					p.place() == null ? "system" : p.place(), p.sectorKey(), senior));
		}
		long waveId = replaceWave(tenantId, "demo", waveName, collectedOn);
		this.jdbc.batchUpdate(
				"insert into network_tie (tenant_id, wave_id, source_id, target_id, weight) values (?, ?, ?, ?, 1)",
				(followUp ? DemoNetworkGenerator.followUp(people, seed) : DemoNetworkGenerator.generate(people, seed))
					.stream()
					.map(t -> new Object[] { tenantId, waveId, ids.get(t.source()), ids.get(t.target()) })
					.toList());
		return wave(tenantId, waveId);
	}

	/**
	 * Analyses a wave as an undirected network grouped by an attribute. Named results
	 * only for roles that may see identifiable data; viewing them is audited.
	 * @throws BadRequestException for an unknown grouping
	 */
	@Transactional
	public Analysis analyse(BalconyUser viewer, long waveId, String groupBy) {
		return analyse(viewer, waveId, groupBy, null);
	}

	/**
	 * As {@link #analyse(BalconyUser, long, String)}, with informal clusters found at a
	 * Louvain resolution (null: {@link #DEFAULT_RESOLUTION}, the stored clusters); higher
	 * finds more, smaller clusters.
	 * @throws BadRequestException for an unknown grouping or a resolution outside 0.1–10
	 */
	@Transactional
	public Analysis analyse(BalconyUser viewer, long waveId, String groupBy, Double resolution) {
		double gamma = resolution(resolution);
		String grouping = groupBy == null || groupBy.isBlank() ? "sector" : groupBy;
		if (!GROUPINGS.contains(grouping)) {
			throw new BadRequestException(
					"Unknown grouping '" + grouping + "'; use one of: " + String.join(", ", GROUPINGS));
		}
		long tenantId = viewer.tenantId();
		Wave wave = wave(tenantId, waveId);
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
				core.pending(), formal, organisations, respondents(tenantId, wave.id()));
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

	/** The Louvain resolution of the stored clusters (the usual modularity). */
	public static final double DEFAULT_RESOLUTION = 1.0;

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
		return core.clusters().computeIfAbsent(resolution, r -> louvain(core.loaded().graph(), r));
	}

	/** Louvain clusters at a resolution, with the seed the stored clusters use. */
	private static int[] louvain(Graph g, double resolution) {
		return LouvainCommunities.compute(g, resolution, NetworkMetrics.Options.defaults().seed()).community();
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
	record Core(Loaded loaded, Stored metrics, JobView pending, GroupMixing.Result mixing, Matrix matrix,
			double reciprocity, List<PersonMetrics> people, List<Finding> findings, NetworkViews.Formal formal,
			List<NetworkViews.OrganisationMetrics> organisations, Map<Double, int[]> clusters) {
	}

	/**
	 * Cores of recently viewed waves, per instance, keyed by wave, grouping and when its
	 * metrics were stored (and the previous wave's ties, for change): new ties remove the
	 * stored metrics, so a changed wave is never served from here.
	 */
	private final Map<String, Core> cores = java.util.Collections
		.synchronizedMap(new LinkedHashMap<String, Core>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Core> eldest) {
				return size() > 12;
			}
		});

	private Core core(long tenantId, String actor, Wave wave, String grouping) {
		Wave previous = previousWave(tenantId, wave);
		List<Timestamp> computed = this.jdbc.queryForList(
				"select computed_at from network_analysis where tenant_id = ? and wave_id = ?", Timestamp.class,
				tenantId, wave.id());
		String key = computed.isEmpty() ? null : wave.id() + "|" + grouping + "|" + computed.get(0) + "|" + wave.ties()
				+ "|" + (previous == null ? "-" : previous.id() + ":" + previous.ties());
		Core cached = key == null ? null : this.cores.get(key);
		if (cached != null) {
			return cached;
		}
		Loaded loaded = load(tenantId, wave, grouping);
		Graph g = loaded.graph();
		Stored metrics = stored(tenantId, wave.id(), loaded);
		JobView pending = null;
		if (metrics == null) {
			if (g.size() <= this.inlineLimit) {
				metrics = computeAndStore(tenantId, wave.id(), loaded, done -> {
				});
			}
			else {
				pending = analysisJob(tenantId, actor, wave);
			}
		}
		GroupMixing.Result mixing = GroupMixing.compute(g, loaded.groups(), loaded.groupNames().size(), 200, 7);
		Matrix matrix = new Matrix(loaded.groupNames(), Arrays.stream(mixing.groupSizes()).boxed().toList(),
				mixing.ties(), mixing.density());
		Map<Long, int[]> named0 = new HashMap<>();
		double reciprocity = reciprocity(tenantId, wave.id(), named0);
		Map<Long, Integer> namedBy = new HashMap<>();
		this.jdbc.query("select target_id, count(*) from network_tie where tenant_id = ? and wave_id = ? "
				+ "group by target_id", rs -> {
					namedBy.put(rs.getLong(1), rs.getInt(2));
				}, tenantId, wave.id());
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
						previous == null ? Set.of() : tiePairs(tenantId, previous.id()),
						tiePairs(tenantId, wave.id())));
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
				List.copyOf(findings), formal, organisations(tenantId, wave, loaded, 0),
				new java.util.concurrent.ConcurrentHashMap<>());
		if (key != null && metrics != null) {
			this.cores.put(key, core);
		}
		return core;
	}

	/** At most this many people on a named map (the map stays readable and fast). */
	static final int MAP_LIMIT = 400;

	/**
	 * The data of the interactive map. People who may see names get people: a person's
	 * ego network ({@code personId}), the people of one group ({@code group}, within the
	 * grouping), or the people with the highest betweenness, at most {@link #MAP_LIMIT},
	 * with the ties among them; viewing is audited. Everyone else (or {@code groups})
	 * gets one node per group, pooled as in the matrix, with ties between groups.
	 */
	@Transactional
	public NetworkViews.MapData map(BalconyUser viewer, long waveId, String groupBy, String group, Long personId,
			boolean groups) {
		return map(viewer, waveId, groupBy, group, personId, groups, null);
	}

	/**
	 * As {@link #map(BalconyUser, long, String, String, Long, boolean)}, with each
	 * person's informal cluster (numbered from 1) at a Louvain resolution.
	 */
	@Transactional
	public NetworkViews.MapData map(BalconyUser viewer, long waveId, String groupBy, String group, Long personId,
			boolean groups, Double resolution) {
		Analysis a = analyse(viewer, waveId, groupBy, resolution);
		long tenantId = viewer.tenantId();
		if (!a.named() || groups) {
			return groupMap(a);
		}
		Core core = core(tenantId, viewer.getUsername(), a.wave(), a.groupBy());
		Loaded loaded = core.loaded();
		Graph g = loaded.graph();
		Stored m = core.metrics();
		int[] clusters = clusters(core, a.resolution());
		double[] betweenness = m == null ? new double[g.size()] : m.betweenness();
		Integer[] order = new Integer[g.size()];
		for (int v = 0; v < g.size(); v++) {
			order[v] = v;
		}
		Arrays.sort(order, (x, y) -> Double.compare(betweenness[y], betweenness[x]));
		boolean[] broker = new boolean[g.size()];
		for (int i = 0; i < Math.max(1, g.size() / 20) && i < g.size() && m != null; i++) {
			broker[order[i]] = betweenness[order[i]] > 0;
		}
		List<Integer> chosen = new ArrayList<>();
		String description;
		Integer ego = null;
		if (personId != null) {
			int v = g.indexOf(Long.toString(personId));
			if (v < 0) {
				throw new NotFoundException("Person in this wave");
			}
			ego = v;
			chosen.add(v);
			for (int w : g.allNeighbours(v)) {
				chosen.add(w);
			}
			description = loaded.people().get(v).name() + "'s ego network: " + (chosen.size() - 1)
					+ " people they are tied to, and the ties among them.";
			this.audit.record(tenantId, viewer.getUsername(), "NETWORK_EGO_VIEWED", a.wave().name(),
					"person " + personId);
		}
		else {
			int groupIndex = group == null || group.isBlank() ? -1 : a.matrix().groups().indexOf(group);
			if (group != null && !group.isBlank() && groupIndex < 0) {
				throw new BadRequestException("No group '" + group + "' when grouped by " + a.groupBy());
			}
			int matching = 0;
			for (int v : order) {
				if (groupIndex < 0 || loaded.groups()[v] == groupIndex) {
					matching++;
					if (chosen.size() < MAP_LIMIT) {
						chosen.add(v);
					}
				}
			}
			String who = groupIndex < 0 ? "people" : "people in " + group;
			description = chosen.size() == matching ? "All " + matching + " " + who + " and the ties among them."
					: "The " + chosen.size() + " " + who + " with the highest betweenness (of " + matching
							+ "), and the ties among them. Choose a group or a person's ego network to see others.";
			this.audit.record(tenantId, viewer.getUsername(), "NETWORK_MAP_VIEWED", a.wave().name(),
					groupIndex < 0 ? "top people" : "group " + group);
		}
		java.util.Set<Integer> in = new HashSet<>(chosen);
		List<Map<String, Object>> nodes = new ArrayList<>();
		for (int v : chosen) {
			PersonAttributes p = loaded.people().get(v);
			Map<String, Object> node = new LinkedHashMap<>();
			node.put("id", p.id());
			node.put("person", p.id());
			node.put("label", p.name());
			node.put("group", loaded.groupNames().get(loaded.groups()[v]));
			node.put("sector", p.sector());
			node.put("organisation", p.organisation());
			node.put("place", p.place());
			node.put("staff_group", p.staffGroup());
			node.put("degree", g.degree(v));
			node.put("betweenness", Math.round(betweenness[v] * 10) / 10.0);
			if (m != null) {
				node.put("harmonic", Math.round(m.harmonic()[v] * 10) / 10.0);
				node.put("eigenvector", m.eigenvector()[v]);
				node.put("constraint", Double.isNaN(m.constraint()[v]) ? null : m.constraint()[v]);
			}
			if (clusters != null) {
				node.put("cluster", clusters[v] + 1);
			}
			node.put("broker", broker[v]);
			nodes.add(node);
		}
		List<NetworkViews.MapEdge> edges = new ArrayList<>();
		int[] out = g.outAdjacency();
		for (int u : chosen) {
			for (int i = g.outStart(u); i < g.outEnd(u); i++) {
				if (out[i] > u && in.contains(out[i])) {
					edges.add(new NetworkViews.MapEdge(Long.parseLong(g.id(u)), Long.parseLong(g.id(out[i])), 1));
				}
			}
		}
		List<NetworkViews.MapField> fields = List.of(new NetworkViews.MapField("group", "Group"),
				new NetworkViews.MapField("organisation", "Organisation"), new NetworkViews.MapField("place", "Place"),
				new NetworkViews.MapField("degree", "Ties"), new NetworkViews.MapField("betweenness", "Betweenness"),
				new NetworkViews.MapField("harmonic", "Harmonic closeness"),
				new NetworkViews.MapField("eigenvector", "Eigenvector"),
				new NetworkViews.MapField("constraint", "Constraint"),
				new NetworkViews.MapField("cluster", "Informal cluster"));
		return new NetworkViews.MapData(true, description, nodes, edges, fields,
				ego == null ? null : Long.parseLong(g.id(ego)), 1);
	}

	private static NetworkViews.MapData groupMap(Analysis a) {
		Matrix m = a.matrix();
		List<Map<String, Object>> nodes = new ArrayList<>();
		List<NetworkViews.MapEdge> edges = new ArrayList<>();
		long max = 1;
		for (int i = 0; i < m.groups().size(); i++) {
			Map<String, Object> node = new LinkedHashMap<>();
			node.put("id", i);
			node.put("label", m.groups().get(i));
			node.put("group", m.groups().get(i));
			node.put("people", m.sizes().get(i));
			node.put("within", m.ties()[i][i]);
			node.put("density", Math.round(m.density()[i][i] * 10000) / 10000.0);
			long between = 0;
			for (int j = 0; j < m.groups().size(); j++) {
				if (j != i) {
					between += m.ties()[i][j];
				}
				if (j > i && m.ties()[i][j] > 0) {
					edges.add(new NetworkViews.MapEdge(i, j, m.ties()[i][j]));
					max = Math.max(max, m.ties()[i][j]);
				}
			}
			node.put("between", between);
			nodes.add(node);
		}
		return new NetworkViews.MapData(
				false, "One circle per group (" + a.groupBy().replace('_', ' ')
						+ "), sized by its people; lines are ties " + "between groups, thicker for more ties.",
				nodes, edges,
				List.of(new NetworkViews.MapField("people", "People"),
						new NetworkViews.MapField("within", "Ties within the group"),
						new NetworkViews.MapField("between", "Ties to other groups"),
						new NetworkViews.MapField("density", "Density within")),
				null, max);
	}

	/** Forgets a wave's stored metrics: its ties changed. */
	public void tiesChanged(long tenantId, long waveId) {
		this.jdbc.update("delete from network_person_metric where wave_id = ?", waveId);
		this.jdbc.update("delete from network_analysis where tenant_id = ? and wave_id = ?", tenantId, waveId);
	}

	/** Per-vertex metrics without brokerage (which depends on the grouping). */
	record Stored(int[] degree, double[] betweenness, double[] harmonic, double[] eigenvector, double[] constraint,
			double[] effectiveSize, int[] community) {
	}

	/** The wave's stored metrics, if they were computed for the graph as it is now. */
	private Stored stored(long tenantId, long waveId, Loaded loaded) {
		Graph g = loaded.graph();
		List<Map<String, Object>> state = this.jdbc.queryForList(
				"select vertices, edges from network_analysis where tenant_id = ? and wave_id = ?", tenantId, waveId);
		if (state.isEmpty() || ((Number) state.get(0).get("vertices")).intValue() != g.size()
				|| ((Number) state.get(0).get("edges")).intValue() != g.edgeCount()) {
			return null;
		}
		Stored out = new Stored(new int[g.size()], new double[g.size()], new double[g.size()], new double[g.size()],
				new double[g.size()], new double[g.size()], new int[g.size()]);
		int[] found = { 0 };
		this.jdbc.query("select person_id, degree, betweenness, harmonic, eigenvector, constraint_value, "
				+ "effective_size, community from network_person_metric where wave_id = ?", rs -> {
					int v = g.indexOf(Long.toString(rs.getLong(1)));
					if (v < 0) {
						return;
					}
					found[0]++;
					out.degree()[v] = rs.getInt(2);
					out.betweenness()[v] = rs.getDouble(3);
					out.harmonic()[v] = rs.getDouble(4);
					out.eigenvector()[v] = rs.getDouble(5);
					double c = rs.getDouble(6);
					out.constraint()[v] = rs.wasNull() ? Double.NaN : c;
					double e = rs.getDouble(7);
					out.effectiveSize()[v] = rs.wasNull() ? Double.NaN : e;
					out.community()[v] = rs.getInt(8);
				}, waveId);
		return found[0] == g.size() ? out : null;
	}

	/** Computes a wave's metrics and stores them (replacing any older ones). */
	Stored computeAndStore(long tenantId, long waveId, Loaded loaded, java.util.function.IntConsumer searchesDone) {
		Graph g = loaded.graph();
		NetworkMetrics m = NetworkMetrics.compute(g, null, NetworkMetrics.Options.defaults(), searchesDone);
		tiesChanged(tenantId, waveId);
		List<Object[]> rows = new ArrayList<>();
		for (int v = 0; v < g.size(); v++) {
			rows.add(new Object[] { waveId, Long.parseLong(g.id(v)), m.degree()[v], m.betweenness()[v], m.harmonic()[v],
					m.eigenvector()[v], Double.isNaN(m.constraint()[v]) ? null : m.constraint()[v],
					Double.isNaN(m.effectiveSize()[v]) ? null : m.effectiveSize()[v], m.community()[v] });
		}
		this.jdbc.batchUpdate("insert into network_person_metric (wave_id, person_id, degree, betweenness, harmonic, "
				+ "eigenvector, constraint_value, effective_size, community) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
		this.jdbc.update(
				"insert into network_analysis (wave_id, tenant_id, vertices, edges, computed_at) values (?, ?, ?, ?, ?)",
				waveId, tenantId, g.size(), g.edgeCount(), Timestamp.valueOf(LocalDateTime.now()));
		return new Stored(m.degree(), m.betweenness(), m.harmonic(), m.eigenvector(), m.constraint(), m.effectiveSize(),
				m.community());
	}

	/** Runs a wave's analysis for the background job, reporting progress. */
	@Transactional
	public int analyseInBackground(long tenantId, long waveId,
			java.util.function.BiConsumer<Integer, Integer> searchesDone) {
		Wave wave = wave(tenantId, waveId);
		Loaded loaded = load(tenantId, wave, "sector");
		int n = loaded.graph().size();
		if (stored(tenantId, waveId, loaded) == null) {
			computeAndStore(tenantId, waveId, loaded, done -> searchesDone.accept(Math.min(done, n), n));
		}
		return loaded.graph().size();
	}

	/** The queued or running analysis of a wave, queued now if there is none. */
	private JobView analysisJob(long tenantId, String actor, Wave wave) {
		String title = "Network analysis of wave " + wave.id();
		for (JobView job : this.jobs.recent(tenantId, JOB_TYPE, 20)) {
			if (job.title().equals(title) && !job.status().finished()) {
				return job;
			}
		}
		long id = this.jobs
			.submit(new JobRequest(tenantId, JOB_TYPE, title, actor, wave.name(), Long.toString(wave.id()), null));
		return this.jobs.find(tenantId, id).orElseThrow();
	}

	/**
	 * How far informal clusters follow organisational lines: the share of people whose
	 * cluster's largest organisation is their own (purity), and the normalised mutual
	 * information between clusters and organisations (0 = unrelated, 1 = identical).
	 */
	static NetworkViews.Formal formal(Loaded loaded, int[] community) {
		int n = community.length;
		if (n == 0) {
			return null;
		}
		Map<String, Integer> organisations = new HashMap<>();
		int[] org = new int[n];
		for (int v = 0; v < n; v++) {
			String o = loaded.people().get(v).organisation();
			org[v] = organisations.computeIfAbsent(o == null ? "" : o, k -> organisations.size());
		}
		int clusters = Arrays.stream(community).max().orElse(0) + 1;
		Map<Long, Integer> joint = new HashMap<>();
		int[] perCluster = new int[clusters];
		int[] perOrg = new int[organisations.size()];
		for (int v = 0; v < n; v++) {
			joint.merge((long) community[v] * organisations.size() + org[v], 1, Integer::sum);
			perCluster[community[v]]++;
			perOrg[org[v]]++;
		}
		int[] largest = new int[clusters];
		double mutual = 0;
		for (Map.Entry<Long, Integer> e : joint.entrySet()) {
			int c = (int) (e.getKey() / organisations.size());
			int o = (int) (e.getKey() % organisations.size());
			largest[c] = Math.max(largest[c], e.getValue());
			double pxy = (double) e.getValue() / n;
			mutual += pxy * Math.log(pxy / ((double) perCluster[c] / n * perOrg[o] / n));
		}
		double hc = entropy(perCluster, n);
		double ho = entropy(perOrg, n);
		double nmi = hc + ho == 0 ? 1 : 2 * mutual / (hc + ho);
		double purity = Arrays.stream(largest).sum() / (double) n;
		return new NetworkViews.Formal(clusters, organisations.size(), Math.round(purity * 1000) / 1000.0,
				Math.round(nmi * 1000) / 1000.0);
	}

	private static double entropy(int[] counts, int n) {
		double h = 0;
		for (int c : counts) {
			if (c > 0) {
				double p = (double) c / n;
				h -= p * Math.log(p);
			}
		}
		return h;
	}

	/**
	 * Organisations as a network: an organisation is tied to another when one of its
	 * people named one of the other's, or when a respondent said their team depends on
	 * it. Organisations with fewer than {@code minPeople} people in the wave are left out
	 * of the rows (0 shows all).
	 */
	List<NetworkViews.OrganisationMetrics> organisations(long tenantId, Wave wave, Loaded loaded, int minPeople) {
		Map<Long, Long> personOrganisation = new HashMap<>();
		Map<Long, Views.Profile> profiles = this.system.profiles(tenantId, wave.collectedOn());
		for (Views.Profile p : profiles.values()) {
			if (p.organisationId() != null) {
				personOrganisation.put(p.personId(), p.organisationId());
			}
		}
		Graph.Builder builder = Graph.builder(false);
		Map<Long, Integer> peopleIn = new HashMap<>();
		for (PersonAttributes p : loaded.people()) {
			Long o = personOrganisation.get(p.id());
			if (o != null) {
				builder.vertex(Long.toString(o));
				peopleIn.merge(o, 1, Integer::sum);
			}
		}
		Map<Long, Integer> dependedOn = new HashMap<>();
		Map<String, Boolean> seen = new HashMap<>();
		this.jdbc.query("select source_id, target_id from network_tie where tenant_id = ? and wave_id = ?", rs -> {
			Long a = personOrganisation.get(rs.getLong(1));
			Long b = personOrganisation.get(rs.getLong(2));
			if (a != null && b != null && !a.equals(b)
					&& seen.putIfAbsent(Math.min(a, b) + ">" + Math.max(a, b), true) == null) {
				builder.edge(Long.toString(a), Long.toString(b), 1);
			}
		}, tenantId, wave.id());
		this.jdbc.query("select source_org_id, target_org_id from network_org_tie where tenant_id = ? and wave_id = ?",
				rs -> {
					long a = rs.getLong(1);
					long b = rs.getLong(2);
					dependedOn.merge(b, 1, Integer::sum);
					if (seen.putIfAbsent(Math.min(a, b) + ">" + Math.max(a, b), true) == null) {
						builder.edge(Long.toString(a), Long.toString(b), 1);
					}
				}, tenantId, wave.id());
		Graph g = builder.build();
		if (g.size() == 0) {
			return List.of();
		}
		// Brokerage roles between sectors: which organisations connect sectors that are
		// not otherwise tied.
		Map<Long, String> sectors = new HashMap<>();
		this.system.organisations(tenantId, wave.collectedOn(), null, null, 0, Integer.MAX_VALUE)
			.items()
			.forEach(o -> sectors.put(o.id(), o.sectorLabel()));
		Map<String, Integer> sectorNumbers = new HashMap<>();
		int[] sectorOf = new int[g.size()];
		for (int v = 0; v < g.size(); v++) {
			sectorOf[v] = sectorNumbers.computeIfAbsent(sectors.getOrDefault(Long.parseLong(g.id(v)), ""),
					k -> sectorNumbers.size());
		}
		NetworkMetrics m = NetworkMetrics.compute(g, sectorOf, NetworkMetrics.Options.defaults());
		Map<Long, String> names = this.system.names(tenantId).organisations();
		List<NetworkViews.OrganisationMetrics> out = new ArrayList<>();
		for (int v = 0; v < g.size(); v++) {
			long id = Long.parseLong(g.id(v));
			int people = peopleIn.getOrDefault(id, 0);
			if (people < minPeople) {
				continue;
			}
			out.add(new NetworkViews.OrganisationMetrics(id, names.getOrDefault(id, "Organisation " + id),
					sectors.get(id), people, m.degree()[v], dependedOn.getOrDefault(id, 0), m.betweenness()[v],
					m.harmonic()[v], m.constraint()[v], m.brokerage().liaison(v), m.brokerage().total(v)));
		}
		out.sort(Comparator.comparingDouble(NetworkViews.OrganisationMetrics::betweenness).reversed());
		return out;
	}

	private int respondents(long tenantId, long waveId) {
		Integer n = this.jdbc.queryForObject(
				"select count(*) from network_respondent where tenant_id = ? and wave_id = ?", Integer.class, tenantId,
				waveId);
		return n == null ? 0 : n;
	}

	/**
	 * Reciprocity of a wave: the share of named ties (a named b) where b also named a.
	 * Fills {@code perPerson} with each person's named and returned counts.
	 */
	double reciprocity(long tenantId, long waveId, Map<Long, int[]> perPerson) {
		Set<String> directed = new HashSet<>();
		List<long[]> ties = new ArrayList<>();
		this.jdbc.query("select source_id, target_id from network_tie where tenant_id = ? and wave_id = ?", rs -> {
			long a = rs.getLong(1);
			long b = rs.getLong(2);
			directed.add(a + ">" + b);
			ties.add(new long[] { a, b });
		}, tenantId, waveId);
		int returned = 0;
		for (long[] t : ties) {
			boolean back = directed.contains(t[1] + ">" + t[0]);
			int[] c = perPerson.computeIfAbsent(t[0], k -> new int[2]);
			c[0]++;
			if (back) {
				c[1]++;
				returned++;
			}
		}
		return ties.isEmpty() ? Double.NaN : (double) returned / ties.size();
	}

	private static Double share(int[] counts) {
		return counts == null || counts[0] == 0 ? null : Math.round(1000.0 * counts[1] / counts[0]) / 1000.0;
	}

	/**
	 * The matrix with every group of fewer than {@code k} people merged into one "smaller
	 * groups" row and column (left out entirely if the merged group is still under k).
	 */
	static Matrix pooled(Matrix m, int k) {
		int n = m.groups().size();
		List<Integer> keep = new ArrayList<>();
		int pooledSize = 0;
		for (int i = 0; i < n; i++) {
			if (m.sizes().get(i) >= k) {
				keep.add(i);
			}
			else {
				pooledSize += m.sizes().get(i);
			}
		}
		if (keep.size() == n) {
			return m;
		}
		boolean pool = pooledSize >= k;
		int size = keep.size() + (pool ? 1 : 0);
		int[] target = new int[n];
		Arrays.fill(target, -1);
		for (int i = 0; i < keep.size(); i++) {
			target[keep.get(i)] = i;
		}
		if (pool) {
			for (int i = 0; i < n; i++) {
				if (target[i] < 0) {
					target[i] = size - 1;
				}
			}
		}
		List<String> groups = new ArrayList<>();
		List<Integer> sizes = new ArrayList<>();
		keep.forEach(i -> {
			groups.add(m.groups().get(i));
			sizes.add(m.sizes().get(i));
		});
		if (pool) {
			groups.add("Smaller groups (fewer than " + k + " people each)");
			sizes.add(pooledSize);
		}
		long[][] ties = new long[size][size];
		for (int a = 0; a < n; a++) {
			for (int b = 0; b < n; b++) {
				if (target[a] >= 0 && target[b] >= 0) {
					ties[target[a]][target[b]] += (a == b || target[a] != target[b]) ? m.ties()[a][b] : m.ties()[a][b];
				}
			}
		}
		// Ties between two small groups were counted in both directions of the pool's
		// cell.
		if (pool) {
			long within = 0;
			for (int a = 0; a < n; a++) {
				for (int b = 0; b < n; b++) {
					if (target[a] == size - 1 && target[b] == size - 1) {
						within += a == b ? 2 * m.ties()[a][b] : m.ties()[a][b];
					}
				}
			}
			ties[size - 1][size - 1] = within / 2;
		}
		double[][] density = new double[size][size];
		for (int a = 0; a < size; a++) {
			for (int b = 0; b < size; b++) {
				double pairs = a == b ? sizes.get(a) * (sizes.get(a) - 1) / 2.0 : (double) sizes.get(a) * sizes.get(b);
				density[a][b] = pairs == 0 ? 0 : ties[a][b] / pairs;
			}
		}
		return new Matrix(groups, sizes, ties, density);
	}

	Wave previousWave(long tenantId, Wave wave) {
		List<Long> ids = this.jdbc.queryForList(
				"select id from network_wave where tenant_id = ? and collected_on < ? order by collected_on desc, id desc",
				Long.class, tenantId, Date.valueOf(wave.collectedOn()));
		return ids.isEmpty() ? null : wave(tenantId, ids.get(0));
	}

	/** Ties of a wave as unordered pairs "min>max" of person ids. */
	Set<String> tiePairs(long tenantId, long waveId) {
		Set<String> pairs = new HashSet<>();
		this.jdbc.query("select source_id, target_id from network_tie where tenant_id = ? and wave_id = ?", rs -> {
			long a = rs.getLong(1);
			long b = rs.getLong(2);
			pairs.add(Math.min(a, b) + ">" + Math.max(a, b));
		}, tenantId, waveId);
		return pairs;
	}

	record Loaded(Graph graph, List<PersonAttributes> people, int[] groups, List<String> groupNames) {
	}

	private Loaded load(long tenantId, Wave wave, String grouping) {
		Map<Long, PersonAttributes> byId = new HashMap<>();
		for (PersonAttributes p : this.system.personAttributes(tenantId, wave.collectedOn())) {
			byId.put(p.id(), p);
		}
		Graph.Builder builder = Graph.builder(false);
		// Respondents of a network survey who named nobody are in the network, alone.
		this.jdbc.query(
				"select person_id from network_respondent where tenant_id = ? and wave_id = ? order by person_id",
				rs -> {
					builder.vertex(Long.toString(rs.getLong(1)));
				}, tenantId, wave.id());
		this.jdbc.query(
				"select source_id, target_id, weight from network_tie where tenant_id = ? and wave_id = ? order by id",
				rs -> {
					builder.edge(Long.toString(rs.getLong(1)), Long.toString(rs.getLong(2)), rs.getDouble(3));
				}, tenantId, wave.id());
		Graph g = builder.build();
		List<PersonAttributes> people = new ArrayList<>();
		// The level (system, place, neighbourhood) of the place each person works in.
		Map<Long, Views.Profile> levels = grouping.equals("level") ? this.system.profiles(tenantId, wave.collectedOn())
				: Map.of();
		Map<String, Integer> groupNumbers = new LinkedHashMap<>();
		int[] groups = new int[g.size()];
		for (int v = 0; v < g.size(); v++) {
			PersonAttributes p = byId.get(Long.parseLong(g.id(v)));
			people.add(p);
			String value = switch (grouping) {
				case "organisation" -> p.organisation();
				case "place" -> p.place();
				case "staff_group" -> p.staffGroup();
				case "seniority" -> p.seniority();
				case "level" -> levelName(levels.get(p.id()));
				default -> p.sector();
			};
			groups[v] = groupNumbers.computeIfAbsent(value == null ? "Not recorded" : value, k -> groupNumbers.size());
		}
		return new Loaded(g, people, groups, new ArrayList<>(groupNumbers.keySet()));
	}

	private static String levelName(Views.Profile profile) {
		if (profile == null || profile.level() == null) {
			return null;
		}
		String key = profile.level().toLowerCase(Locale.ROOT);
		return Character.toUpperCase(key.charAt(0)) + key.substring(1) + " level";
	}

	/**
	 * The wave as GraphML (Gephi, yEd) or GEXF (Gephi), with each person's attributes;
	 * named only when allowed.
	 */
	@Transactional
	public String export(BalconyUser viewer, long waveId, String format) {
		return export(viewer, waveId, format, null);
	}

	/**
	 * As {@link #export(BalconyUser, long, String)}; the CSV's {@code community} column
	 * holds clusters found at a Louvain resolution (null: the stored ones).
	 */
	@Transactional
	public String export(BalconyUser viewer, long waveId, String format, Double resolution) {
		double gamma = resolution(resolution);
		if (!viewer.role().seesContactDetails()) {
			throw new org.springframework.security.access.AccessDeniedException(
					"Named networks are for analysts and admins");
		}
		long tenantId = viewer.tenantId();
		Wave wave = wave(tenantId, waveId);
		if (!List.of("graphml", "gexf", "csv").contains(format)) {
			throw new NotFoundException("Export format");
		}
		Loaded loaded = load(tenantId, wave, "sector");
		Graph g = loaded.graph();
		// The stored metrics when the wave has them (large waves are computed in the
		// background), else computed now; a file for Gephi or yEd goes without them
		// while a large wave's are still being computed.
		Stored kept = stored(tenantId, waveId, loaded);
		NetworkMetrics metrics = null;
		if (kept != null) {
			metrics = new NetworkMetrics(g, kept.degree(), kept.betweenness(), kept.harmonic(), kept.eigenvector(),
					true, kept.constraint(), kept.effectiveSize(),
					gamma == DEFAULT_RESOLUTION ? kept.community() : louvain(g, gamma),
					Brokerage.compute(g, loaded.groups()), Map.of());
		}
		else if (format.equals("csv") || g.size() <= this.inlineLimit) {
			metrics = NetworkMetrics.compute(g, loaded.groups(), new NetworkMetrics.Options(gamma,
					NetworkMetrics.Options.defaults().seed(), 0, NetworkMetrics.Options.defaults().threads()));
		}
		StringWriter out = new StringWriter();
		String[] keys = { "name", "sector", "organisation", "place", "staff_group" };
		// Per-person figures in the files for Gephi and yEd: name, type, value.
		String[][] figures = { { "degree", "int" }, { "betweenness", "double" }, { "harmonic", "double" },
				{ "eigenvector", "double" }, { "constraint", "double" }, { "cluster", "int" } };
		NetworkMetrics m = metrics;
		java.util.function.BiFunction<Integer, Integer, String> figure = (k, v) -> switch (k) {
			case 0 -> Integer.toString(m.degree()[v]);
			case 1 -> Double.toString(m.betweenness()[v]);
			case 2 -> Double.toString(m.harmonic()[v]);
			case 3 -> Double.toString(m.eigenvector()[v]);
			case 4 -> Double.isNaN(m.constraint()[v]) ? null : Double.toString(m.constraint()[v]);
			default -> Integer.toString(m.community()[v] + 1);
		};
		if (format.equals("graphml") || format.equals("gexf")) {
			java.util.Set<String> respondents = new java.util.HashSet<>(this.jdbc.queryForList(
					"select cast(person_id as varchar(20)) from network_respondent where tenant_id = ? and wave_id = ?",
					String.class, tenantId, waveId));
			List<NetworkExport.Tie> ties = this.jdbc.query(
					"select source_id, target_id, weight, frequency, flows, usefulness from network_tie "
							+ "where tenant_id = ? and wave_id = ? order by id",
					(rs, n) -> new NetworkExport.Tie(Long.toString(rs.getLong(1)), Long.toString(rs.getLong(2)),
							rs.getDouble(3), rs.getString(4), rs.getString(5),
							(Integer) rs.getObject(6, Integer.class)),
					tenantId, waveId);
			List<NetworkExport.Person> nodes = new ArrayList<>();
			for (int v = 0; v < g.size(); v++) {
				String[] values = values(loaded.people().get(v));
				Map<String, String> numbers = new LinkedHashMap<>();
				for (int k = 0; m != null && k < figures.length; k++) {
					// Eigenvector values that did not converge are left out (and the
					// graph says so), not written as if they were right.
					if (k == 3 && !m.eigenvectorConverged()) {
						continue;
					}
					String value = figure.apply(k, v);
					if (value != null) {
						numbers.put(figures[k][0], value);
					}
				}
				nodes.add(new NetworkExport.Person(g.id(v), loaded.people().get(v).externalId(), values,
						respondents.contains(g.id(v)), numbers));
			}
			NetworkExport.Figures header = new NetworkExport.Figures(keys, m == null ? new String[0][] : figures,
					m == null || m.eigenvectorConverged());
			out.write(format.equals("graphml") ? NetworkExport.graphml(wave.name(), header, nodes, ties)
					: NetworkExport.gexf(wave.name(), header, nodes, ties));
		}
		else {
			try {
				// The same columns as the CLI's contract, with the person's name and
				// group added.
				StringWriter raw = new StringWriter();
				NetworkFiles.write(metrics, raw);
				String[] lines = raw.toString().split("\n");
				out.write("name,sector," + lines[0] + "\n");
				for (int v = 0; v < g.size(); v++) {
					PersonAttributes p = loaded.people().get(v);
					// The id column carries the person's own identifier (person_id), not
					// Balcony's key.
					String row = lines[v + 1];
					out.write(csv(p.name()) + "," + csv(p.sector()) + "," + csv(p.externalId())
							+ row.substring(row.indexOf(',')) + "\n");
				}
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}
		this.audit.record(tenantId, viewer.getUsername(), "NETWORK_EXPORTED", wave.name(), format);
		return out.toString();
	}

	/**
	 * A CSV value: a spreadsheet formula is defused with an apostrophe (as every table
	 * export does), and commas, quotes and line breaks are quoted.
	 */
	static String csv(String text) {
		String value = String.valueOf(app.balcony.shared.TableExport.safe(text == null ? "" : text));
		return value.matches("(?s).*[,\"\n\r].*") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
	}

	private static String[] values(PersonAttributes p) {
		return new String[] { p.name(), p.sector(), p.organisation(), p.place(), p.staffGroup() };
	}

	private static void edges(Graph g, java.util.function.BiConsumer<String, String> sink) {
		int[] out = g.outAdjacency();
		for (int u = 0; u < g.size(); u++) {
			for (int i = g.outStart(u); i < g.outEnd(u); i++) {
				if (out[i] > u) {
					sink.accept(g.id(u), g.id(out[i]));
				}
			}
		}
	}

	private static String xml(String text) {
		if (text == null) {
			return "";
		}
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
