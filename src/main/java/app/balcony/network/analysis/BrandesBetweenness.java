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

		/**
		 * Distance from the source, −1 when not reached: the only array every arc
		 * touches.
		 */
		private final int[] dist;

		private final double[] sigma;

		private final double[] delta;

		private final int[] order;

		/** Arcs of the current shortest-path DAG, as (v, w) pairs; grows as needed. */
		private int[] dag;

		private final double[] betweenness;

		private final double[] harmonic;

		Worker(Ordered g) {
			this.g = g;
			int n = g.n;
			this.dist = new int[n];
			java.util.Arrays.fill(this.dist, -1);
			this.sigma = new double[n];
			this.delta = new double[n];
			this.order = new int[n];
			this.dag = new int[Math.max(16, 2 * n)];
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
			final int[] d = this.dist;
			final double[] sg = this.sigma;
			final double[] dl = this.delta;
			final int[] queue = this.order;
			int[] dag = this.dag;
			int arcs = 0;
			int head = 0;
			int tail = 0;
			d[s] = 0;
			sg[s] = 1.0;
			queue[tail++] = s;
			// Forward: breadth-first search counting shortest paths, recording every arc
			// of the
			// shortest-path DAG (v, w) in discovery order.
			while (head < tail) {
				int v = queue[head++];
				int dv = d[v] + 1;
				double sv = sg[v];
				if (arcs + 2 * (outStart[v + 1] - outStart[v]) > dag.length) {
					dag = java.util.Arrays.copyOf(dag,
							Math.max(dag.length * 2, arcs + 2 * (outStart[v + 1] - outStart[v])));
					this.dag = dag;
				}
				for (int i = outStart[v], e = outStart[v + 1]; i < e; i++) {
					int w = out[i];
					int dw = d[w];
					if (dw < 0) {
						d[w] = dv;
						queue[tail++] = w;
						dw = dv;
					}
					if (dw == dv) {
						sg[w] += sv;
						dag[arcs] = v;
						dag[arcs + 1] = w;
						arcs += 2;
					}
				}
			}
			if (withHarmonic) {
				for (int i = 1; i < tail; i++) {
					int t = queue[i];
					this.harmonic[t] += 1.0 / d[t];
				}
			}
			// Backward: DAG arcs in reverse discovery order see each w's dependency
			// complete before
			// it is passed to its predecessors, so no distance checks are needed.
			for (int k = arcs - 2; k >= 0; k -= 2) {
				int v = dag[k];
				int w = dag[k + 1];
				dl[v] += sg[v] / sg[w] * (1.0 + dl[w]);
			}
			for (int i = 0; i < tail; i++) {
				int v = queue[i];
				if (i > 0) {
					this.betweenness[v] += dl[v];
				}
				d[v] = -1;
				sg[v] = 0;
				dl[v] = 0;
			}
		}

	}

}
