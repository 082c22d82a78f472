package app.balcony.assessment;

import java.util.List;

/** Internal consistency of a campaign's dimensions and elements (Cronbach's alpha). */
final class Reliability {

	private Reliability() {
	}

	/**
	 * Cronbach's alpha of each multi-item column over the respondents who answered all
	 * its items: k/(k-1) · (1 − Σ item variances / variance of the sum). NaN with fewer
	 * than {@link Results#MIN_FOR_ALPHA} complete responses or a single item.
	 */
	static double[] alpha(List<Results.Column> columns, java.util.Collection<byte[]> responses) {
		double[] out = new double[columns.size()];
		for (int c = 0; c < columns.size(); c++) {
			List<Integer> items = columns.get(c).items();
			int k = items.size();
			if (k < 2) {
				out[c] = Double.NaN;
				continue;
			}
			double[] sum = new double[k];
			double[] squares = new double[k];
			double total = 0;
			double totalSquares = 0;
			int n = 0;
			for (byte[] r : responses) {
				boolean complete = true;
				for (int item : items) {
					complete &= r[item] > 0;
				}
				if (!complete) {
					continue;
				}
				n++;
				double t = 0;
				for (int i = 0; i < k; i++) {
					double v = r[items.get(i)];
					sum[i] += v;
					squares[i] += v * v;
					t += v;
				}
				total += t;
				totalSquares += t * t;
			}
			if (n < Results.MIN_FOR_ALPHA) {
				out[c] = Double.NaN;
				continue;
			}
			double itemVariance = 0;
			for (int i = 0; i < k; i++) {
				itemVariance += (squares[i] - sum[i] * sum[i] / n) / (n - 1);
			}
			double totalVariance = (totalSquares - total * total / n) / (n - 1);
			// Statements that cancel out (everyone's total the same) give minus infinity:
			// it is reported with every other alpha at or below -1, so its absence or
			// value never says that everyone has the same score.
			double a = totalVariance <= 0 ? Double.NEGATIVE_INFINITY
					: (double) k / (k - 1) * (1 - itemVariance / totalVariance);
			out[c] = itemVariance <= 0 && totalVariance <= 0 ? Double.NaN : Math.max(Results.ALPHA_FLOOR, a);
		}
		return out;
	}

}
