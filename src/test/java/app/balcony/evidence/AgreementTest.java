package app.balcony.evidence;

import java.util.Arrays;
import java.util.List;

import app.balcony.evidence.agreement.Agreement;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Agreement statistics against published worked examples. */
class AgreementTest {

	@Test
	void cohensKappaMatchesTheTextbookExample() {
		// 50 units: both yes 20, A yes/B no 5, A no/B yes 10, both no 15 -> po 0.7, pe
		// 0.5.
		List<String> a = new java.util.ArrayList<>();
		List<String> b = new java.util.ArrayList<>();
		add(a, b, "yes", "yes", 20);
		add(a, b, "yes", "no", 5);
		add(a, b, "no", "yes", 10);
		add(a, b, "no", "no", 15);
		assertThat(Agreement.percent(a, b)).isCloseTo(0.7, within(1e-9));
		assertThat(Agreement.cohensKappa(a, b)).isCloseTo(0.4, within(1e-9));
	}

	@Test
	void krippendorffsAlphaMatchesKrippendorffsOwnExample() {
		// Krippendorff (2011), "Computing Krippendorff's alpha-reliability": 4 observers,
		// 12 units, missing values; nominal alpha = 0.743.
		Integer[][] observers = { { 1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null },
				{ 1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3 }, { null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null },
				{ 1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null } };
		List<List<?>> units = new java.util.ArrayList<>();
		for (int u = 0; u < 12; u++) {
			units.add(Arrays.asList(observers[0][u], observers[1][u], observers[2][u], observers[3][u]));
		}
		assertThat(Agreement.krippendorffAlpha(units)).isCloseTo(0.743, within(0.0005));
	}

	@Test
	void perfectAgreementIsOneAndNoVariationIsUndefined() {
		List<String> a = List.of("x", "y", "x", "z");
		assertThat(Agreement.cohensKappa(a, a)).isEqualTo(1.0);
		assertThat(Agreement.krippendorffAlpha(List.of(List.of("x", "x"), List.of("y", "y")))).isEqualTo(1.0);
		assertThat(Agreement.krippendorffAlpha(List.of(List.of("x", "x"), List.of("x", "x")))).isNaN();
	}

	private static void add(List<String> a, List<String> b, String x, String y, int times) {
		for (int i = 0; i < times; i++) {
			a.add(x);
			b.add(y);
		}
	}

}
