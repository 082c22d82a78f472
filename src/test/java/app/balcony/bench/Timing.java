package app.balcony.bench;

import java.util.Arrays;

/** Timing for benchmarks: repeated runs after warm-up, and their 95th percentile. */
final class Timing {

	private Timing() {
	}

	/** Runs the action {@code n} times after 10 warm-up runs; returns the times in ms. */
	static double[] time(int n, Runnable action) {
		return time(n, 10, action);
	}

	static double[] time(int n, int warmUp, Runnable action) {
		for (int i = 0; i < warmUp; i++) {
			action.run();
		}
		double[] times = new double[n];
		for (int i = 0; i < n; i++) {
			long t = System.nanoTime();
			action.run();
			times[i] = (System.nanoTime() - t) / 1e6;
		}
		return times;
	}

	static double p95(double[] times) {
		double[] sorted = times.clone();
		Arrays.sort(sorted);
		return sorted[(int) Math.ceil(0.95 * sorted.length) - 1];
	}

}
