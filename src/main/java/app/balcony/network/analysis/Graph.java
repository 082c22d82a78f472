package app.balcony.network.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable simple graph over vertices 0..n-1, stored as compressed sparse rows:
 * successors and predecessors as sorted int arrays, so that every algorithm here walks
 * plain arrays (no boxing) and {@link #hasEdge} is a binary search. Undirected graphs
 * store each edge in both directions. Parallel edges are merged (the last weight wins),
 * as NetworkX's {@code Graph} and {@code DiGraph} do. Self-loops are dropped, which
 * NetworkX does not do: it keeps them, and a self-loop adds 2 to a vertex's degree there
 * (and changes its eigenvector and constraint). Balcony's figures equal NetworkX's on the
 * graph without its self-loops ({@code G.remove_edges_from(nx.selfloop_edges(G))}); the
 * {@code network metrics} command says how many it dropped.
 */
public final class Graph {

	private final boolean directed;

	private final String[] ids;

	private final int[] outStart;

	private final int[] outAdj;

	private final double[] outWeight;

	private final int[] inStart;

	private final int[] inAdj;

	private final int edgeCount;

	private Graph(boolean directed, String[] ids, int[] outStart, int[] outAdj, double[] outWeight, int[] inStart,
			int[] inAdj, int edgeCount) {
		this.directed = directed;
		this.ids = ids;
		this.outStart = outStart;
		this.outAdj = outAdj;
		this.outWeight = outWeight;
		this.inStart = inStart;
		this.inAdj = inAdj;
		this.edgeCount = edgeCount;
	}

	public static Builder builder(boolean directed) {
		return new Builder(directed);
	}

	public boolean directed() {
		return directed;
	}

	public int size() {
		return ids.length;
	}

	/** Edges as given: each undirected edge once. */
	public int edgeCount() {
		return edgeCount;
	}

	public String id(int v) {
		return ids[v];
	}

	public int outDegree(int v) {
		return outStart[v + 1] - outStart[v];
	}

	public int inDegree(int v) {
		return inStart[v + 1] - inStart[v];
	}

	/**
	 * Degree as NetworkX counts it: in + out for directed graphs, neighbours for
	 * undirected ones.
	 */
	public int degree(int v) {
		return directed ? outDegree(v) + inDegree(v) : outDegree(v);
	}

	/**
	 * Successors of v, sorted. The array is shared: read from {@code outStart(v)} to
	 * {@code outEnd(v)}.
	 */
	public int[] outAdjacency() {
		return outAdj;
	}

	public int outStart(int v) {
		return outStart[v];
	}

	public int outEnd(int v) {
		return outStart[v + 1];
	}

	public double outWeight(int index) {
		return outWeight[index];
	}

	public int[] inAdjacency() {
		return inAdj;
	}

	public int inStart(int v) {
		return inStart[v];
	}

	public int inEnd(int v) {
		return inStart[v + 1];
	}

	/** Whether the edge u→v exists (for undirected graphs, u–v). O(log degree). */
	public boolean hasEdge(int u, int v) {
		return Arrays.binarySearch(outAdj, outStart[u], outStart[u + 1], v) >= 0;
	}

	/** Neighbours in either direction, without duplicates, sorted. */
	public int[] allNeighbours(int v) {
		if (!directed) {
			return Arrays.copyOfRange(outAdj, outStart[v], outStart[v + 1]);
		}
		int[] merged = new int[outDegree(v) + inDegree(v)];
		int i = outStart[v];
		int j = inStart[v];
		int k = 0;
		while (i < outStart[v + 1] || j < inStart[v + 1]) {
			int next;
			if (j >= inStart[v + 1] || (i < outStart[v + 1] && outAdj[i] <= inAdj[j])) {
				next = outAdj[i++];
				if (j < inStart[v + 1] && inAdj[j] == next) {
					j++;
				}
			}
			else {
				next = inAdj[j++];
			}
			merged[k++] = next;
		}
		return Arrays.copyOf(merged, k);
	}

	/** Index of a vertex by its id, or -1. O(n) the first time, then O(1). */
	public int indexOf(String id) {
		if (this.index == null) {
			Map<String, Integer> map = new HashMap<>();
			for (int v = 0; v < ids.length; v++) {
				map.put(ids[v], v);
			}
			this.index = map;
		}
		return this.index.getOrDefault(id, -1);
	}

	private Map<String, Integer> index;

	/**
	 * Collects vertices and edges. Vertices keep the order they were first seen in.
	 */
	public static final class Builder {

		private final boolean directed;

		private final Map<String, Integer> index = new HashMap<>();

		private final List<String> ids = new ArrayList<>();

		private final Map<Long, Double> edges = new java.util.LinkedHashMap<>();

		private int selfLoops;

		private Builder(boolean directed) {
			this.directed = directed;
		}

		public int vertex(String id) {
			if (id == null || id.isEmpty()) {
				throw new IllegalArgumentException("A vertex needs a non-empty id");
			}
			return this.index.computeIfAbsent(id, k -> {
				this.ids.add(k);
				return this.ids.size() - 1;
			});
		}

		public Builder edge(String source, String target, double weight) {
			int u = vertex(source);
			int v = vertex(target);
			if (u == v) {
				this.selfLoops++;
				return this;
			}
			if (!this.directed && u > v) {
				int t = u;
				u = v;
				v = t;
			}
			this.edges.put(((long) u << 32) | v, weight);
			return this;
		}

		public int selfLoopsDropped() {
			return this.selfLoops;
		}

		public Graph build() {
			int n = this.ids.size();
			int m = this.edges.size();
			int[] outCount = new int[n + 1];
			int[] inCount = new int[n + 1];
			for (long key : this.edges.keySet()) {
				int u = (int) (key >>> 32);
				int v = (int) key;
				outCount[u]++;
				inCount[v]++;
				if (!this.directed) {
					outCount[v]++;
					inCount[u]++;
				}
			}
			int[] outStart = prefix(outCount, n);
			int[] inStart = prefix(inCount, n);
			int[] outAdj = new int[outStart[n]];
			double[] outWeight = new double[outStart[n]];
			int[] inAdj = new int[inStart[n]];
			int[] outFill = Arrays.copyOf(outStart, n);
			int[] inFill = Arrays.copyOf(inStart, n);
			for (var entry : this.edges.entrySet()) {
				int u = (int) (entry.getKey() >>> 32);
				int v = (int) (long) entry.getKey();
				double w = entry.getValue();
				outWeight[outFill[u]] = w;
				outAdj[outFill[u]++] = v;
				inAdj[inFill[v]++] = u;
				if (!this.directed) {
					outWeight[outFill[v]] = w;
					outAdj[outFill[v]++] = u;
					inAdj[inFill[u]++] = v;
				}
			}
			for (int v = 0; v < n; v++) {
				sortWithWeights(outAdj, outWeight, outStart[v], outStart[v + 1]);
				Arrays.sort(inAdj, inStart[v], inStart[v + 1]);
			}
			return new Graph(this.directed, this.ids.toArray(String[]::new), outStart, outAdj, outWeight, inStart,
					inAdj, m);
		}

		private static int[] prefix(int[] counts, int n) {
			int[] start = new int[n + 1];
			for (int v = 0; v < n; v++) {
				start[v + 1] = start[v] + counts[v];
			}
			return start;
		}

		private static void sortWithWeights(int[] adj, double[] weight, int from, int to) {
			if (to - from < 2) {
				return;
			}
			Integer[] order = new Integer[to - from];
			for (int i = 0; i < order.length; i++) {
				order[i] = from + i;
			}
			boolean sorted = true;
			for (int i = from + 1; i < to; i++) {
				if (adj[i - 1] > adj[i]) {
					sorted = false;
					break;
				}
			}
			if (sorted) {
				return;
			}
			Arrays.sort(order, (a, b) -> Integer.compare(adj[a], adj[b]));
			int[] a = new int[order.length];
			double[] w = new double[order.length];
			for (int i = 0; i < order.length; i++) {
				a[i] = adj[order[i]];
				w[i] = weight[order[i]];
			}
			System.arraycopy(a, 0, adj, from, a.length);
			System.arraycopy(w, 0, weight, from, w.length);
		}

		Set<String> idsSeen() {
			return new HashSet<>(this.ids);
		}

	}

}
