package app.balcony.privacy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The disclosure rule for group-by-group tables of counts (such as ties within and
 * between groups of a network): every group of fewer than {@code k} people is merged into
 * one "smaller groups" row and column, and that pool is left out entirely if it is still
 * under {@code k}. Densities are recomputed for the pooled groups (pairs within a group:
 * n(n−1)/2; between two groups: n·m).
 */
public final class SmallGroups {

	/**
	 * A square table by group.
	 *
	 * @param groups group names
	 * @param sizes people per group
	 * @param counts counts by pair of groups (symmetric; the diagonal counts within)
	 * @param density counts over possible pairs
	 */
	public record Table(List<String> groups, List<Integer> sizes, long[][] counts, double[][] density) {
	}

	private SmallGroups() {
	}

	/**
	 * The table with small groups pooled, or null when every group has at least {@code k}
	 * people (nothing to do).
	 */
	public static Table pool(List<String> groupNames, List<Integer> groupSizes, long[][] counts, int k) {
		int n = groupNames.size();
		List<Integer> keep = new ArrayList<>();
		int pooledSize = 0;
		for (int i = 0; i < n; i++) {
			if (groupSizes.get(i) >= k) {
				keep.add(i);
			}
			else {
				pooledSize += groupSizes.get(i);
			}
		}
		if (keep.size() == n) {
			return null;
		}
		boolean pool = pooledSize >= k;
		int size = keep.size() + (pool ? 1 : 0);
		int[] target = new int[n];
		Arrays.fill(target, -1);
		for (int i = 0; i < keep.size(); i++) {
			target[keep.get(i)] = i;
		}
		if (pool) {
			for (int i = 0; i < n; i++) {
				if (target[i] < 0) {
					target[i] = size - 1;
				}
			}
		}
		List<String> groups = new ArrayList<>();
		List<Integer> sizes = new ArrayList<>();
		keep.forEach(i -> {
			groups.add(groupNames.get(i));
			sizes.add(groupSizes.get(i));
		});
		if (pool) {
			groups.add("Smaller groups (fewer than " + k + " people each)");
			sizes.add(pooledSize);
		}
		long[][] ties = new long[size][size];
		for (int a = 0; a < n; a++) {
			for (int b = 0; b < n; b++) {
				if (target[a] >= 0 && target[b] >= 0) {
					ties[target[a]][target[b]] += counts[a][b];
				}
			}
		}
		// Counts between two small groups were added in both directions of the pool's
		// cell.
		if (pool) {
			long within = 0;
			for (int a = 0; a < n; a++) {
				for (int b = 0; b < n; b++) {
					if (target[a] == size - 1 && target[b] == size - 1) {
						within += a == b ? 2 * counts[a][b] : counts[a][b];
					}
				}
			}
			ties[size - 1][size - 1] = within / 2;
		}
		double[][] density = new double[size][size];
		for (int a = 0; a < size; a++) {
			for (int b = 0; b < size; b++) {
				double pairs = a == b ? sizes.get(a) * (sizes.get(a) - 1) / 2.0 : (double) sizes.get(a) * sizes.get(b);
				density[a][b] = pairs == 0 ? 0 : ties[a][b] / pairs;
			}
		}
		return new Table(groups, sizes, ties, density);
	}

}
