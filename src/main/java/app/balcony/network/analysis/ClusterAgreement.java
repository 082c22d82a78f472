package app.balcony.network.analysis;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * How far one partition of people follows another, e.g. informal clusters against
 * organisations: the <em>purity</em> (the share of people whose cluster's largest
 * organisation is their own) and the <em>normalised mutual information</em> between the
 * two, {@code 2·I(C;O) / (H(C) + H(O))}, 0 when knowing the cluster says nothing about
 * the organisation and 1 when the partitions are the same (also 1 when both have a single
 * part). Linear in the number of people.
 */
public final class ClusterAgreement {

	/**
	 * @param clusters the number of clusters
	 * @param labels the number of distinct labels (organisations)
	 * @param purity from 0 to 1, rounded to three decimals
	 * @param nmi from 0 to 1, rounded to three decimals
	 */
	public record Result(int clusters, int labels, double purity, double nmi) {
	}

	private ClusterAgreement() {
	}

	/**
	 * Compares clusters (numbered from 0) with labels (null counts as one label of its
	 * own); null when there are no people.
	 */
	public static Result compute(int[] cluster, String[] label) {
		int n = cluster.length;
		if (n != label.length) {
			throw new IllegalArgumentException("one cluster and one label per person");
		}
		if (n == 0) {
			return null;
		}
		Map<String, Integer> labels = new HashMap<>();
		int[] org = new int[n];
		for (int v = 0; v < n; v++) {
			org[v] = labels.computeIfAbsent(label[v] == null ? "" : label[v], k -> labels.size());
		}
		int clusters = Arrays.stream(cluster).max().orElse(0) + 1;
		Map<Long, Integer> joint = new HashMap<>();
		int[] perCluster = new int[clusters];
		int[] perLabel = new int[labels.size()];
		for (int v = 0; v < n; v++) {
			joint.merge((long) cluster[v] * labels.size() + org[v], 1, Integer::sum);
			perCluster[cluster[v]]++;
			perLabel[org[v]]++;
		}
		int[] largest = new int[clusters];
		double mutual = 0;
		for (Map.Entry<Long, Integer> e : joint.entrySet()) {
			int c = (int) (e.getKey() / labels.size());
			int o = (int) (e.getKey() % labels.size());
			largest[c] = Math.max(largest[c], e.getValue());
			double pxy = (double) e.getValue() / n;
			mutual += pxy * Math.log(pxy / ((double) perCluster[c] / n * perLabel[o] / n));
		}
		double hc = entropy(perCluster, n);
		double ho = entropy(perLabel, n);
		double nmi = hc + ho == 0 ? 1 : 2 * mutual / (hc + ho);
		double purity = Arrays.stream(largest).sum() / (double) n;
		return new Result(clusters, labels.size(), Math.round(purity * 1000) / 1000.0, Math.round(nmi * 1000) / 1000.0);
	}

	private static double entropy(int[] counts, int n) {
		double h = 0;
		for (int c : counts) {
			if (c > 0) {
				double p = (double) c / n;
				h -= p * Math.log(p);
			}
		}
		return h;
	}

}
