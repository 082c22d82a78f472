package app.balcony.network.analysis;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * Communities by the Louvain method (Blondel et al. 2008): repeatedly move single
 * vertices to the neighbouring community with the largest modularity gain, then merge
 * each community into one vertex, until nothing improves. Directed graphs are treated as
 * undirected; edge weights are used. The resolution γ trades fewer, larger communities (γ
 * &lt; 1) against more, smaller ones (γ &gt; 1).
 *
 * <p>
 * Deterministic for a given seed (the seed orders the vertex visits). Communities are
 * numbered 0, 1, … from the largest. Roughly O(m) per pass, a few passes in practice.
 */
public final class LouvainCommunities {

	public record Result(int[] community, int count, double modularity) {
	}

	private LouvainCommunities() {
	}

	/**
	 * @throws IllegalArgumentException if resolution is not positive
	 */
	public static Result compute(Graph graph, double resolution, long seed) {
		if (!(resolution > 0)) {
			throw new IllegalArgumentException("resolution must be positive; got " + resolution);
		}
		int n = graph.size();
		// Undirected weighted adjacency (each direction), merging u→v and v→u.
		Level level = Level.of(graph);
		int[] membership = new int[n];
		for (int v = 0; v < n; v++) {
			membership[v] = v;
		}
		Random random = new Random(seed);
		while (true) {
			int[] moved = level.localMoving(resolution, random);
			int communities = relabel(moved);
			boolean improved = communities < level.n;
			for (int v = 0; v < n; v++) {
				membership[v] = moved[membership[v]];
			}
			if (!improved) {
				break;
			}
			level = level.aggregate(moved, communities);
		}
		int count = relabelBySize(membership);
		return new Result(membership, count, modularity(Level.of(graph), membership, resolution));
	}

	/** Modularity of a partition with resolution γ. */
	static double modularity(Level level, int[] membership, double resolution) {
		double m2 = level.totalWeight;
		if (m2 == 0) {
			return 0;
		}
		Map<Integer, Double> internal = new HashMap<>();
		Map<Integer, Double> total = new HashMap<>();
		for (int v = 0; v < level.n; v++) {
			total.merge(membership[v], level.strength[v], Double::sum);
			for (int i = level.start[v]; i < level.start[v + 1]; i++) {
				if (membership[level.adj[i]] == membership[v]) {
					internal.merge(membership[v], level.weight[i], Double::sum);
				}
			}
			internal.merge(membership[v], level.selfWeight[v], Double::sum);
		}
		double q = 0;
		for (var entry : total.entrySet()) {
			double in = internal.getOrDefault(entry.getKey(), 0.0);
			double tot = entry.getValue();
			q += in / m2 - resolution * (tot / m2) * (tot / m2);
		}
		return q;
	}

	private static int relabel(int[] labels) {
		Map<Integer, Integer> map = new HashMap<>();
		for (int i = 0; i < labels.length; i++) {
			labels[i] = map.computeIfAbsent(labels[i], k -> map.size());
		}
		return map.size();
	}

	private static int relabelBySize(int[] labels) {
		int count = relabel(labels);
		int[] sizes = new int[count];
		for (int label : labels) {
			sizes[label]++;
		}
		Integer[] order = new Integer[count];
		for (int i = 0; i < count; i++) {
			order[i] = i;
		}
		Arrays.sort(order,
				(a, b) -> sizes[b] != sizes[a] ? Integer.compare(sizes[b], sizes[a]) : Integer.compare(a, b));
		int[] rank = new int[count];
		for (int i = 0; i < count; i++) {
			rank[order[i]] = i;
		}
		for (int i = 0; i < labels.length; i++) {
			labels[i] = rank[labels[i]];
		}
		return count;
	}

	/** One level of the hierarchy: a weighted undirected graph with self-loop weights. */
	static final class Level {

		final int n;

		final int[] start;

		final int[] adj;

		final double[] weight;

		final double[] selfWeight;

		final double[] strength;

		/** Twice the total edge weight (each undirected edge counted from both ends). */
		final double totalWeight;

		Level(int n, int[] start, int[] adj, double[] weight, double[] selfWeight) {
			this.n = n;
			this.start = start;
			this.adj = adj;
			this.weight = weight;
			this.selfWeight = selfWeight;
			this.strength = new double[n];
			double total = 0;
			for (int v = 0; v < n; v++) {
				double s = selfWeight[v];
				for (int i = start[v]; i < start[v + 1]; i++) {
					s += weight[i];
				}
				this.strength[v] = s;
				total += s;
			}
			this.totalWeight = total;
		}

		static Level of(Graph g) {
			int n = g.size();
			java.util.List<Map<Integer, Double>> rows = new java.util.ArrayList<>();
			for (int v = 0; v < n; v++) {
				rows.add(new HashMap<>());
			}
			int[] out = g.outAdjacency();
			for (int u = 0; u < n; u++) {
				for (int i = g.outStart(u); i < g.outEnd(u); i++) {
					int v = out[i];
					double w = g.outWeight(i);
					if (g.directed()) {
						rows.get(u).merge(v, w, Double::sum);
						rows.get(v).merge(u, w, Double::sum);
					}
					else {
						rows.get(u).merge(v, w, (a, b) -> a);
					}
				}
			}
			return fromRows(rows, new double[n]);
		}

		static Level fromRows(java.util.List<Map<Integer, Double>> rows, double[] selfWeight) {
			int n = rows.size();
			int[] start = new int[n + 1];
			for (int v = 0; v < n; v++) {
				start[v + 1] = start[v] + rows.get(v).size();
			}
			int[] adj = new int[start[n]];
			double[] weight = new double[start[n]];
			for (int v = 0; v < n; v++) {
				int i = start[v];
				for (var e : new java.util.TreeMap<>(rows.get(v)).entrySet()) {
					adj[i] = e.getKey();
					weight[i++] = e.getValue();
				}
			}
			return new Level(n, start, adj, weight, selfWeight);
		}

		/**
		 * Moves vertices between communities until no move improves modularity; returns
		 * labels.
		 */
		int[] localMoving(double resolution, Random random) {
			int[] community = new int[this.n];
			double[] total = new double[this.n];
			for (int v = 0; v < this.n; v++) {
				community[v] = v;
				total[v] = this.strength[v];
			}
			if (this.totalWeight == 0) {
				return community;
			}
			int[] visit = new int[this.n];
			for (int i = 0; i < this.n; i++) {
				visit[i] = i;
			}
			for (int i = this.n - 1; i > 0; i--) {
				int j = random.nextInt(i + 1);
				int t = visit[i];
				visit[i] = visit[j];
				visit[j] = t;
			}
			double m2 = this.totalWeight;
			double[] linkTo = new double[this.n];
			int[] touched = new int[this.n];
			boolean moved = true;
			int passes = 0;
			while (moved && passes++ < 100) {
				moved = false;
				for (int v : visit) {
					int own = community[v];
					double k = this.strength[v];
					int touchedCount = 0;
					for (int i = this.start[v]; i < this.start[v + 1]; i++) {
						int c = community[this.adj[i]];
						if (linkTo[c] == 0) {
							touched[touchedCount++] = c;
						}
						linkTo[c] += this.weight[i];
					}
					total[own] -= k;
					int best = own;
					double bestGain = linkTo[own] - resolution * total[own] * k / m2;
					for (int t = 0; t < touchedCount; t++) {
						int c = touched[t];
						double gain = linkTo[c] - resolution * total[c] * k / m2;
						if (gain > bestGain + 1e-12) {
							best = c;
							bestGain = gain;
						}
					}
					total[best] += k;
					if (best != own) {
						community[v] = best;
						moved = true;
					}
					for (int t = 0; t < touchedCount; t++) {
						linkTo[touched[t]] = 0;
					}
				}
			}
			return community;
		}

		Level aggregate(int[] community, int count) {
			java.util.List<Map<Integer, Double>> rows = new java.util.ArrayList<>();
			for (int c = 0; c < count; c++) {
				rows.add(new HashMap<>());
			}
			double[] self = new double[count];
			for (int v = 0; v < this.n; v++) {
				int cv = community[v];
				self[cv] += this.selfWeight[v];
				for (int i = this.start[v]; i < this.start[v + 1]; i++) {
					int cw = community[this.adj[i]];
					if (cw == cv) {
						self[cv] += this.weight[i];
					}
					else {
						rows.get(cv).merge(cw, this.weight[i], Double::sum);
					}
				}
			}
			return fromRows(rows, self);
		}

	}

}
