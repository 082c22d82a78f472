package app.balcony.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact contract of {@code network metrics}: its columns, its errors, and values
 * equal to NetworkX's on the same files (checked by running NetworkX when it is
 * installed; .ci/run installs it).
 */
class NetworkCommandTest {

	@TempDir
	Path dir;

	@Test
	void writesTheContractColumnsAndTimes() throws Exception {
		Path edges = CliHarness.write(this.dir, "edges.csv", "source,target,weight\na,b,2\nb,c,1\nc,a,1\nc,d,1\n");
		Path nodes = CliHarness.write(this.dir, "nodes.csv", "id,sector\na,nhs\nb,nhs\nc,council\nd,vcse\ne,vcse\n");
		Path out = this.dir.resolve("out.csv");
		CliHarness.Result result = CliHarness.run("network", "metrics", "--edges", edges.toString(), "--nodes",
				nodes.toString(), "--group-by", "sector", "--output", out.toString());
		assertThat(result.exit()).as(result.err()).isZero();
		assertThat(result.err()).contains("betweenness+harmonic:").contains("community:").contains("brokerage:");
		List<String> lines = Files.readAllLines(out);
		assertThat(lines.get(0)).isEqualTo(
				"id,degree,betweenness,harmonic,eigenvector,constraint,effective_size,community,coordinator,itinerant,gatekeeper,representative,liaison");
		assertThat(lines).hasSize(6);
		assertThat(lines.get(3)).startsWith("c,3,2.0,3.0,");
		assertThat(lines.get(5)).as("an isolated vertex from the nodes file")
			.startsWith("e,0,0.0,0.0,")
			.contains("nan");
	}

	@Test
	void estimatesFromSampledSourcesAndStillWriteEveryColumn() throws Exception {
		StringBuilder edges = new StringBuilder("source,target\n");
		for (int i = 0; i < 200; i++) {
			edges.append("v").append(i).append(",v").append((i * 7 + 3) % 200).append('\n');
		}
		Path file = CliHarness.write(this.dir, "edges.csv", edges.toString());
		Path out = this.dir.resolve("sampled.csv");
		CliHarness.Result result = CliHarness.run("network", "metrics", "--edges", file.toString(), "--sample", "50",
				"--output", out.toString());
		assertThat(result.exit()).as(result.err()).isZero();
		List<String> lines = Files.readAllLines(out);
		assertThat(lines).hasSize(201);
		assertThat(lines.subList(1, lines.size())).allSatisfy(line -> assertThat(line.split(",")).hasSize(8));
	}

	@Test
	void explainsBadInput() throws Exception {
		Path badHeader = CliHarness.write(this.dir, "bad.csv", "from,to\na,b\n");
		Path out = this.dir.resolve("out.csv");
		CliHarness.Result header = CliHarness.run("network", "metrics", "--edges", badHeader.toString(), "--output",
				out.toString());
		assertThat(header.exit()).isEqualTo(1);
		assertThat(header.err()).contains("bad.csv, row 1: the header needs 'source' and 'target'");
		Path badWeight = CliHarness.write(this.dir, "weights.csv", "source,target,weight\na,b,1\nb,c,heavy\n");
		assertThat(
				CliHarness.run("network", "metrics", "--edges", badWeight.toString(), "--output", out.toString()).err())
			.contains("weights.csv, row 3, column weight: 'heavy' is not a number");
		Path edges = CliHarness.write(this.dir, "edges.csv", "source,target\na,b\n");
		CliHarness.Result noNodes = CliHarness.run("network", "metrics", "--edges", edges.toString(), "--group-by",
				"sector", "--output", out.toString());
		assertThat(noNodes.exit()).isEqualTo(2);
		Path nodes = CliHarness.write(this.dir, "nodes.csv", "id,place\na,x\n");
		assertThat(CliHarness
			.run("network", "metrics", "--edges", edges.toString(), "--nodes", nodes.toString(), "--group-by", "sector",
					"--output", out.toString())
			.err()).contains("--group-by 'sector' is not a column of the nodes file; its columns are: place");
	}

	@Test
	void refusesWhatItCannotComputeWithAMessage() throws Exception {
		Path out = this.dir.resolve("out.csv");
		Path latin1 = this.dir.resolve("latin1.csv");
		Files.write(latin1, new byte[] { 's', 'o', 'u', 'r', 'c', 'e', ',', 't', 'a', 'r', 'g', 'e', 't', '\n', 'Z',
				'o', (byte) 0xEB, ',', 'b', '\n' });
		CliHarness.Result notUtf8 = CliHarness.run("network", "metrics", "--edges", latin1.toString(), "--output",
				out.toString());
		assertThat(notUtf8.exit()).isEqualTo(1);
		assertThat(notUtf8.err()).contains("latin1.csv, line 2 is not valid UTF-8").doesNotContain("Exception");
		for (String weight : new String[] { "NaN", "Infinity", "-1" }) {
			Path w = CliHarness.write(this.dir, "w.csv", "source,target,weight\na,b," + weight + "\n");
			CliHarness.Result r = CliHarness.run("network", "metrics", "--edges", w.toString(), "--output",
					out.toString());
			assertThat(r.exit()).as(weight).isEqualTo(1);
			assertThat(r.err()).contains("row 2, column weight: '" + weight + "' is not a finite number of 0 or more");
		}
		Path small = CliHarness.write(this.dir, "small.csv", "source,target\na,b\nb,c\n");
		CliHarness.Result sample = CliHarness.run("network", "metrics", "--edges", small.toString(), "--sample", "10",
				"--output", out.toString());
		assertThat(sample.exit()).isEqualTo(2);
		assertThat(sample.err()).contains("--sample 10 is larger than the graph (3 vertices)");
		Path quoted = CliHarness.write(this.dir, "quoted.csv", "source,target\n\" a \",b\n  c  ,b\n");
		CliHarness.Result kept = CliHarness.run("network", "metrics", "--edges", quoted.toString(), "--output",
				out.toString());
		assertThat(kept.exit()).as(kept.err()).isZero();
		assertThat(Files.readAllLines(out)).anyMatch(l -> l.startsWith("\" a \",")).anyMatch(l -> l.startsWith("c,"));
	}

	@Test
	void matchesNetworkxOnARandomGraphBothWays() throws Exception {
		boolean networkx = new java.io.File("/usr/bin/python3").canExecute()
				&& new ProcessBuilder("/usr/bin/python3", "-c", "import networkx").start().waitFor() == 0;
		if (System.getenv("CI") == null) {
			Assumptions.assumeTrue(networkx, "NetworkX is not installed (.ci/run installs python3-networkx)");
		}
		Random random = new Random(11);
		StringBuilder edges = new StringBuilder("source,target\n");
		for (int i = 0; i < 700; i++) {
			edges.append("p").append(random.nextInt(220)).append(",p").append(random.nextInt(220)).append('\n');
		}
		Path edgeFile = CliHarness.write(this.dir, "edges.csv", edges.toString());
		for (boolean directed : new boolean[] { false, true }) {
			Path out = this.dir.resolve("out-" + directed + ".csv");
			CliHarness.Result result = directed
					? CliHarness.run("network", "metrics", "--edges", edgeFile.toString(), "--directed", "--output",
							out.toString())
					: CliHarness.run("network", "metrics", "--edges", edgeFile.toString(), "--output", out.toString());
			assertThat(result.exit()).as(result.err()).isZero();
			String script = """
					import csv, math, sys, networkx as nx
					G = nx.DiGraph() if sys.argv[3] == 'd' else nx.Graph()
					for r in csv.DictReader(open(sys.argv[1])):
					    if r['source'] != r['target']: G.add_edge(r['source'], r['target'])
					ours = {r['id']: r for r in csv.DictReader(open(sys.argv[2]))}
					ref = {'degree': dict(G.degree()), 'betweenness': nx.betweenness_centrality(G, normalized=False),
					       'harmonic': nx.harmonic_centrality(G), 'eigenvector': nx.eigenvector_centrality(G, max_iter=1000),
					       'constraint': nx.constraint(G), 'effective_size': nx.effective_size(G)}
					worst = 0
					for name, values in ref.items():
					    for v, x in values.items():
					        y = float(ours[v][name])
					        if math.isnan(x) and math.isnan(y): continue
					        worst = max(worst, abs(x - y) / max(1.0, abs(x)))
					print(worst)
					""";
			Path py = CliHarness.write(this.dir, "check.py", script);
			Process process = new ProcessBuilder("/usr/bin/python3", py.toString(), edgeFile.toString(), out.toString(),
					directed ? "d" : "u")
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).as(output).isZero();
			assertThat(Double.parseDouble(output)).as("largest relative difference from NetworkX").isLessThan(1e-9);
		}
	}

}
