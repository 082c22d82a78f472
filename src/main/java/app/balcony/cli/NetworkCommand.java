package app.balcony.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import app.balcony.network.NetworkFiles;
import app.balcony.network.analysis.NetworkMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code balcony network metrics}: per-vertex network metrics from CSV edge and node
 * lists, with values that match NetworkX on the same graph. Needs no database.
 */
@Command(name = "network", mixinStandardHelpOptions = true, description = "Network analysis of ties.",
		subcommands = NetworkCommand.Metrics.class)
class NetworkCommand {

	@Command(name = "metrics", mixinStandardHelpOptions = true,
			description = { "Compute per-vertex metrics from an edge list.",
					"Unweighted and undirected unless --directed. Columns: id, degree, betweenness (NetworkX",
					"betweenness_centrality normalized=False), harmonic, eigenvector (l2-normalised), constraint,",
					"effective_size, community (Louvain, 0 = largest) and, with --group-by, the Gould-Fernandez",
					"roles coordinator, itinerant, gatekeeper, representative, liaison.",
					"Elapsed time per metric goes to standard error." })
	static class Metrics implements Callable<Integer> {

		@Spec
		CommandSpec spec;

		@Option(names = "--edges", required = true, description = "CSV with header source,target[,weight]")
		Path edges;

		@Option(names = "--nodes", description = "CSV with header id and attribute columns")
		Path nodes;

		@Option(names = "--group-by", description = "Attribute column of the nodes file for brokerage roles")
		String groupBy;

		@Option(names = "--directed", description = "Treat ties as directed (source to target)")
		boolean directed;

		@Option(names = "--output", required = true, description = "Where to write the metrics CSV")
		Path output;

		@Option(names = "--resolution", defaultValue = "1.0",
				description = "Louvain resolution (default ${DEFAULT-VALUE}); higher gives more, smaller communities")
		double resolution;

		@Option(names = "--sample", defaultValue = "0",
				description = "Betweenness from this many sampled sources (0 = exact, the default)")
		int sample;

		@Option(names = "--seed", defaultValue = "42", description = "Seed for communities and sampling")
		long seed;

		@Option(names = "--threads", description = "Threads for betweenness (default: all cores)")
		Integer threads;

		@Override
		public Integer call() throws IOException {
			PrintWriter err = this.spec.commandLine().getErr();
			if (this.groupBy != null && this.nodes == null) {
				err.println("--group-by needs --nodes, the file that holds the attribute");
				return 2;
			}
			for (Path file : this.nodes == null ? new Path[] { this.edges } : new Path[] { this.edges, this.nodes }) {
				if (!Files.isRegularFile(file)) {
					err.println("No such file: " + file);
					return 2;
				}
			}
			if (this.resolution <= 0 || this.sample < 0 || (this.threads != null && this.threads < 1)) {
				err.println("--resolution must be positive, --sample 0 or more, --threads 1 or more");
				return 2;
			}
			try {
				long start = System.nanoTime();
				NetworkFiles.Loaded loaded = NetworkFiles.read(this.edges, this.nodes, this.directed);
				err.printf("read: %d ms (%d vertices, %d edges%s)%n", (System.nanoTime() - start) / 1_000_000,
						loaded.graph().size(), loaded.graph().edgeCount(),
						loaded.selfLoopsDropped() > 0 ? ", " + loaded.selfLoopsDropped()
								+ " self-loops dropped: NetworkX keeps them, so compare with it on the graph without them"
								: "");
				if (this.sample > loaded.graph().size()) {
					err.println("--sample " + this.sample + " is larger than the graph (" + loaded.graph().size()
							+ " vertices); leave it out (or 0) for exact betweenness");
					return 2;
				}
				int[] groups = this.groupBy == null ? null : NetworkFiles.groups(loaded, this.groupBy);
				var options = new NetworkMetrics.Options(this.resolution, this.seed, this.sample,
						this.threads == null ? Runtime.getRuntime().availableProcessors() : this.threads);
				NetworkMetrics metrics = NetworkMetrics.compute(loaded.graph(), groups, options);
				metrics.millis().forEach((name, ms) -> err.printf("%s: %d ms%n", name, ms));
				if (!metrics.eigenvectorConverged()) {
					err.println(
							"warning: eigenvector centrality did not converge in 100 iterations (NetworkX would fail)");
				}
				try (Writer out = Files.newBufferedWriter(this.output, StandardCharsets.UTF_8)) {
					NetworkFiles.write(metrics, out);
				}
				err.flush();
				return 0;
			}
			catch (NetworkFiles.InputException ex) {
				err.println(ex.getMessage());
				return 1;
			}
		}

	}

}
