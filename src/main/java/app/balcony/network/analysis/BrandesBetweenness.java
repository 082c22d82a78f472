package app.balcony.network.analysis;

import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Betweenness centrality (Brandes 2001) and harmonic closeness from one breadth-first
 * search per source, for unweighted graphs, on every core.
 *
 * <p>
 * Sources are handed out to worker threads in small chunks; each worker keeps its own int
 * and double arrays (no maps, no boxing) and its own accumulators, summed at the end, so
 * the result is exact and independent of the number of threads up to floating-point
 * addition order.
 *
 * <p>
 * Conventions match NetworkX: {@code betweenness} is {@code betweenness_centrality(G,
 * normalized=False)} (undirected graphs count each pair once, i.e. the sum is halved),
 * and {@code harmonic} is {@code harmonic_centrality(G)}: for vertex t the sum over other
 * vertices s of 1/d(s,t), unreachable pairs contributing 0 (for directed graphs,
 * distances towards t).
 *
 * <p>
 * Running time O(n·m) exact, or O(k·m) with {@code k} sampled sources (betweenness then
 * scaled by n/k, as NetworkX does; harmonic closeness is then estimated the same way).
 * Memory O(n) per thread plus the arcs of the largest shortest-path DAG (at most m).
 */
public final class BrandesBetweenness {

	/** The two centralities, indexed by vertex. */
	public record Result(double[] betweenness, double[] harmonic) {
	}

	private BrandesBetweenness() {
	}

	/** Exact betweenness and harmonic closeness on all available cores. */
	public static Result compute(Graph graph) {
		return compute(graph, 0, 0L, Runtime.getRuntime().availableProcessors());
	}

	/**
	 * @param sampleSources 0 for exact; otherwise the number of random sources (k &lt; n)
	 * @param seed seed for choosing sampled sources
	 * @param threads worker threads (at least 1)
	 * @throws IllegalArgumentException if {@code sampleSources} is negative or
	 * {@code threads} &lt; 1
	 */
	public static Result compute(Graph graph, int sampleSources, long seed, int threads) {
		return compute(graph, sampleSources, seed, threads, done -> {
		});
	}

	/**
	 * As {@link #compute(Graph, int, long, int)}, telling {@code progress} how many
	 * sources have been searched, from the worker threads, after every chunk.
	 */
	public static Result compute(Graph graph, int sampleSources, long seed, int threads,
			java.util.function.IntConsumer progress) {
		if (sampleSources < 0 || threads < 1) {
			throw new IllegalArgumentException("sampleSources must be >= 0 and threads >= 1");
		}
		int n = graph.size();
		int[] sources = chooseSources(n, sampleSources, seed);
		boolean sampled = sources.length < n;
		AtomicInteger next = new AtomicInteger();
		int chunk = Math.max(1, Math.min(64, sources.length / (threads * 16) + 1));
		ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
			Thread t = new Thread(r, "balcony-brandes");
			t.setDaemon(true);
			return t;
		});
		try {
			Ordered ordered = new Ordered(graph);
			List<Future<double[][]>> parts = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				parts.add(pool.submit(() -> new Worker(ordered).run(sources, next, chunk, sampled, progress)));
			}
			double[] betweenness = new double[n];
			double[] harmonic = new double[n];
			for (Future<double[][]> part : parts) {
				double[][] values = part.get();
				for (int v = 0; v < n; v++) {
					betweenness[ordered.original[v]] += values[0][v];
					harmonic[ordered.original[v]] += values[1][v];
				}
			}
			double scale = graph.directed() ? 1.0 : 0.5;
			if (sampled) {
				scale *= (double) n / sources.length;
			}
			double harmonicScale = sampled ? (double) n / sources.length : 1.0;
			for (int v = 0; v < n; v++) {
				betweenness[v] *= scale;
				harmonic[v] *= harmonicScale;
			}
			return new Result(betweenness, harmonic);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static int[] chooseSources(int n, int k, long seed) {
		if (k == 0 || k >= n) {
			int[] all = new int[n];
			for (int i = 0; i < n; i++) {
				all[i] = i;
			}
			return all;
		}
		int[] all = new int[n];
		for (int i = 0; i < n; i++) {
			all[i] = i;
		}
		Random random = new Random(seed);
		for (int i = 0; i < k; i++) {
			int j = i + random.nextInt(n - i);
			int t = all[i];
			all[i] = all[j];
			all[j] = t;
		}
		return java.util.Arrays.copyOf(all, k);
	}

	/**
	 * Vertices renumbered in Cuthill–McKee order (breadth-first from a low-degree vertex,
	 * neighbours by rising degree), so that a vertex's neighbours have nearby numbers and
	 * the search's random accesses stay in cache. O(m log Δ).
	 */
	static final class Ordered {

		final int n;

		final int[] outStart;

		final int[] outAdj;

		final int[] inStart;

		final int[] inAdj;

		/** The vertex each arc of {@link #outAdj} leaves. */
		final int[] arcSource;

		final boolean directed;

		/** newIndex[original] and original[newIndex]. */
		final int[] newIndex;

		final int[] original;

		Ordered(Graph g) {
			this.n = g.size();
			this.directed = g.directed();
			this.original = new int[this.n];
			this.newIndex = new int[this.n];
			java.util.Arrays.fill(this.newIndex, -1);
			Integer[] byDegree = new Integer[this.n];
			for (int v = 0; v < this.n; v++) {
				byDegree[v] = v;
			}
			java.util.Arrays.sort(byDegree, (a, b) -> Integer.compare(g.degree(a), g.degree(b)));
			int next = 0;
			int[] out = g.outAdjacency();
			int[] in = g.inAdjacency();
			for (int seed : byDegree) {
				if (this.newIndex[seed] >= 0) {
					continue;
				}
				int head = next;
				this.newIndex[seed] = next;
				this.original[next++] = seed;
				while (head < next) {
					int v = this.original[head++];
					int[] neighbours = new int[g.outDegree(v) + g.inDegree(v)];
					int k = 0;
					for (int i = g.outStart(v); i < g.outEnd(v); i++) {
						if (this.newIndex[out[i]] < 0) {
							neighbours[k++] = out[i];
						}
					}
					for (int i = g.inStart(v); i < g.inEnd(v); i++) {
						if (this.newIndex[in[i]] < 0) {
							neighbours[k++] = in[i];
						}
					}
					Integer[] sorted = new Integer[k];
					for (int i = 0; i < k; i++) {
						sorted[i] = neighbours[i];
					}
					java.util.Arrays.sort(sorted, (a, b) -> Integer.compare(g.degree(a), g.degree(b)));
					for (int w : sorted) {
						if (this.newIndex[w] < 0) {
							this.newIndex[w] = next;
							this.original[next++] = w;
						}
					}
				}
			}
			this.outStart = new int[this.n + 1];
			this.inStart = new int[this.n + 1];
			for (int v = 0; v < this.n; v++) {
				int o = this.original[v];
				this.outStart[v + 1] = this.outStart[v] + g.outDegree(o);
				this.inStart[v + 1] = this.inStart[v] + g.inDegree(o);
			}
			this.outAdj = new int[this.outStart[this.n]];
			this.arcSource = new int[this.outAdj.length];
			this.inAdj = g.directed() ? new int[this.inStart[this.n]] : this.outAdj;
			for (int v = 0; v < this.n; v++) {
				int o = this.original[v];
				int k = this.outStart[v];
				for (int i = g.outStart(o); i < g.outEnd(o); i++) {
					this.arcSource[k] = v;
					this.outAdj[k++] = this.newIndex[out[i]];
				}
				java.util.Arrays.sort(this.outAdj, this.outStart[v], k);
				if (g.directed()) {
					k = this.inStart[v];
					for (int i = g.inStart(o); i < g.inEnd(o); i++) {
						this.inAdj[k++] = this.newIndex[in[i]];
					}
					java.util.Arrays.sort(this.inAdj, this.inStart[v], k);
				}
			}
		}

	}

	private static final class Worker {

		private final Ordered g;

		/** Vertices reached from the current source (one bit each). */
		private final long[] seen;

		/** Vertices of the level being discovered (one bit each). */
		private final long[] next;

		/**
		 * Number of shortest paths from the source while searching forward; on the way
		 * back each vertex's (1 + dependency) / paths, once its dependency is known.
		 */
		private final double[] sigma;

		/** Sum of the successors' backward values, per vertex of the level being done. */
		private final double[] sum;

		/**
		 * Vertices in the order reached: level by level, in vertex order within a level.
		 */
		private final int[] order;

		/**
		 * Arcs of the shortest-path DAG in the order found: target in {@link #dagTo},
		 * source in {@link #dagFrom}; grows as needed.
		 */
		private int[] dagTo;

		private int[] dagFrom;

		/** Where each level starts in {@link #order} and in the DAG arcs. */
		private final int[] levelStart;

		private final int[] levelArcs;

		private final double[] betweenness;

		private final double[] harmonic;

		/** True when each source adds to everyone's harmonic closeness (see run). */
		private boolean spread;

		Worker(Ordered g) {
			this.g = g;
			int n = g.n;
			this.seen = new long[(n >>> 6) + 1];
			this.next = new long[(n >>> 6) + 1];
			this.sigma = new double[n];
			this.sum = new double[n];
			this.order = new int[n];
			this.dagTo = new int[Math.max(16, 2 * n)];
			this.dagFrom = new int[this.dagTo.length];
			this.levelStart = new int[n + 2];
			this.levelArcs = new int[n + 2];
			this.betweenness = new double[n];
			this.harmonic = new double[n];
		}

		/**
		 * @param sampled whether the sources are a sample: then (as for directed graphs)
		 * each search adds 1/d to the harmonic closeness of every vertex it reaches; for
		 * exact undirected runs distances are symmetric, so each search gives its
		 * source's own closeness in one sum per level.
		 */
		double[][] run(int[] sources, AtomicInteger next, int chunk, boolean sampled,
				java.util.function.IntConsumer progress) {
			this.spread = sampled || this.g.directed;
			int start;
			while ((start = next.getAndAdd(chunk)) < sources.length) {
				int end = Math.min(sources.length, start + chunk);
				for (int i = start; i < end; i++) {
					single(this.g.newIndex[sources[i]]);
				}
				progress.accept(end);
			}
			return new double[][] { this.betweenness, this.harmonic };
		}

		/**
		 * One source. Every loop over arcs is flat (no short inner loop per vertex, whose
		 * unpredictable exits cost more than the arcs): the search scans runs of
		 * consecutive frontier vertices, whose arcs are contiguous, and keeps each arc to
		 * an unreached vertex with its source; path counts and dependencies then run over
		 * those kept arcs, a level at a time.
		 */
		private void single(int s) {
			final int[] out = this.g.outAdj;
			final int[] outStart = this.g.outStart;
			final int[] arcSource = this.g.arcSource;
			final long[] seen = this.seen;
			final long[] next = this.next;
			final double[] sg = this.sigma;
			final double[] sum = this.sum;
			final int[] queue = this.order;
			int[] to = this.dagTo;
			int[] from = this.dagFrom;
			int arcs = 0;
			int head = 0;
			int tail = 0;
			int level = 0;
			int levelEnd = 1;
			double own = 0;
			seen[s >>> 6] |= 1L << s;
			sg[s] = 1.0;
			queue[tail++] = s;
			while (head < tail) {
				this.levelStart[level] = head;
				this.levelArcs[level] = arcs;
				if (level > 0) {
					own += (double) (levelEnd - head) / level;
					if (this.spread) {
						double reciprocal = 1.0 / level;
						for (int p = head; p < levelEnd; p++) {
							this.harmonic[queue[p]] += reciprocal;
						}
					}
				}
				// Scan the frontier's arcs. The reached bitset is small enough for the
				// first-level cache and is not changed during the scan, so an arc belongs
				// to the DAG exactly when its target is not yet reached: every arc is
				// written, and the count moves on only for those (no branch).
				while (head < levelEnd) {
					int first = queue[head++];
					int last = first;
					while (head < levelEnd && queue[head] == last + 1) {
						last++;
						head++;
					}
					int i = outStart[first];
					int e = outStart[last + 1];
					if (arcs + (e - i) >= to.length) {
						int size = Math.max(to.length * 2, arcs + (e - i) + 1);
						to = java.util.Arrays.copyOf(to, size);
						from = java.util.Arrays.copyOf(from, size);
						this.dagTo = to;
						this.dagFrom = from;
					}
					for (; i < e; i++) {
						int w = out[i];
						to[arcs] = w;
						from[arcs] = arcSource[i];
						arcs += (int) ((~seen[w >>> 6]) >>> w) & 1;
					}
				}
				// Path counts of the next level, marking its vertices as found.
				int lowWord = Integer.MAX_VALUE;
				int highWord = -1;
				for (int k = this.levelArcs[level]; k < arcs; k++) {
					int w = to[k];
					sg[w] += sg[from[k]];
					next[w >>> 6] |= 1L << w;
					lowWord = Math.min(lowWord, w >>> 6);
					highWord = Math.max(highWord, w >>> 6);
				}
				for (int word = lowWord; word <= highWord; word++) {
					long bits = next[word];
					if (bits != 0) {
						next[word] = 0;
						seen[word] |= bits;
						while (bits != 0) {
							queue[tail++] = (word << 6) | Long.numberOfTrailingZeros(bits);
							bits &= bits - 1;
						}
					}
				}
				levelEnd = tail;
				level++;
			}
			this.levelStart[level] = tail;
			this.levelArcs[level] = arcs;
			// Backward, a level at a time from the deepest: the successors' values are
			// final before their level's arcs are read. A vertex's dependency is its path
			// count times the sum of its successors' (1 + dependency) / paths.
			for (int l = level - 1; l >= 0; l--) {
				for (int k = this.levelArcs[l], e = this.levelArcs[l + 1]; k < e; k++) {
					sum[from[k]] += sg[to[k]];
				}
				for (int p = this.levelStart[l], e = this.levelStart[l + 1]; p < e; p++) {
					int v = queue[p];
					double dependency = sg[v] * sum[v];
					sum[v] = 0;
					if (l > 0) {
						this.betweenness[v] += dependency;
					}
					sg[v] = (1.0 + dependency) / sg[v];
				}
			}
			if (!this.spread) {
				this.harmonic[s] += own;
			}
			// Only what this search touched is cleared, so small components stay cheap.
			for (int p = 0; p < tail; p++) {
				int v = queue[p];
				sg[v] = 0;
				seen[v >>> 6] = 0;
			}
		}

	}

}
