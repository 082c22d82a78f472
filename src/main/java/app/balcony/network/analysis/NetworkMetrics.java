package app.balcony.network.analysis;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every per-vertex metric Balcony reports, computed together, with the time each took.
 *
 * @param degree NetworkX degree (in + out for directed graphs)
 * @param betweenness unnormalised betweenness (see {@link BrandesBetweenness})
 * @param harmonic harmonic closeness
 * @param eigenvector eigenvector centrality (ℓ2-normalised)
 * @param constraint Burt's constraint (NaN without neighbours)
 * @param effectiveSize Burt's effective size (NaN without neighbours)
 * @param community Louvain community, 0 = largest
 * @param brokerage Gould–Fernandez counts, or null without a grouping
 * @param millis elapsed milliseconds per metric, in computation order
 */
public record NetworkMetrics(Graph graph, int[] degree, double[] betweenness, double[] harmonic, double[] eigenvector,
		boolean eigenvectorConverged, double[] constraint, double[] effectiveSize, int[] community,
		Brokerage.Result brokerage, Map<String, Long> millis) {

	/**
	 * Options: Louvain resolution and seed, betweenness sampling (0 = exact), threads.
	 */
	public record Options(double resolution, long seed, int sampleSources, int threads) {

		public static Options defaults() {
			return new Options(1.0, 42L, 0, Runtime.getRuntime().availableProcessors());
		}

	}

	/**
	 * @param groups group number per vertex for brokerage roles, or null
	 */
	public static NetworkMetrics compute(Graph graph, int[] groups, Options options) {
		return compute(graph, groups, options, done -> {
		});
	}

	/**
	 * As {@link #compute(Graph, int[], Options)}, reporting how many breadth-first
	 * searches (of {@code graph.size()}, or of the sampled sources) are done: the long
	 * part.
	 */
	public static NetworkMetrics compute(Graph graph, int[] groups, Options options,
			java.util.function.IntConsumer searchesDone) {
		Map<String, Long> millis = new LinkedHashMap<>();
		int n = graph.size();
		int[] degree = timed(millis, "degree", () -> {
			int[] d = new int[n];
			for (int v = 0; v < n; v++) {
				d[v] = graph.degree(v);
			}
			return d;
		});
		BrandesBetweenness.Result paths = timed(millis, "betweenness+harmonic", () -> BrandesBetweenness.compute(graph,
				options.sampleSources(), options.seed(), options.threads(), searchesDone));
		EigenvectorCentrality.Result eigen = timed(millis, "eigenvector", () -> EigenvectorCentrality.compute(graph));
		StructuralHoles.Result holes = timed(millis, "constraint+effective_size", () -> StructuralHoles.compute(graph));
		LouvainCommunities.Result communities = timed(millis, "community",
				() -> LouvainCommunities.compute(graph, options.resolution(), options.seed()));
		Brokerage.Result brokerage = groups == null ? null
				: timed(millis, "brokerage", () -> Brokerage.compute(graph, groups));
		return new NetworkMetrics(graph, degree, paths.betweenness(), paths.harmonic(), eigen.values(),
				eigen.converged(), holes.constraint(), holes.effectiveSize(), communities.community(), brokerage,
				millis);
	}

	private static <T> T timed(Map<String, Long> millis, String name, Supplier<T> work) {
		long start = System.nanoTime();
		T result = work.get();
		millis.put(name, (System.nanoTime() - start) / 1_000_000);
		return result;
	}

}
