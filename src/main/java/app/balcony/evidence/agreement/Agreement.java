package app.balcony.evidence.agreement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Agreement between coders on nominal judgements (for example "does code X apply to this
 * segment": yes/no, or which code a segment got).
 * <ul>
 * <li>percent agreement: share of units on which two coders gave the same value;</li>
 * <li>Cohen's kappa (two coders): {@code (po - pe) / (1 - pe)} with chance agreement
 * {@code pe} from each coder's own marginal distribution (Cohen 1960);</li>
 * <li>Krippendorff's alpha (any number of coders, missing values allowed, nominal
 * metric): {@code 1 - Do / De} from the coincidence matrix (Krippendorff 2011). Units
 * coded by fewer than two coders are ignored.</li>
 * </ul>
 * Values are NaN when undefined (no units, or no variation at all).
 */
public final class Agreement {

	private Agreement() {
	}

	public static double percent(List<?> first, List<?> second) {
		requireSameSize(first, second);
		if (first.isEmpty()) {
			return Double.NaN;
		}
		int same = 0;
		for (int i = 0; i < first.size(); i++) {
			if (Objects.equals(first.get(i), second.get(i))) {
				same++;
			}
		}
		return (double) same / first.size();
	}

	public static double cohensKappa(List<?> first, List<?> second) {
		requireSameSize(first, second);
		int n = first.size();
		if (n == 0) {
			return Double.NaN;
		}
		Map<Object, Integer> a = new HashMap<>();
		Map<Object, Integer> b = new HashMap<>();
		int same = 0;
		for (int i = 0; i < n; i++) {
			a.merge(first.get(i), 1, Integer::sum);
			b.merge(second.get(i), 1, Integer::sum);
			if (Objects.equals(first.get(i), second.get(i))) {
				same++;
			}
		}
		double po = (double) same / n;
		double pe = 0;
		for (Map.Entry<Object, Integer> e : a.entrySet()) {
			pe += (e.getValue() / (double) n) * (b.getOrDefault(e.getKey(), 0) / (double) n);
		}
		if (pe >= 1) {
			return po >= 1 ? 1.0 : Double.NaN;
		}
		return (po - pe) / (1 - pe);
	}

	/**
	 * Krippendorff's alpha for nominal data.
	 * @param units one list per unit with each coder's value, null where a coder gave
	 * none
	 */
	public static double krippendorffAlpha(List<List<?>> units) {
		Map<Object, Map<Object, Double>> coincidence = new HashMap<>();
		Set<Object> values = new HashSet<>();
		double total = 0;
		for (List<?> unit : units) {
			List<Object> present = new ArrayList<>();
			for (Object v : unit) {
				if (v != null) {
					present.add(v);
				}
			}
			int m = present.size();
			if (m < 2) {
				continue;
			}
			for (int i = 0; i < m; i++) {
				for (int j = 0; j < m; j++) {
					if (i != j) {
						coincidence.computeIfAbsent(present.get(i), k -> new HashMap<>())
							.merge(present.get(j), 1.0 / (m - 1), Double::sum);
					}
				}
			}
			values.addAll(present);
			total += m;
		}
		if (total == 0) {
			return Double.NaN;
		}
		Map<Object, Double> marginals = new HashMap<>();
		double observedDisagreement = 0;
		for (Map.Entry<Object, Map<Object, Double>> row : coincidence.entrySet()) {
			for (Map.Entry<Object, Double> cell : row.getValue().entrySet()) {
				marginals.merge(row.getKey(), cell.getValue(), Double::sum);
				if (!row.getKey().equals(cell.getKey())) {
					observedDisagreement += cell.getValue();
				}
			}
		}
		double expectedDisagreement = 0;
		for (Object c : values) {
			for (Object k : values) {
				if (!c.equals(k)) {
					expectedDisagreement += marginals.getOrDefault(c, 0.0) * marginals.getOrDefault(k, 0.0);
				}
			}
		}
		expectedDisagreement /= (total - 1);
		if (expectedDisagreement == 0) {
			return Double.NaN;
		}
		return 1 - observedDisagreement / expectedDisagreement;
	}

	private static void requireSameSize(List<?> first, List<?> second) {
		if (first.size() != second.size()) {
			throw new IllegalArgumentException("Both coders must judge the same units");
		}
	}

}
