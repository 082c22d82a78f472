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

	/**
	 * {@code campaignId}: the network survey that collects the wave, or null (imported).
	 */
	public record Wave(long id, String name, LocalDate collectedOn, long ties, long people, Long campaignId) {
	}

	/**
	 * {@code reciprocity}: share of the ties this person named that were named back (null
	 * if none); {@code named} and {@code namedBy}: out- and in-degree of the directed
	 * ties (whom they named, who named them).
	 */
	public record PersonMetrics(long personId, String name, String group, int degree, double betweenness,
			double harmonic, double eigenvector, double constraint, double effectiveSize, int community,
			long brokerageTotal, long liaison, Double reciprocity, int named, int namedBy) {
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
	/**
	 * What to analyse: a wave, grouped by one of {@link NetworkService#GROUPINGS} (null:
	 * sector), with informal clusters at a Louvain resolution (null: the stored ones).
	 */
	public record Request(long waveId, String groupBy, Double resolution) {

		/** The wave grouped by an attribute, with the stored clusters. */
		public static Request of(long waveId, String groupBy) {
			return new Request(waveId, groupBy, null);
		}

	}

	public record Analysis(Wave wave, String groupBy, int vertices, int edges, int communities, double resolution,
			double ei, double expectedEi, double pSiloed, double assortativity, Matrix matrix, List<Finding> findings,
			List<PersonMetrics> brokers, boolean named, Double reciprocity, app.balcony.jobs.JobView pending,
			Formal formal, List<OrganisationMetrics> organisations, int respondents) {
	}

	/**
	 * How far informal clusters follow the formal structure: {@code purity} is the share
	 * of people whose cluster's largest organisation is their own; {@code nmi} the
	 * normalised mutual information between clusters and organisations (1 = the same
	 * partition).
	 */
	public record Formal(int clusters, int organisations, double purity, double nmi) {
	}

	/**
	 * An organisation in the organisation-level network: {@code partners} organisations
	 * it is tied to (through its people's ties or stated dependence), {@code dependedOn}
	 * respondents elsewhere whose team depends on it; {@code liaison} and
	 * {@code brokerage} are Gould–Fernandez positions between sectors (liaison: between
	 * two other sectors).
	 */
	public record OrganisationMetrics(long organisationId, String name, String sector, int people, int partners,
			int dependedOn, double betweenness, double harmonic, double constraint, long liaison, long brokerage) {
	}

	/**
	 * The outcome of a tie import: either applied with counts, or every problem by row
	 * and column.
	 */
	public record ImportResult(boolean applied, long waveId, int ties, List<String> errors) {
	}

	/**
	 * What the interactive map draws: nodes with their attributes and metrics (keys
	 * listed in {@code fields} for the details panel), ties, and for an ego network its
	 * centre.
	 */
	public record MapData(boolean named, String description, List<java.util.Map<String, Object>> nodes,
			List<MapEdge> edges, List<MapField> fields, Long ego, long maxWeight) {
	}

	public record MapEdge(long source, long target, long weight) {
	}

	public record MapField(String key, String label) {
	}

}
