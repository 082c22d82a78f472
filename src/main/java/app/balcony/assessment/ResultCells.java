package app.balcony.assessment;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import app.balcony.privacy.DisclosureControl;
import app.balcony.system.Views;

/**
 * The cells a results view asks the anonymity engine for (the filtered total, then each
 * group of each grouping), and a column's figure from its items' figures.
 */
final class ResultCells {

	private ResultCells() {
	}

	/**
	 * The cells a view asks for: the filtered total, then each group of each grouping.
	 */
	record Query(List<DisclosureControl.Request> requests, List<String> groupingOf, String filterLabel) {
	}

	static Query query(AnswerData.Data data, Views.Names names, List<Grouping> groupings,
			List<Results.Filter> filters) {
		BitSet filtered = new BitSet();
		for (int a = 0; a < data.atomValues().size(); a++) {
			String[] values = data.atomValues().get(a);
			boolean keep = true;
			for (Results.Filter f : filters) {
				keep &= Objects.equals(values[f.grouping().ordinal()], f.value());
			}
			if (keep) {
				filtered.set(a);
			}
		}
		String filterLabel = filters.isEmpty() ? "Everyone" : String.join(", ",
				filters.stream().map(f -> f.grouping().label() + ": " + f.grouping().label(f.value(), names)).toList());
		List<DisclosureControl.Request> requests = new ArrayList<>();
		List<String> groupingOf = new ArrayList<>();
		requests.add(new DisclosureControl.Request("total", filterLabel, null, filtered));
		groupingOf.add(null);
		for (Grouping g : groupings) {
			Map<String, BitSet> cells = new TreeMap<>();
			for (int a = filtered.nextSetBit(0); a >= 0; a = filtered.nextSetBit(a + 1)) {
				String v = data.atomValues().get(a)[g.ordinal()];
				cells.computeIfAbsent(v == null ? "" : v, k -> new BitSet()).set(a);
			}
			List<Map.Entry<String, BitSet>> sorted = new ArrayList<>(cells.entrySet());
			sorted.sort(java.util.Comparator
				.comparing((Map.Entry<String, BitSet> e) -> g.label(e.getKey().isEmpty() ? null : e.getKey(), names)));
			for (Map.Entry<String, BitSet> e : sorted) {
				String value = e.getKey().isEmpty() ? null : e.getKey();
				requests.add(new DisclosureControl.Request(g.param() + ":" + e.getKey(), g.label(value, names),
						g.param(), e.getValue()));
				groupingOf.add(g.label());
			}
		}
		return new Query(requests, groupingOf, filterLabel);
	}

	/**
	 * A column's figure from its items' figures. Responses are complete, so an element's
	 * mean is the mean of its items' means; it is shown only when every item's figure is,
	 * or it would let a hidden item's figure be worked out.
	 */
	static Results.Value combine(DisclosureControl.Cell cell, Results.Column column) {
		double sum = 0;
		for (int item : column.items()) {
			DisclosureControl.Figure f = cell.figures().get(item);
			if (!f.shown()) {
				return new Results.Value(null, column.items().size() == 1 ? f.hidden()
						: "hidden because a question in it is hidden (" + f.hidden() + ")");
			}
			sum += f.mean();
		}
		double exact = sum / column.items().size();
		return new Results.Value(Math.round(exact * 100) / 100.0, null, exact);
	}

}
