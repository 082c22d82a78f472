package app.balcony.privacy;

import java.util.BitSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import app.balcony.privacy.DisclosureControl.Cell;
import app.balcony.privacy.DisclosureControl.History;
import app.balcony.privacy.DisclosureControl.Outcome;
import app.balcony.privacy.DisclosureControl.Request;
import app.balcony.privacy.DisclosureControl.Status;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine's rules on small, readable cases; the adversary suite covers the rest. */
class DisclosureControlTest {

	private static final Thresholds T = Thresholds.DEFAULT;

	/** Atoms: 0 = org Y (3 people), 1 = org Z (20), 2 = org W (10); one question. */
	static Microdata threeOrganisations() {
		Microdata data = new Microdata(3, List.of(new Microdata.Measure("q", 1, 5)));
		int[] sizes = { 3, 20, 10 };
		for (int a = 0; a < 3; a++) {
			for (int i = 0; i < sizes[a]; i++) {
				data.add(a, new double[] { 2 + (i % 3) });
			}
		}
		return data;
	}

	static BitSet atoms(int... atoms) {
		BitSet out = new BitSet();
		for (int a : atoms) {
			out.set(a);
		}
		return out;
	}

	private static Cell cell(Outcome outcome, String key) {
		return outcome.cells().stream().filter(c -> c.key().equals(key)).findFirst().orElseThrow();
	}

	@Test
	void aSmallGroupIsSuppressedAndTheSmallestOtherCellHiddenSoItCannotBeSubtracted() {
		Outcome outcome = DisclosureControl.apply(threeOrganisations(),
				List.of(new Request("all", "All", null, atoms(0, 1, 2)), new Request("y", "Org Y", "org", atoms(0)),
						new Request("z", "Org Z", "org", atoms(1)), new Request("w", "Org W", "org", atoms(2))),
				History.EMPTY, T);
		assertThat(cell(outcome, "all").status()).isEqualTo(Status.SHOWN);
		assertThat(cell(outcome, "all").respondents()).isEqualTo(33);
		assertThat(cell(outcome, "y").status()).isEqualTo(Status.TOO_FEW);
		assertThat(cell(outcome, "y").respondents()).isNull();
		assertThat(cell(outcome, "z").status()).isEqualTo(Status.SHOWN);
		assertThat(cell(outcome, "w").status()).isEqualTo(Status.COMPLEMENTARY);
		assertThat(cell(outcome, "w").reason()).contains("subtracting");
	}

	@Test
	void aFilteredViewThatDiffersFromOneAlreadySeenByAFewPeopleIsWithheldAndSaysWhy() {
		Microdata data = threeOrganisations();
		Outcome first = DisclosureControl.apply(data, List.of(new Request("place", "Place X", null, atoms(0, 2))),
				History.EMPTY, T);
		assertThat(cell(first, "place").status()).isEqualTo(Status.SHOWN);
		History history = History.EMPTY.plus(first);
		Outcome second = DisclosureControl.apply(data,
				List.of(new Request("without", "Place X without org Y", null, atoms(2))), history, T);
		assertThat(cell(second, "without").status()).isEqualTo(Status.DIFFERENCING);
		assertThat(cell(second, "without").reason()).contains("already released");
		// Another user, with no history, may see it.
		Outcome fresh = DisclosureControl.apply(data,
				List.of(new Request("without", "Place X without org Y", null, atoms(2))), History.EMPTY, T);
		assertThat(cell(fresh, "without").status()).isEqualTo(Status.SHOWN);
	}

	@Test
	void aMeanThatWouldRevealEveryAnswerIsHiddenAndCannotBeSubtracted() {
		Microdata data = new Microdata(3, List.of(new Microdata.Measure("q", 1, 5), new Microdata.Measure("r", 1, 5)));
		for (int i = 0; i < 6; i++) {
			data.add(0, new double[] { 5, 3 + (i % 2) });
			data.add(1, new double[] { 3 + (i % 2), 2 + (i % 3) });
			data.add(2, new double[] { 2 + (i % 3), 4 });
		}
		Outcome outcome = DisclosureControl
			.apply(data,
					List.of(new Request("all", "All", null, atoms(0, 1, 2)), new Request("a", "A", "g", atoms(0)),
							new Request("b", "B", "g", atoms(1)), new Request("c", "C", "g", atoms(2))),
					History.EMPTY, T);
		// Everyone in A strongly agreed with q: showing it would reveal six answers.
		assertThat(cell(outcome, "a").figures().get(0).shown()).isFalse();
		assertThat(cell(outcome, "a").figures().get(0).hidden()).isEqualTo(DisclosureControl.PROTECTED);
		// So q is hidden in one more group, or A's figure is total minus the others.
		long qShownInGroups = List.of("a", "b", "c")
			.stream()
			.filter(k -> cell(outcome, k).figures().get(0).shown())
			.count();
		assertThat(qShownInGroups).isEqualTo(1);
		// Question r is untouched: all three groups show it.
		assertThat(List.of("a", "b", "c")).allMatch(k -> cell(outcome, k).figures().get(1).shown());
	}

	/** A statement, then its five "chose this point" shares, as one family. */
	private static Microdata statementWithShares(int[][] answersByAtom) {
		List<Microdata.Measure> measures = new java.util.ArrayList<>();
		measures.add(new Microdata.Measure("q", 1, 5));
		for (int p = 1; p <= 5; p++) {
			measures.add(new Microdata.Measure("q#" + p, -1, 1, "q"));
		}
		Microdata data = new Microdata(answersByAtom.length, measures);
		for (int a = 0; a < answersByAtom.length; a++) {
			for (int answer : answersByAtom[a]) {
				double[] values = new double[6];
				values[0] = answer;
				for (int p = 1; p <= 5; p++) {
					values[p] = answer == p ? 1 : 0;
				}
				data.add(a, values);
			}
		}
		return data;
	}

	@Test
	void aStatementsMeanAndSharesAreShownTogetherOrNotAtAll() {
		// Everyone in A chose 3: no end of the scale, but the share of 3 would be 100%,
		// and a mean shown without its shares would let the shares be worked out.
		Microdata data = statementWithShares(
				new int[][] { { 3, 3, 3, 3, 3, 3 }, { 1, 2, 4, 5, 2, 4 }, { 2, 3, 4, 4, 5, 1 } });
		BitSet onlyMean = atoms(0);
		BitSet shares = new BitSet();
		shares.set(1, 6);
		List<Request> requests = List.of(new Request("all", "All", null, atoms(0, 1, 2)),
				new Request("a", "A", "g", atoms(0)), new Request("b", "B", "g", atoms(1)),
				new Request("c", "C", "g", atoms(2)));
		Outcome heatmap = DisclosureControl.apply(data, requests, History.EMPTY, T, onlyMean);
		assertThat(cell(heatmap, "a").figures().get(0).shown()).isFalse();
		assertThat(cell(heatmap, "a").figures().get(0).hidden()).isEqualTo(DisclosureControl.PROTECTED);
		// A distribution asked for afterwards, under the same history, hides A's shares
		// too, and enough others that A's cannot be worked out.
		Outcome distribution = DisclosureControl.apply(data, requests, History.EMPTY.plus(heatmap), T, shares);
		for (int p = 1; p <= 5; p++) {
			assertThat(cell(distribution, "a").figures().get(p).shown()).isFalse();
		}
		long groupsWithShares = List.of("a", "b", "c")
			.stream()
			.filter(k -> cell(distribution, k).figures().get(1).shown())
			.count();
		assertThat(groupsWithShares).isLessThanOrEqualTo(1);
		// Within any one group, the shares are all shown or none.
		for (String k : List.of("all", "a", "b", "c")) {
			long shown = java.util.stream.IntStream.rangeClosed(1, 5)
				.filter(p -> cell(distribution, k).figures().get(p).shown())
				.count();
			assertThat(shown).isIn(0L, 5L);
		}
	}

	@Test
	void aPopulationAskedForTwiceInOneReportIsDecidedOnce() {
		Microdata data = threeOrganisations();
		Outcome outcome = DisclosureControl.apply(data,
				List.of(new Request("all", "All", null, atoms(0, 1, 2)), new Request("z", "Org Z", "org", atoms(1)),
						new Request("w", "Org W", "org", atoms(2)), new Request("y", "Org Y", "org", atoms(0)),
						new Request("z-again", "Org Z (again)", "again", atoms(1))),
				History.EMPTY, T);
		assertThat(cell(outcome, "z-again").status()).isEqualTo(cell(outcome, "z").status());
		assertThat(cell(outcome, "z-again").figures()).isEqualTo(cell(outcome, "z").figures());
		// Y is still protected: Z and W are not both shown.
		assertThat(cell(outcome, "z").shown() && cell(outcome, "w").shown()).isFalse();
	}

}
