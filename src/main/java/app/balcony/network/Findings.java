package app.balcony.network;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import app.balcony.network.NetworkViews.Finding;
import app.balcony.network.NetworkViews.Matrix;
import app.balcony.network.NetworkViews.PersonMetrics;
import app.balcony.network.NetworkViews.Wave;
import app.balcony.network.analysis.GroupMixing;

/**
 * Turns metrics into findings an organisational development lead can act on, in plain
 * English: how concentrated brokerage is, which groups keep to themselves, which groups
 * have no or few ties between them, who is at risk of isolation, and what changed since
 * the previous wave. Findings name groups, never people, so every role may read them.
 */
final class Findings {

	/** Groups smaller than this are left out of silo and missing-link findings. */
	static final int MIN_GROUP = 5;

	private Findings() {
	}

	/**
	 * @param previous the wave before this one, or null
	 * @param before ties of the previous wave as unordered pairs (empty without one)
	 * @param after ties of this wave as unordered pairs
	 */
	static List<Finding> of(List<PersonMetrics> people, Matrix matrix, GroupMixing.Result mixing, Wave previous,
			Set<String> before, Set<String> after) {
		List<Finding> findings = new ArrayList<>();
		int n = people.size();
		if (n == 0) {
			findings.add(new Finding("empty", "No ties in this wave", "Import ties to see findings."));
			return findings;
		}

		double total = people.stream().mapToDouble(PersonMetrics::betweenness).sum();
		if (total > 0) {
			int top = Math.max(1, n / 100);
			double topShare = people.stream()
				.map(PersonMetrics::betweenness)
				.sorted(Comparator.reverseOrder())
				.limit(top)
				.mapToDouble(Double::doubleValue)
				.sum() / total;
			findings.add(new Finding("spanners",
					String.format("%d people (the top 1%%) carry %.0f%% of the shortest " + "paths between people", top,
							100 * topShare),
					topShare > 0.2 ? "The system depends on a few boundary spanners: if they move on, many connections "
							+ "go with them. Consider sharing their roles and introducing the people they connect."
							: "Brokerage is spread widely: no small group of people holds the network together."));
		}

		for (int g = 0; g < matrix.groups().size(); g++) {
			if (matrix.sizes().get(g) < MIN_GROUP) {
				continue;
			}
			long internal = matrix.ties()[g][g];
			long external = 0;
			for (int h = 0; h < matrix.groups().size(); h++) {
				if (h != g) {
					external += matrix.ties()[g][h];
				}
			}
			if (internal + external == 0) {
				continue;
			}
			double ei = (double) (external - internal) / (internal + external);
			if (ei <= -0.6) {
				findings.add(new Finding("silo", matrix.groups().get(g) + " keeps mostly to itself",
						String.format(
								"%.0f%% of its %d ties stay inside it (E-I index %.2f, where -1 means every tie "
										+ "is inside the group).",
								100.0 * internal / (internal + external), internal + external, ei)));
			}
		}
		if (!Double.isNaN(mixing.pSiloed())) {
			findings.add(
					new Finding("mixing",
							String.format("Overall, ties are %s inward-looking than chance",
									mixing.pSiloed() < 0.05 ? "more" : "no more"),
							String.format(
									"E-I index %.2f against %.2f if people were shuffled between groups of the same "
											+ "sizes (p = %.3f).",
									mixing.ei(), mixing.expectedEi(), mixing.pSiloed())));
		}

		List<String> missing = new ArrayList<>();
		for (int a = 0; a < matrix.groups().size(); a++) {
			for (int b = a + 1; b < matrix.groups().size(); b++) {
				if (matrix.sizes().get(a) >= MIN_GROUP && matrix.sizes().get(b) >= MIN_GROUP
						&& matrix.ties()[a][b] == 0) {
					missing.add(matrix.groups().get(a) + " and " + matrix.groups().get(b));
				}
			}
		}
		if (!missing.isEmpty()) {
			findings.add(new Finding("missing", missing.size() + " pairs of groups have no ties at all",
					"No one links " + String.join("; ", missing.subList(0, Math.min(8, missing.size())))
							+ (missing.size() > 8 ? "; and " + (missing.size() - 8) + " more" : "")
							+ ". These are places to introduce people or set up joint work."));
		}

		long isolated = people.stream().filter(p -> p.degree() <= 1).count();
		if (isolated > 0) {
			findings.add(new Finding("isolation", isolated + " people have one tie or none",
					"They are at risk of isolation: one departure cuts them off from the network."));
		}

		if (previous != null) {
			long added = after.stream().filter(t -> !before.contains(t)).count();
			long lost = before.stream().filter(t -> !after.contains(t)).count();
			findings
				.add(new Finding("change", "Since " + previous.name() + ": " + added + " new ties, " + lost + " ended",
						String.format("%d ties then, %d now.", before.size(), after.size())));
		}
		return findings;
	}

	/** How far the informal clusters follow organisational lines. */
	static Finding formal(NetworkViews.Formal formal) {
		int percent = (int) Math.round(100 * formal.purity());
		String title = String.format("Informal clusters follow organisational lines for %d%% of people", percent);
		String explanation;
		if (formal.purity() >= 0.7) {
			explanation = "The " + formal.clusters() + " clusters in who works with whom mostly match the "
					+ formal.organisations() + " organisations: people work within their own organisation, and "
					+ "joint work across organisations has not yet formed its own communities.";
		}
		else if (formal.purity() >= 0.4) {
			explanation = "About half of the informal clusters cut across organisations: cross-boundary "
					+ "communities exist alongside organisational ones.";
		}
		else {
			explanation = "Most informal clusters cut across organisations (for example around places or pathways): "
					+ "the working system does not follow the organisation chart.";
		}
		return new Finding("formal", title,
				explanation + String.format(
						" (Agreement between clusters and organisations, normalised mutual "
								+ "information: %.2f, where 1 means the clusters are the organisations.)",
						formal.nmi()));
	}

}
