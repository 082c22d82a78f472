package app.balcony.privacy;

/**
 * A tenant's anonymity thresholds: the fewest respondents behind any reported figure,
 * behind any shown comment, and in a 360 rater group.
 */
public record Thresholds(int minCell, int minComments, int minRaterGroup) {

	public static final Thresholds DEFAULT = new Thresholds(5, 10, 3);

	public Thresholds {
		if (minCell < 2 || minComments < 2 || minRaterGroup < 2) {
			throw new IllegalArgumentException("Anonymity thresholds must be at least 2");
		}
		if (minCell > 1000 || minComments > 1000 || minRaterGroup > 1000) {
			throw new IllegalArgumentException("Anonymity thresholds must be at most 1000");
		}
	}

}
