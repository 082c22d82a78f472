package app.balcony.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.balcony.network.NetworkFiles;
import app.balcony.network.analysis.BrandesBetweenness;
import app.balcony.network.analysis.NetworkMetrics;
import app.balcony.network.demo.DemoNetworkGenerator;
import app.balcony.system.Seniority;
import app.balcony.system.demo.DemoIcsGenerator;
import app.balcony.system.importing.Rows;

/**
 * Network benchmark: Balcony's metrics against igraph and NetworkX on the same graph
 * files, in the same run. Barabási–Albert graphs (m = 3) of 5,000, 10,000 and 20,000
 * vertices and the demo ICS's network at 60,000 people. Prints {@code metric=value unit}
 * lines; values are compared with igraph (all graphs) and NetworkX (the 5,000-vertex
 * graph; it is too slow on larger ones). Usage: {@code bench/run network}.
 */
public final class NetworkBenchmark {

	private NetworkBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Path dir = Path.of("target", "bench", "network");
		Files.createDirectories(dir);
		List<String> graphs = new ArrayList<>();
		for (int n : new int[] { 1_000, 5_000, 10_000, 20_000 }) {
			String name = "ba" + n;
			writeBarabasiAlbert(dir.resolve(name + "-edges.csv"), n, 3, n);
			graphs.add(name);
		}
		String demo = "demo60000";
		writeDemoNetwork(dir, demo, 60_000);
		graphs.add(demo);

		// Warm up the JIT on the smallest graph, as a long-running server would be.
		NetworkFiles.Loaded warm = NetworkFiles.read(dir.resolve("ba5000-edges.csv"), null, false);
		BrandesBetweenness.compute(warm.graph());

		Map<String, String> lines = new LinkedHashMap<>() {
			@Override
			public String put(String key, String value) {
				// Print as soon as a figure is known: the whole run takes minutes.
				System.out.println(key + "=" + value);
				System.out.flush();
				return super.put(key, value);
			}
		};
		lines.put("threads", Runtime.getRuntime().availableProcessors() + " count");
		for (String name : graphs) {
			Path nodes = dir.resolve(name + "-nodes.csv");
			NetworkFiles.Loaded loaded = NetworkFiles.read(dir.resolve(name + "-edges.csv"),
					Files.exists(nodes) ? nodes : null, false);
			lines.put(name + "_vertices", loaded.graph().size() + " count");
			lines.put(name + "_edges", loaded.graph().edgeCount() + " count");
			long start = System.nanoTime();
			BrandesBetweenness.compute(loaded.graph());
			lines.put(name + "_betweenness_ms_balcony", ms(start) + " ms");
			int[] groups = Files.exists(nodes) ? NetworkFiles.groups(loaded, "sector") : null;
			start = System.nanoTime();
			NetworkMetrics metrics = NetworkMetrics.compute(loaded.graph(), groups, NetworkMetrics.Options.defaults());
			lines.put(name + "_all_metrics_ms_balcony", ms(start) + " ms");
			try (Writer out = Files.newBufferedWriter(dir.resolve(name + "-balcony.csv"), StandardCharsets.UTF_8)) {
				NetworkFiles.write(metrics, out);
			}
		}

		Path script = dir.resolve("network_reference.py");
		try (var in = NetworkBenchmark.class.getResourceAsStream("/bench/network_reference.py")) {
			Files.write(script, in.readAllBytes());
		}
		List<String> command = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), dir.toString()));
		for (String name : graphs) {
			command.add(switch (name) {
				case "ba1000" -> name + ":nxall";
				case "ba5000" -> name + ":nx";
				default -> name;
			});
		}
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		ObjectMapper json = new ObjectMapper();
		var reader = new java.io.BufferedReader(
				new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		String line;
		while ((line = reader.readLine()) != null) {
			if (line.isBlank()) {
				continue;
			}
			JsonNode result = json.readTree(line);
			String name = result.path("graph").asText();
			result.fields().forEachRemaining(field -> {
				String key = field.getKey();
				if (key.equals("graph")) {
					return;
				}
				String metric = key.replace("_ms", "").replace("_diff", "");
				String tool = metric.substring(0, metric.indexOf('_'));
				String what = metric.substring(metric.indexOf('_') + 1);
				if (key.endsWith("_ms")) {
					lines.put(name + "_" + what + "_ms_" + tool, Math.round(field.getValue().asDouble()) + " ms");
				}
				else {
					lines.put(name + "_max_rel_diff_" + what + "_vs_" + tool,
							String.format("%.2e ratio", field.getValue().asDouble()));
				}
			});
		}
		if (process.waitFor() != 0) {
			throw new IllegalStateException("The igraph/NetworkX reference run failed (install python3-igraph "
					+ "python3-networkx; bench/run network does so)");
		}
		for (String name : graphs) {
			String ours = lines.get(name + "_betweenness_ms_balcony");
			String igraph = lines.get(name + "_betweenness_ms_igraph");
			if (ours != null && igraph != null) {
				double ratio = Double.parseDouble(igraph.split(" ")[0])
						/ Math.max(1, Double.parseDouble(ours.split(" ")[0]));
				lines.put(name + "_betweenness_speedup_vs_igraph", String.format("%.2f x", ratio));
			}
		}
	}

	private static long ms(long start) {
		return (System.nanoTime() - start) / 1_000_000;
	}

	/**
	 * Barabási–Albert preferential attachment, as NetworkX builds it (star of m+1 to
	 * start).
	 */
	static void writeBarabasiAlbert(Path file, int n, int m, long seed) throws IOException {
		Random random = new Random(seed);
		List<Integer> repeated = new ArrayList<>();
		StringBuilder out = new StringBuilder("source,target\n");
		for (int v = 1; v <= m; v++) {
			out.append("v0,v").append(v).append('\n');
			repeated.add(0);
			repeated.add(v);
		}
		for (int source = m + 1; source < n; source++) {
			java.util.Set<Integer> targets = new java.util.LinkedHashSet<>();
			while (targets.size() < m) {
				targets.add(repeated.get(random.nextInt(repeated.size())));
			}
			for (int target : targets) {
				out.append('v').append(source).append(",v").append(target).append('\n');
				repeated.add(source);
				repeated.add(target);
			}
		}
		Files.writeString(file, out);
	}

	/** The demo ICS's people (current memberships) and their generated working ties. */
	static void writeDemoNetwork(Path dir, String name, int people) throws IOException {
		Rows.Batch batch = new DemoIcsGenerator(42, people).generate();
		Map<String, Rows.OrganisationRow> organisations = new LinkedHashMap<>();
		batch.organisations.forEach(o -> organisations.put(o.id(), o));
		Map<String, Rows.PersonRow> persons = new LinkedHashMap<>();
		batch.people.forEach(p -> persons.put(p.id(), p));
		Map<String, DemoNetworkGenerator.Person> current = new LinkedHashMap<>();
		for (Rows.MembershipRow m : batch.memberships) {
			if (m.organisationId() == null || m.validTo() != null) {
				continue;
			}
			Rows.PersonRow p = persons.get(m.personId());
			Rows.OrganisationRow o = organisations.get(m.organisationId());
			String place = p.places().isEmpty() ? "P-NV" : p.places().get(0);
			current.put(p.id(), new DemoNetworkGenerator.Person(p.id(), o.id(), place, o.sector().key(),
					p.seniority() == Seniority.EXECUTIVE || p.seniority() == Seniority.SENIOR));
		}
		List<DemoNetworkGenerator.Person> list = new ArrayList<>(current.values());
		StringBuilder nodes = new StringBuilder("id,sector,place,organisation\n");
		list.forEach(p -> nodes.append(p.id())
			.append(',')
			.append(p.sector())
			.append(',')
			.append(p.place())
			.append(',')
			.append(p.organisation())
			.append('\n'));
		StringBuilder edges = new StringBuilder("source,target\n");
		DemoNetworkGenerator.generate(list, 42)
			.forEach(t -> edges.append(t.source()).append(',').append(t.target()).append('\n'));
		Files.writeString(dir.resolve(name + "-nodes.csv"), nodes);
		Files.writeString(dir.resolve(name + "-edges.csv"), edges);
	}

}
