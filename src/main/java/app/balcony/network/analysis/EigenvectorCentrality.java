package app.balcony.network.analysis;

/**
 * Eigenvector centrality by power iteration on A + I, exactly as NetworkX's
 * {@code eigenvector_centrality(G)} (unweighted, start vector 1/n, ℓ2-normalised each
 * step, at most 100 iterations, stop when the ℓ1 change is below n·1e-6). For directed
 * graphs a vertex's score comes from its predecessors (in-edges), as in NetworkX.
 *
 * <p>
 * O(iterations · (n + m)) time, O(n) memory.
 */
public final class EigenvectorCentrality {

	/**
	 * The scores, and whether the iteration converged (NetworkX raises an error when it
	 * does not).
	 */
	public record Result(double[] values, boolean converged, int iterations) {
	}

	public static final int MAX_ITERATIONS = 100;

	public static final double TOLERANCE = 1e-6;

	private EigenvectorCentrality() {
	}

	public static Result compute(Graph graph) {
		int n = graph.size();
		if (n == 0) {
			return new Result(new double[0], true, 0);
		}
		double[] x = new double[n];
		java.util.Arrays.fill(x, 1.0 / n);
		int[] in = graph.inAdjacency();
		for (int iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
			double[] last = x;
			x = last.clone();
			for (int v = 0; v < n; v++) {
				double sum = 0;
				for (int i = graph.inStart(v), e = graph.inEnd(v); i < e; i++) {
					sum += last[in[i]];
				}
				x[v] += sum;
			}
			double norm = 0;
			for (double value : x) {
				norm += value * value;
			}
			norm = Math.sqrt(norm);
			if (norm == 0) {
				norm = 1;
			}
			double change = 0;
			for (int v = 0; v < n; v++) {
				x[v] /= norm;
				change += Math.abs(x[v] - last[v]);
			}
			if (change < n * TOLERANCE) {
				return new Result(x, true, iteration);
			}
		}
		return new Result(x, false, MAX_ITERATIONS);
	}

}
