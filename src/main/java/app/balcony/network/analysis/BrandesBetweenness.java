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
			List<Future<double[][]>> parts = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				parts.add(pool.submit(() -> new Worker(graph).run(sources, next, chunk, !sampled)));
			}
			double[] betweenness = new double[n];
			double[] harmonic = new double[n];
			for (Future<double[][]> part : parts) {
				double[][] values = part.get();
				for (int v = 0; v < n; v++) {
					betweenness[v] += values[0][v];
					harmonic[v] += values[1][v];
				}
			}
			double scale = graph.directed() ? 1.0 : 0.5;
			if (sampled) {
				scale *= (double) n / sources.length;
			}
			for (int v = 0; v < n; v++) {
				betweenness[v] *= scale;
			}
			return new Result(betweenness, sampled ? null : harmonic);
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

	private static final class Worker {

		private final Graph g;

		private final int[] dist;

		private final double[] sigma;

		private final double[] delta;

		private final int[] order;

		private final double[] betweenness;

		private final double[] harmonic;

		Worker(Graph g) {
			this.g = g;
			int n = g.size();
			this.dist = new int[n];
			java.util.Arrays.fill(this.dist, -1);
			this.sigma = new double[n];
			this.delta = new double[n];
			this.order = new int[n];
			this.betweenness = new double[n];
			this.harmonic = new double[n];
		}

		double[][] run(int[] sources, AtomicInteger next, int chunk, boolean withHarmonic) {
			int start;
			while ((start = next.getAndAdd(chunk)) < sources.length) {
				int end = Math.min(sources.length, start + chunk);
				for (int i = start; i < end; i++) {
					single(sources[i], withHarmonic);
				}
			}
			return new double[][] { this.betweenness, this.harmonic };
		}

		private void single(int s, boolean withHarmonic) {
			int[] out = this.g.outAdjacency();
			int[] in = this.g.inAdjacency();
			int[] d = this.dist;
			double[] sg = this.sigma;
			int head = 0;
			int tail = 0;
			d[s] = 0;
			sg[s] = 1.0;
			this.order[tail++] = s;
			// The BFS queue doubles as the order of discovery, which is the order of the
			// stack reversed.
			while (head < tail) {
				int v = this.order[head++];
				int dv = d[v] + 1;
				double sv = sg[v];
				for (int i = this.g.outStart(v), e = this.g.outEnd(v); i < e; i++) {
					int w = out[i];
					if (d[w] < 0) {
						d[w] = dv;
						this.order[tail++] = w;
					}
					if (d[w] == dv) {
						sg[w] += sv;
					}
				}
			}
			if (withHarmonic) {
				for (int i = 1; i < tail; i++) {
					int t = this.order[i];
					this.harmonic[t] += 1.0 / d[t];
				}
			}
			double[] dl = this.delta;
			for (int i = tail - 1; i > 0; i--) {
				int w = this.order[i];
				int dw = d[w] - 1;
				double coefficient = (1.0 + dl[w]) / sg[w];
				for (int j = this.g.inStart(w), e = this.g.inEnd(w); j < e; j++) {
					int v = in[j];
					if (d[v] == dw) {
						dl[v] += sg[v] * coefficient;
					}
				}
				this.betweenness[w] += dl[w];
			}
			for (int i = 0; i < tail; i++) {
				int v = this.order[i];
				d[v] = -1;
				sg[v] = 0;
				dl[v] = 0;
			}
		}

	}

}
