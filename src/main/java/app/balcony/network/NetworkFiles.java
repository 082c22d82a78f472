package app.balcony.network;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import app.balcony.network.analysis.Brokerage;
import app.balcony.network.analysis.Graph;
import app.balcony.network.analysis.NetworkMetrics;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads edge and node lists from CSV and writes per-vertex metrics to CSV, as the
 * {@code network metrics} command's contract says. Problems are reported with file, row
 * and column.
 */
public final class NetworkFiles {

	private NetworkFiles() {
	}

	/** A problem in an input file; the message names file, row and column. */
	public static final class InputException extends Exception {

		public InputException(String message) {
			super(message);
		}

	}

	/**
	 * The graph, and each vertex's attributes from the nodes file (empty map when none).
	 */
	public record Loaded(Graph graph, Map<String, Map<String, String>> attributes, List<String> attributeColumns,
			int selfLoopsDropped) {
	}

	/**
	 * Reads EDGES (header {@code source,target} and optional {@code weight}) and optional
	 * NODES (header {@code id} and attribute columns). Vertices come in the nodes file's
	 * order, then in the order edges first name them; a vertex in the nodes file without
	 * edges is kept (isolated).
	 */
	public static Loaded read(Path edges, Path nodes, boolean directed) throws IOException, InputException {
		Graph.Builder builder = Graph.builder(directed);
		Map<String, Map<String, String>> attributes = new LinkedHashMap<>();
		List<String> attributeColumns = new ArrayList<>();
		if (nodes != null) {
			try (CSVParser parser = parse(nodes)) {
				List<String> header = parser.getHeaderNames().stream().map(NetworkFiles::normalise).toList();
				if (!header.contains("id")) {
					throw new InputException(nodes.getFileName() + ", row 1: the header needs an 'id' column; found "
							+ String.join(",", header));
				}
				header.stream().filter(h -> !h.equals("id")).forEach(attributeColumns::add);
				for (CSVRecord record : parser) {
					Map<String, String> values = values(header, record);
					String id = values.getOrDefault("id", "");
					if (id.isEmpty()) {
						throw new InputException(
								nodes.getFileName() + ", row " + row(record) + ", column id: empty id");
					}
					if (attributes.containsKey(id)) {
						throw new InputException(nodes.getFileName() + ", row " + row(record) + ", column id: '" + id
								+ "' appears more than once");
					}
					builder.vertex(id);
					values.remove("id");
					attributes.put(id, values);
				}
			}
		}
		try (CSVParser parser = parse(edges)) {
			List<String> header = parser.getHeaderNames().stream().map(NetworkFiles::normalise).toList();
			if (!header.contains("source") || !header.contains("target")) {
				throw new InputException(edges.getFileName()
						+ ", row 1: the header needs 'source' and 'target' columns (and optionally 'weight'); found "
						+ String.join(",", header));
			}
			boolean weighted = header.contains("weight");
			for (CSVRecord record : parser) {
				Map<String, String> values = values(header, record);
				// Ids as written: spaces around an unquoted value are not part of it, but
				// a quoted value is kept whole.
				String source = values.getOrDefault("source", "");
				String target = values.getOrDefault("target", "");
				if (source.isEmpty() || target.isEmpty()) {
					throw new InputException(edges.getFileName() + ", row " + row(record) + ", column "
							+ (source.isEmpty() ? "source" : "target") + ": empty vertex id");
				}
				double weight = 1.0;
				if (weighted && !values.getOrDefault("weight", "").isBlank()) {
					try {
						weight = Double.parseDouble(values.get("weight").trim());
					}
					catch (NumberFormatException ex) {
						throw new InputException(edges.getFileName() + ", row " + row(record) + ", column weight: '"
								+ values.get("weight") + "' is not a number");
					}
					if (!Double.isFinite(weight) || weight < 0) {
						throw new InputException(edges.getFileName() + ", row " + row(record) + ", column weight: '"
								+ values.get("weight") + "' is not a finite number of 0 or more");
					}
				}
				builder.edge(source, target, weight);
			}
		}
		return new Loaded(builder.build(), attributes, attributeColumns, builder.selfLoopsDropped());
	}

	/**
	 * Group numbers per vertex from an attribute; vertices without a value share the
	 * group "".
	 */
	public static int[] groups(Loaded loaded, String column) throws InputException {
		String wanted = normalise(column);
		if (!loaded.attributeColumns().contains(wanted)) {
			throw new InputException("--group-by '" + column + "' is not a column of the nodes file; its columns are: "
					+ String.join(", ", loaded.attributeColumns()));
		}
		Graph g = loaded.graph();
		Map<String, Integer> numbers = new HashMap<>();
		int[] groups = new int[g.size()];
		for (int v = 0; v < g.size(); v++) {
			Map<String, String> values = loaded.attributes().get(g.id(v));
			String value = values == null ? "" : values.getOrDefault(wanted, "").trim();
			groups[v] = numbers.computeIfAbsent(value, k -> numbers.size());
		}
		return groups;
	}

	/**
	 * Writes the metrics CSV:
	 * {@code id,degree,betweenness,harmonic,eigenvector,constraint,effective_size,community}
	 * (+ roles).
	 */
	public static void write(NetworkMetrics metrics, Writer out) throws IOException {
		List<String> header = new ArrayList<>(List.of("id", "degree", "betweenness", "harmonic", "eigenvector",
				"constraint", "effective_size", "community"));
		Brokerage.Result roles = metrics.brokerage();
		if (roles != null) {
			header.addAll(List.of(Brokerage.ROLES));
		}
		try (CSVPrinter printer = new CSVPrinter(out,
				CSVFormat.DEFAULT.builder().setRecordSeparator("\n").setHeader(header.toArray(String[]::new)).get())) {
			Graph g = metrics.graph();
			for (int v = 0; v < g.size(); v++) {
				List<Object> row = new ArrayList<>(List.of(g.id(v), metrics.degree()[v],
						number(metrics.betweenness()[v]), number(metrics.harmonic()[v]),
						number(metrics.eigenvector()[v]), number(metrics.constraint()[v]),
						number(metrics.effectiveSize()[v]), metrics.community()[v]));
				if (roles != null) {
					for (long count : roles.counts()[v]) {
						row.add(count);
					}
				}
				printer.printRecord(row);
			}
		}
	}

	static String number(double value) {
		if (Double.isNaN(value)) {
			return "nan";
		}
		if (value == Math.rint(value) && Math.abs(value) < 1e15) {
			return Long.toString((long) value) + ".0";
		}
		return Double.toString(value);
	}

	private static CSVParser parse(Path file) throws IOException, InputException {
		String text;
		try {
			text = app.balcony.shared.Utf8.decode(Files.readAllBytes(file));
		}
		catch (app.balcony.shared.Utf8.Invalid ex) {
			throw new InputException(file.getFileName() + ", " + ex.getMessage());
		}
		return CSVParser.parse(new java.io.StringReader(text),
				CSVFormat.DEFAULT.builder()
					.setHeader()
					.setSkipHeaderRecord(true)
					.setIgnoreSurroundingSpaces(true)
					.setIgnoreEmptyLines(true)
					.get());
	}

	private static Map<String, String> values(List<String> header, CSVRecord record) {
		Map<String, String> values = new LinkedHashMap<>();
		for (int i = 0; i < header.size() && i < record.size(); i++) {
			values.put(header.get(i), record.get(i));
		}
		return values;
	}

	private static long row(CSVRecord record) {
		// The header is record 1 in commons-csv's count when it is read as the header.
		return record.getRecordNumber() + 1;
	}

	private static String normalise(String header) {
		String h = header == null ? "" : header.trim().toLowerCase(Locale.ROOT);
		return h.startsWith("\uFEFF") ? h.substring(1) : h;
	}

}
