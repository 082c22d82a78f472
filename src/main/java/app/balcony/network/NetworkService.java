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
import app.balcony.identity.BalconyUser;
import app.balcony.network.NetworkViews.Analysis;
import app.balcony.network.NetworkViews.Finding;
import app.balcony.network.NetworkViews.ImportResult;
import app.balcony.network.NetworkViews.Matrix;
import app.balcony.network.NetworkViews.PersonMetrics;
import app.balcony.network.NetworkViews.Wave;
import app.balcony.network.analysis.Graph;
import app.balcony.network.analysis.GroupMixing;
import app.balcony.network.analysis.NetworkMetrics;
import app.balcony.network.demo.DemoNetworkGenerator;
import app.balcony.shared.BadRequestException;
import app.balcony.shared.NotFoundException;
import app.balcony.system.SystemQueries;
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
	public static final List<String> GROUPINGS = List.of("sector", "organisation", "place", "staff_group", "seniority");

	static final List<String> FREQUENCIES = List.of("monthly", "weekly", "daily");

	static final List<String> FLOWS = List.of("information", "advice", "decisions", "trust");

	private final JdbcTemplate jdbc;

	private final SystemQueries system;

	private final AuditLog audit;

	private final app.balcony.privacy.AnonymityEngine privacy;

	NetworkService(JdbcTemplate jdbc, SystemQueries system, AuditLog audit,
			app.balcony.privacy.AnonymityEngine privacy) {
		this.jdbc = jdbc;
		this.system = system;
		this.audit = audit;
		this.privacy = privacy;
	}

	@Transactional(readOnly = true)
	public List<Wave> waves(long tenantId) {
		Map<Long, Long> ties = new HashMap<>();
		this.jdbc.query("select wave_id, count(*) from network_tie where tenant_id = ? group by wave_id", rs -> {
			ties.put(rs.getLong(1), rs.getLong(2));
		}, tenantId);
		Map<Long, Long> people = new HashMap<>();
		this.jdbc.query("select wave_id, count(distinct p) from (select wave_id, source_id as p from network_tie "
				+ "where tenant_id = ? union select wave_id, target_id from network_tie where tenant_id = ?) x group by wave_id",
				rs -> {
					people.put(rs.getLong(1), rs.getLong(2));
				}, tenantId, tenantId);
		return this.jdbc.query(
				"select id, name, collected_on from network_wave where tenant_id = ? order by collected_on, id",
				(rs, n) -> new Wave(rs.getLong(1), rs.getString(2), rs.getDate(3).toLocalDate(),
						ties.getOrDefault(rs.getLong(1), 0L), people.getOrDefault(rs.getLong(1), 0L)),
				tenantId);
	}

	@Transactional(readOnly = true)
	public Wave wave(long tenantId, long waveId) {
		return waves(tenantId).stream()
			.filter(w -> w.id() == waveId)
			.findFirst()
			.orElseThrow(() -> new NotFoundException("Network wave"));
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
		List<String> errors = new ArrayList<>();
		if (waveName == null || waveName.isBlank() || waveName.length() > 120) {
			errors.add("Wave name: give a name of 1 to 120 characters, e.g. 'Baseline 2025'");
		}
		Map<String, Long> people = new HashMap<>();
		this.jdbc.query("select external_id, id from person where tenant_id = ?", rs -> {
			people.put(rs.getString(1), rs.getLong(2));
			// Balcony's own GraphML/GEXF exports name nodes p<internal id>.
			people.putIfAbsent("p" + rs.getLong(2), rs.getLong(2));
		}, tenantId);
		Map<String, Object[]> ties = new LinkedHashMap<>();
		try {
			TieFiles.Read read = TieFiles.read(fileName == null ? "ties.csv" : fileName, content);
			List<String> header = read.header();
			if (!header.contains("source_person_id") || !header.contains("target_person_id")) {
				errors.add(fileName + ", row 1: the header needs source_person_id and target_person_id; found "
						+ String.join(",", header));
			}
			else {
				for (TieFiles.TieRow tie : read.rows()) {
					String row = tie.where();
					Map<String, String> values = tie.values();
					Long source = people.get(values.getOrDefault("source_person_id", ""));
					Long target = people.get(values.getOrDefault("target_person_id", ""));
					if (source == null) {
						errors.add(fileName + ", " + row + ", column source_person_id: no person with person_id '"
								+ values.get("source_person_id") + "'");
					}
					if (target == null) {
						errors.add(fileName + ", " + row + ", column target_person_id: no person with person_id '"
								+ values.get("target_person_id") + "'");
					}
					if (source != null && source.equals(target)) {
						errors
							.add(fileName + ", " + row + ", column target_person_id: a tie needs two different people");
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
						}
						catch (NumberFormatException ex) {
							errors.add(fileName + ", " + row + ", column weight: '" + w + "' is not a number");
						}
					}
					if (source != null && target != null) {
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
		if (!errors.isEmpty()) {
			this.audit.record(tenantId, actor, "NETWORK_IMPORT_REJECTED", fileName, errors.size() + " problems");
			return new ImportResult(false, 0, 0, errors);
		}
		long waveId = replaceWave(tenantId, actor, waveName.trim(), collectedOn);
		this.jdbc.batchUpdate(
				"insert into network_tie (tenant_id, wave_id, source_id, target_id, frequency, flows, "
						+ "usefulness, weight) values (?, ?, ?, ?, ?, ?, ?, ?)",
				ties.values()
					.stream()
					.map(t -> new Object[] { tenantId, waveId, t[0], t[1], t[2], t[3], t[4], t[5] })
					.toList());
		this.audit.record(tenantId, actor, "NETWORK_IMPORTED", waveName.trim(), ties.size() + " ties from " + fileName);
		return new ImportResult(true, waveId, ties.size(), List.of());
	}

	private long replaceWave(long tenantId, String actor, String name, LocalDate collectedOn) {
		List<Long> existing = this.jdbc.queryForList("select id from network_wave where tenant_id = ? and name = ?",
				Long.class, tenantId, name);
		if (!existing.isEmpty()) {
			this.jdbc.update("delete from network_tie where wave_id = ?", existing.get(0));
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
		String grouping = groupBy == null || groupBy.isBlank() ? "sector" : groupBy;
		if (!GROUPINGS.contains(grouping)) {
			throw new BadRequestException(
					"Unknown grouping '" + grouping + "'; use one of: " + String.join(", ", GROUPINGS));
		}
		long tenantId = viewer.tenantId();
		Wave wave = wave(tenantId, waveId);
		Loaded loaded = load(tenantId, wave, grouping);
		Graph g = loaded.graph();
		NetworkMetrics metrics = NetworkMetrics.compute(g, loaded.groups(), NetworkMetrics.Options.defaults());
		GroupMixing.Result mixing = GroupMixing.compute(g, loaded.groups(), loaded.groupNames().size(), 200, 7);
		Matrix matrix = new Matrix(loaded.groupNames(), Arrays.stream(mixing.groupSizes()).boxed().toList(),
				mixing.ties(), mixing.density());
		Map<Long, int[]> named0 = new HashMap<>();
		double reciprocity = reciprocity(tenantId, wave.id(), named0);
		List<PersonMetrics> all = new ArrayList<>();
		for (int v = 0; v < g.size(); v++) {
			PersonAttributes p = loaded.people().get(v);
			all.add(new PersonMetrics(p.id(), p.name(), loaded.groupNames().get(loaded.groups()[v]),
					metrics.degree()[v], metrics.betweenness()[v], metrics.harmonic()[v], metrics.eigenvector()[v],
					metrics.constraint()[v], metrics.effectiveSize()[v], metrics.community()[v],
					metrics.brokerage().total(v), metrics.brokerage().liaison(v), share(named0.get(p.id()))));
		}
		Wave previous = previousWave(tenantId, wave);
		List<Finding> findings = Findings.of(all, matrix, mixing, previous,
				previous == null ? Set.of() : tiePairs(tenantId, previous.id()), tiePairs(tenantId, wave.id()));
		boolean named = viewer.role().seesContactDetails();
		List<PersonMetrics> brokers = named ? all.stream()
			.sorted(Comparator.comparingDouble(PersonMetrics::betweenness).reversed())
			.limit(15)
			.toList() : List.of();
		if (named) {
			this.audit.record(tenantId, viewer.getUsername(), "NETWORK_VIEWED", wave.name(), "grouped by " + grouping);
		}
		int communities = Arrays.stream(metrics.community()).max().orElse(-1) + 1;
		// People who may not see names see groups only when large enough: smaller groups
		// are
		// pooled, and a pool still too small is left out.
		Matrix shown = named ? matrix : pooled(matrix, this.privacy.thresholds(tenantId).minCell());
		return new Analysis(wave, grouping, g.size(), g.edgeCount(), communities, mixing.ei(), mixing.expectedEi(),
				mixing.pSiloed(), mixing.assortativity(), shown, findings, brokers, named,
				Double.isNaN(reciprocity) ? null : Math.round(reciprocity * 1000) / 1000.0);
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
		return waves(tenantId).stream()
			.filter(w -> w.collectedOn().isBefore(wave.collectedOn()))
			.reduce((a, b) -> b)
			.orElse(null);
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
		this.jdbc.query(
				"select source_id, target_id, weight from network_tie where tenant_id = ? and wave_id = ? order by id",
				rs -> {
					builder.edge(Long.toString(rs.getLong(1)), Long.toString(rs.getLong(2)), rs.getDouble(3));
				}, tenantId, wave.id());
		Graph g = builder.build();
		List<PersonAttributes> people = new ArrayList<>();
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
				default -> p.sector();
			};
			groups[v] = groupNumbers.computeIfAbsent(value == null ? "Not recorded" : value, k -> groupNumbers.size());
		}
		return new Loaded(g, people, groups, new ArrayList<>(groupNumbers.keySet()));
	}

	/**
	 * The wave as GraphML (Gephi, yEd) or GEXF (Gephi), with each person's attributes;
	 * named only when allowed.
	 */
	@Transactional
	public String export(BalconyUser viewer, long waveId, String format) {
		if (!viewer.role().seesContactDetails()) {
			throw new org.springframework.security.access.AccessDeniedException(
					"Named networks are for analysts and admins");
		}
		long tenantId = viewer.tenantId();
		Wave wave = wave(tenantId, waveId);
		Loaded loaded = load(tenantId, wave, "sector");
		Graph g = loaded.graph();
		StringWriter out = new StringWriter();
		String[] keys = { "name", "sector", "organisation", "place", "staff_group" };
		if (format.equals("graphml")) {
			out.write(
					"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n");
			for (String key : keys) {
				out.write("  <key id=\"" + key + "\" for=\"node\" attr.name=\"" + key + "\" attr.type=\"string\"/>\n");
			}
			out.write("  <graph id=\"" + xml(wave.name()) + "\" edgedefault=\"undirected\">\n");
			for (int v = 0; v < g.size(); v++) {
				out.write("    <node id=\"p" + g.id(v) + "\">");
				String[] values = values(loaded.people().get(v));
				for (int k = 0; k < keys.length; k++) {
					out.write("<data key=\"" + keys[k] + "\">" + xml(values[k]) + "</data>");
				}
				out.write("</node>\n");
			}
			edges(g, (a, b) -> out.write("    <edge source=\"p" + a + "\" target=\"p" + b + "\"/>\n"));
			out.write("  </graph>\n</graphml>\n");
		}
		else if (format.equals("gexf")) {
			out.write(
					"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n");
			out.write("  <graph defaultedgetype=\"undirected\">\n    <attributes class=\"node\">\n");
			for (int k = 1; k < keys.length; k++) {
				out.write("      <attribute id=\"" + k + "\" title=\"" + keys[k] + "\" type=\"string\"/>\n");
			}
			out.write("    </attributes>\n    <nodes>\n");
			for (int v = 0; v < g.size(); v++) {
				String[] values = values(loaded.people().get(v));
				out.write("      <node id=\"p" + g.id(v) + "\" label=\"" + xml(values[0]) + "\"><attvalues>");
				for (int k = 1; k < keys.length; k++) {
					out.write("<attvalue for=\"" + k + "\" value=\"" + xml(values[k]) + "\"/>");
				}
				out.write("</attvalues></node>\n");
			}
			out.write("    </nodes>\n    <edges>\n");
			int[] id = { 0 };
			edges(g, (a, b) -> out
				.write("      <edge id=\"" + (id[0]++) + "\" source=\"p" + a + "\" target=\"p" + b + "\"/>\n"));
			out.write("    </edges>\n  </graph>\n</gexf>\n");
		}
		else if (format.equals("csv")) {
			NetworkMetrics metrics = NetworkMetrics.compute(g, loaded.groups(), NetworkMetrics.Options.defaults());
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
		else {
			throw new NotFoundException("Export format");
		}
		this.audit.record(tenantId, viewer.getUsername(), "NETWORK_EXPORTED", wave.name(), format);
		return out.toString();
	}

	private static String csv(String text) {
		String value = text == null ? "" : text;
		return value.matches(".*[,\"\n].*") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
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
