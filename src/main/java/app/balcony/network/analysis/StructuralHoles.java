package app.balcony.network.analysis;

/**
 * Burt's constraint and effective size, unweighted, with NetworkX's definitions
 * ({@code nx.constraint(G)}, {@code nx.effective_size(G)}). The mutual weight of u and v
 * is a(u,v) + a(v,u); p(u,v) is that divided by the sum of u's mutual weights over all
 * its neighbours (in either direction). Constraint of v: Σ_j (p(v,j) + Σ_q
 * p(v,q)·p(q,j))² over neighbours j, q of v. Effective size: Borgatti's n − 2t/n for
 * undirected graphs; for directed graphs Σ_j (1 − Σ_q p(v,q)·m(j,q)) with m normalised by
 * the maximum. A vertex with no neighbours (for directed graphs: no successors, as in
 * NetworkX) gets NaN for both.
 *
 * <p>
 * O(Σ_v deg(v)² · log Δ) time.
 */
public final class StructuralHoles {

	public record Result(double[] constraint, double[] effectiveSize) {
	}

	private StructuralHoles() {
	}

	public static Result compute(Graph g) {
		int n = g.size();
		double[] constraint = new double[n];
		double[] effective = new double[n];
		int[][] neighbours = new int[n][];
		double[] sumMutual = new double[n];
		double[] maxMutual = new double[n];
		for (int v = 0; v < n; v++) {
			neighbours[v] = g.allNeighbours(v);
			double sum = 0;
			double max = 0;
			for (int w : neighbours[v]) {
				double m = mutual(g, v, w);
				sum += m;
				max = Math.max(max, m);
			}
			sumMutual[v] = sum;
			maxMutual[v] = max;
		}
		for (int v = 0; v < n; v++) {
			int[] nv = neighbours[v];
			if (g.outDegree(v) == 0) {
				constraint[v] = Double.NaN;
				effective[v] = Double.NaN;
				continue;
			}
			double c = 0;
			for (int j : nv) {
				double indirect = 0;
				for (int q : nv) {
					if (q != j) {
						indirect += p(g, v, q, sumMutual) * p(g, q, j, sumMutual);
					}
				}
				double local = p(g, v, j, sumMutual) + indirect;
				c += local * local;
			}
			constraint[v] = c;
			if (!g.directed()) {
				int ties = 0;
				for (int a = 0; a < nv.length; a++) {
					for (int b = a + 1; b < nv.length; b++) {
						if (g.hasEdge(nv[a], nv[b])) {
							ties++;
						}
					}
				}
				effective[v] = nv.length - 2.0 * ties / nv.length;
			}
			else {
				double size = 0;
				for (int j : nv) {
					double redundancy = 0;
					for (int q : nv) {
						double scale = maxMutual[j];
						if (scale > 0) {
							redundancy += p(g, v, q, sumMutual) * (mutual(g, j, q) / scale);
						}
					}
					size += 1 - redundancy;
				}
				effective[v] = size;
			}
		}
		return new Result(constraint, effective);
	}

	private static double mutual(Graph g, int u, int v) {
		return (g.hasEdge(u, v) ? 1 : 0) + (g.hasEdge(v, u) ? 1 : 0);
	}

	private static double p(Graph g, int u, int v, double[] sumMutual) {
		return sumMutual[u] == 0 ? 0 : mutual(g, u, v) / sumMutual[u];
	}

}
