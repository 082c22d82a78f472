package app.balcony.network;

import java.time.LocalDate;
import java.util.List;

/**
 * What the network pages, API and exports show. Person-level rows are only produced for
 * roles allowed to see named networks.
 */
public final class NetworkViews {

	private NetworkViews() {
	}

	public record Wave(long id, String name, LocalDate collectedOn, long ties, long people) {
	}

	/**
	 * {@code reciprocity}: share of the ties this person named that were named back (null
	 * if none).
	 */
	public record PersonMetrics(long personId, String name, String group, int degree, double betweenness,
			double harmonic, double eigenvector, double constraint, double effectiveSize, int community,
			long brokerageTotal, long liaison, Double reciprocity) {
	}

	/** One finding in plain English, with the figure behind it. */
	public record Finding(String kind, String title, String explanation) {
	}

	/** Ties and density between each pair of groups. */
	public record Matrix(List<String> groups, List<Integer> sizes, long[][] ties, double[][] density) {
	}

	/**
	 * {@code reciprocity}: share of named ties (source to target) that the other person
	 * also named, over the whole wave (null when the wave has no ties).
	 */
	public record Analysis(Wave wave, String groupBy, int vertices, int edges, int communities, double ei,
			double expectedEi, double pSiloed, double assortativity, Matrix matrix, List<Finding> findings,
			List<PersonMetrics> brokers, boolean named, Double reciprocity) {
	}

	/**
	 * The outcome of a tie import: either applied with counts, or every problem by row
	 * and column.
	 */
	public record ImportResult(boolean applied, long waveId, int ties, List<String> errors) {
	}

}
