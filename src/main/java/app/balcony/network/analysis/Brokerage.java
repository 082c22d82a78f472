package app.balcony.network.analysis;

/**
 * Gould and Fernandez (1989) brokerage roles. Vertex v brokers the two-path a→v→c when a
 * ≠ c and there is no direct tie a→c; the path's role depends on the groups (sector,
 * place, organisation…) of a, v and c:
 * <ul>
 * <li>coordinator: all three in one group;</li>
 * <li>itinerant (consultant): a and c in one group, v in another;</li>
 * <li>representative: v in a's group, c in another;</li>
 * <li>gatekeeper: v in c's group, a in another;</li>
 * <li>liaison: all three in different groups.</li>
 * </ul>
 * Undirected graphs count each two-path in both directions (so representative =
 * gatekeeper there). O(Σ_v indeg(v)·outdeg(v)·log Δ) time.
 */
public final class Brokerage {

	public static final String[] ROLES = { "coordinator", "itinerant", "gatekeeper", "representative", "liaison" };

	/** Counts per vertex, in the order of {@link #ROLES}. */
	public record Result(long[][] counts) {

		public long coordinator(int v) {
			return counts[v][0];
		}

		public long itinerant(int v) {
			return counts[v][1];
		}

		public long gatekeeper(int v) {
			return counts[v][2];
		}

		public long representative(int v) {
			return counts[v][3];
		}

		public long liaison(int v) {
			return counts[v][4];
		}

		public long total(int v) {
			long sum = 0;
			for (long c : counts[v]) {
				sum += c;
			}
			return sum;
		}

	}

	private Brokerage() {
	}

	/**
	 * @param group a group number per vertex (vertices with equal numbers share a group)
	 * @throws IllegalArgumentException if {@code group} does not have one entry per
	 * vertex
	 */
	public static Result compute(Graph g, int[] group) {
		int n = g.size();
		if (group.length != n) {
			throw new IllegalArgumentException("Need one group per vertex: " + group.length + " for " + n);
		}
		long[][] counts = new long[n][5];
		int[] in = g.inAdjacency();
		int[] out = g.outAdjacency();
		for (int v = 0; v < n; v++) {
			for (int i = g.inStart(v); i < g.inEnd(v); i++) {
				int a = in[i];
				for (int j = g.outStart(v); j < g.outEnd(v); j++) {
					int c = out[j];
					if (a == c || g.hasEdge(a, c)) {
						continue;
					}
					int ga = group[a];
					int gv = group[v];
					int gc = group[c];
					int role;
					if (ga == gv && gv == gc) {
						role = 0;
					}
					else if (ga == gc) {
						role = 1;
					}
					else if (gv == gc) {
						role = 2;
					}
					else if (gv == ga) {
						role = 3;
					}
					else {
						role = 4;
					}
					counts[v][role]++;
				}
			}
		}
		return new Result(counts);
	}

}
