package app.balcony.assessment;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReliabilityTest {

	@Test
	void alphaIsHighForItemsThatMoveTogetherAndNearZeroForUnrelatedOnes() {
		List<Results.Column> columns = List.of(new Results.Column("together", "Together", "g", List.of(0, 1, 2)),
				new Results.Column("apart", "Apart", "g", List.of(3, 4, 5)),
				new Results.Column("one", "One item", "g", List.of(0)));
		Random random = new Random(1);
		List<byte[]> responses = new ArrayList<>();
		for (int r = 0; r < 400; r++) {
			int trait = 1 + random.nextInt(5);
			byte[] answers = new byte[6];
			for (int i = 0; i < 3; i++) {
				answers[i] = (byte) Math.max(1, Math.min(5, trait + random.nextInt(3) - 1));
				answers[3 + i] = (byte) (1 + random.nextInt(5));
			}
			responses.add(answers);
		}
		double[] alpha = Results.alpha(columns, responses);
		assertThat(alpha[0]).isGreaterThan(0.8);
		assertThat(alpha[1]).isBetween(-0.3, 0.3);
		assertThat(alpha[2]).isNaN();
		assertThat(Results.alpha(columns, responses.subList(0, Results.MIN_FOR_ALPHA - 1))[0]).isNaN();
	}

	@Test
	void alphaMatchesTheTextbookFormulaOnASmallTable() {
		// Three items, 30 copies of five respondents: item variances and total variance
		// by hand.
		byte[][] five = { { 1, 2, 2 }, { 2, 2, 3 }, { 3, 3, 3 }, { 4, 4, 5 }, { 5, 4, 5 } };
		List<byte[]> responses = new ArrayList<>();
		for (int copy = 0; copy < 6; copy++) {
			for (byte[] r : five) {
				responses.add(r);
			}
		}
		double[] alpha = Results.alpha(List.of(new Results.Column("c", "c", "g", List.of(0, 1, 2))), responses);
		// Sums of squared deviations in the five rows: items 10, 4 and 7.2; totals (5, 7,
		// 9,
		// 13, 14) 59.2. The copies scale every variance alike, so they cancel.
		double expected = 1.5 * (1 - (10 + 4 + 7.2) / 59.2);
		assertThat(alpha[0]).isCloseTo(expected, org.assertj.core.data.Offset.offset(0.001));
	}

	@Test
	void statementsThatCancelOutGiveAlphaAtTheFloorNeverAMissingValue() {
		// Everyone's total is 6 though each statement varies: alpha is minus infinity. A
		// missing alpha would say that everyone has the same score; at the floor it is
		// one of many strongly negative alphas.
		byte[][] pairs = { { 2, 4 }, { 4, 2 }, { 3, 3 }, { 1, 5 }, { 5, 1 } };
		List<byte[]> cancelling = new ArrayList<>();
		List<byte[]> opposed = new ArrayList<>();
		Random random = new Random(3);
		for (int r = 0; r < 40; r++) {
			cancelling.add(pairs[r % pairs.length]);
			int a = 1 + random.nextInt(5);
			opposed.add(new byte[] { (byte) a, (byte) Math.max(1, Math.min(5, 6 - a + (r % 7 == 0 ? 1 : 0))) });
		}
		List<Results.Column> column = List.of(new Results.Column("c", "c", "g", List.of(0, 1)));
		assertThat(Results.alpha(column, cancelling)[0]).isEqualTo(Results.ALPHA_FLOOR);
		assertThat(Results.alpha(column, opposed)[0]).isEqualTo(Results.ALPHA_FLOOR);
	}

}
