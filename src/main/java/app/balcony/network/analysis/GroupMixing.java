package app.balcony.network.analysis;

import java.util.Random;

/**
 * How ties fall within and between groups: Krackhardt and Stern's E-I index with a
 * permutation test, the density of ties within and between each pair of groups, and
 * Newman's assortativity coefficient for a categorical attribute. Ties are counted once
 * each (undirected edges once; directed edges once per direction).
 */
public final class GroupMixing {

	/**
	 * @param ei (external − internal) / (external + internal): −1 all ties inside groups,
	 * +1 all between; 0 when there are no ties (the API reports numbers, never NaN)
	 * @param expectedEi mean E-I over random relabellings that keep group sizes
	 * @param pSiloed share of relabellings with an E-I at or below the observed one
	 * (small = more inward-looking than chance)
	 * @param density density[g][h]: ties between g and h over possible pairs (within a
	 * group on the diagonal)
	 * @param ties ties[g][h]: number of ties from g to h (symmetric for undirected
	 * graphs)
	 * @param assortativity Newman's r for the grouping
	 */
	public record Result(double ei, double expectedEi, double pSiloed, double[][] density, long[][] ties,
			double assortativity, int[] groupSizes) {
	}

	private GroupMixing() {
	}

	/**
	 * @param group group number per vertex, 0..groups-1
	 * @param permutations random relabellings for the E-I test (0 to skip)
	 * @throws IllegalArgumentException if a group number is out of range
	 */
	public static Result compute(Graph g, int[] group, int groups, int permutations, long seed) {
		int n = g.size();
		int[] sizes = new int[groups];
		for (int v = 0; v < n; v++) {
			if (group[v] < 0 || group[v] >= groups) {
				throw new IllegalArgumentException("Group " + group[v] + " of vertex " + g.id(v) + " is out of range");
			}
			sizes[group[v]]++;
		}
		long[][] ties = new long[groups][groups];
		long[][] mixing = new long[groups][groups];
		int[] out = g.outAdjacency();
		long internal = 0;
		long external = 0;
		for (int u = 0; u < n; u++) {
			for (int i = g.outStart(u); i < g.outEnd(u); i++) {
				int v = out[i];
				if (!g.directed() && v < u) {
					continue;
				}
				ties[group[u]][group[v]]++;
				if (!g.directed() && group[u] != group[v]) {
					ties[group[v]][group[u]]++;
				}
				// The mixing matrix counts both ends of an undirected tie, as Newman's r
				// requires.
				mixing[group[u]][group[v]]++;
				if (!g.directed()) {
					mixing[group[v]][group[u]]++;
				}
				if (group[u] == group[v]) {
					internal++;
				}
				else {
					external++;
				}
			}
		}
		double ei = ei(internal, external);
		double[][] density = new double[groups][groups];
		for (int a = 0; a < groups; a++) {
			for (int b = 0; b < groups; b++) {
				double pairs;
				if (a == b) {
					pairs = g.directed() ? (double) sizes[a] * (sizes[a] - 1) : sizes[a] * (sizes[a] - 1) / 2.0;
				}
				else {
					pairs = (double) sizes[a] * sizes[b];
				}
				density[a][b] = pairs == 0 ? 0 : ties[a][b] / pairs;
			}
		}

		double expected = Double.NaN;
		double p = Double.NaN;
		if (permutations > 0 && internal + external > 0) {
			Random random = new Random(seed);
			int[] shuffled = group.clone();
			double sum = 0;
			int atOrBelow = 0;
			for (int r = 0; r < permutations; r++) {
				for (int i = n - 1; i > 0; i--) {
					int j = random.nextInt(i + 1);
					int t = shuffled[i];
					shuffled[i] = shuffled[j];
					shuffled[j] = t;
				}
				long in = 0;
				long ex = 0;
				for (int u = 0; u < n; u++) {
					for (int i = g.outStart(u); i < g.outEnd(u); i++) {
						int v = out[i];
						if (!g.directed() && v < u) {
							continue;
						}
						if (shuffled[u] == shuffled[v]) {
							in++;
						}
						else {
							ex++;
						}
					}
				}
				double value = ei(in, ex);
				sum += value;
				if (value <= ei + 1e-12) {
					atOrBelow++;
				}
			}
			expected = sum / permutations;
			p = (atOrBelow + 1.0) / (permutations + 1.0);
		}
		return new Result(ei, expected, p, density, ties, assortativity(mixing, groups), sizes);
	}

	private static double ei(long internal, long external) {
		return internal + external == 0 ? 0 : (double) (external - internal) / (internal + external);
	}

	/** Newman's r = (Σ e_ii − Σ a_i b_i) / (1 − Σ a_i b_i) over the mixing matrix. */
	private static double assortativity(long[][] ties, int groups) {
		double total = 0;
		for (long[] row : ties) {
			for (long t : row) {
				total += t;
			}
		}
		if (total == 0) {
			return Double.NaN;
		}
		double trace = 0;
		double ab = 0;
		for (int a = 0; a < groups; a++) {
			trace += ties[a][a] / total;
			double rowSum = 0;
			double columnSum = 0;
			for (int b = 0; b < groups; b++) {
				rowSum += ties[a][b] / total;
				columnSum += ties[b][a] / total;
			}
			ab += rowSum * columnSum;
		}
		return ab == 1 ? Double.NaN : (trace - ab) / (1 - ab);
	}

}
