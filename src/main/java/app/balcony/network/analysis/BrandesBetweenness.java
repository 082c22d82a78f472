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
 * scaled by n/k, as NetworkX does; harmonic is only computed exactly). Memory O(n) per
 * thread.
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
				parts.add(pool.submit(() -> new Worker(ordered).run(sources, next, chunk, true, progress)));
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

		/** newIndex[original] and original[newIndex]. */
		final int[] newIndex;

		final int[] original;

		Ordered(Graph g) {
			this.n = g.size();
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
			this.inAdj = g.directed() ? new int[this.inStart[this.n]] : this.outAdj;
			for (int v = 0; v < this.n; v++) {
				int o = this.original[v];
				int k = this.outStart[v];
				for (int i = g.outStart(o); i < g.outEnd(o); i++) {
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

		/** Number of shortest paths from the source, set when a vertex is reached. */
		private final double[] sigma;

		/** Backward values (1 + dependency) / sigma, written before they are read. */
		private final double[] delta;

		private final int[] order;

		/**
		 * Successors in the current shortest-path DAG, grouped by vertex in queue order;
		 * grows as needed.
		 */
		private int[] dag;

		/**
		 * Where the successors of the vertex at each queue position end in {@link #dag}.
		 */
		private final int[] groupEnd;

		private final double[] betweenness;

		private final double[] harmonic;

		Worker(Ordered g) {
			this.g = g;
			int n = g.n;
			this.seen = new long[(n >>> 6) + 1];
			this.next = new long[(n >>> 6) + 1];
			this.sigma = new double[n];
			this.delta = new double[n];
			this.order = new int[n];
			this.dag = new int[Math.max(16, 2 * n)];
			this.groupEnd = new int[n];
			this.betweenness = new double[n];
			this.harmonic = new double[n];
		}

		double[][] run(int[] sources, AtomicInteger next, int chunk, boolean withHarmonic,
				java.util.function.IntConsumer progress) {
			int start;
			while ((start = next.getAndAdd(chunk)) < sources.length) {
				int end = Math.min(sources.length, start + chunk);
				for (int i = start; i < end; i++) {
					single(this.g.newIndex[sources[i]], withHarmonic);
				}
				progress.accept(end);
			}
			return new double[][] { this.betweenness, this.harmonic };
		}

		private void single(int s, boolean withHarmonic) {
			final int[] out = this.g.outAdj;
			final int[] outStart = this.g.outStart;
			final long[] seen = this.seen;
			final long[] next = this.next;
			final double[] sg = this.sigma;
			final double[] coef = this.delta;
			final int[] queue = this.order;
			final int[] groupEnd = this.groupEnd;
			final double[] harmonic = this.harmonic;
			int[] dag = this.dag;
			int arcs = 0;
			int head = 0;
			int tail = 0;
			int level = 0;
			int levelEnd = 1;
			seen[s >>> 6] |= 1L << s;
			sg[s] = 1.0;
			queue[tail++] = s;
			// Forward: breadth-first search counting shortest paths, level by level. Two
			// bitsets small enough for the first-level cache say whether a neighbour was
			// reached already and whether it is in the next level, so most arcs (to the
			// same or an earlier level) need nothing else; each level is then taken in
			// vertex order from the bitset, so that adjacency lists and path counts are
			// read in memory order. The successors of each vertex in the shortest-path
			// DAG are recorded together, in processing order.
			while (head < tail) {
				int lowWord = Integer.MAX_VALUE;
				int highWord = -1;
				for (; head < levelEnd; head++) {
					int v = queue[head];
					double sv = sg[v];
					if (arcs + (outStart[v + 1] - outStart[v]) > dag.length) {
						dag = java.util.Arrays.copyOf(dag,
								Math.max(dag.length * 2, arcs + (outStart[v + 1] - outStart[v])));
						this.dag = dag;
					}
					for (int i = outStart[v], e = outStart[v + 1]; i < e; i++) {
						int w = out[i];
						int word = w >>> 6;
						long bit = 1L << w;
						if ((seen[word] & bit) == 0) {
							seen[word] |= bit;
							next[word] |= bit;
							sg[w] = sv;
							dag[arcs++] = w;
							lowWord = Math.min(lowWord, word);
							highWord = Math.max(highWord, word);
						}
						else if ((next[word] & bit) != 0) {
							sg[w] += sv;
							dag[arcs++] = w;
						}
					}
					if (withHarmonic && level > 0) {
						harmonic[v] += 1.0 / level;
					}
					groupEnd[head] = arcs;
				}
				for (int word = lowWord; word <= highWord; word++) {
					long bits = next[word];
					next[word] = 0;
					while (bits != 0) {
						queue[tail++] = (word << 6) | Long.numberOfTrailingZeros(bits);
						bits &= bits - 1;
					}
				}
				levelEnd = tail;
				level++;
			}
			// Backward, in reverse queue order: every successor's dependency is complete
			// before its predecessors are reached, so each vertex keeps only
			// (1 + delta) / sigma, and a vertex's dependency is sigma times the sum of
			// its
			// successors' values: one read per arc and one division per vertex.
			for (int i = tail - 1; i >= 0; i--) {
				int v = queue[i];
				double sum = 0;
				for (int k = i == 0 ? 0 : groupEnd[i - 1], e = groupEnd[i]; k < e; k++) {
					sum += coef[dag[k]];
				}
				double dependency = sg[v] * sum;
				if (i > 0) {
					this.betweenness[v] += dependency;
				}
				coef[v] = (1.0 + dependency) / sg[v];
			}
			// Path counts are set when a vertex is reached and the backward values are
			// written before they are read, so only the reached bits need clearing.
			java.util.Arrays.fill(seen, 0L);
		}

	}

}
