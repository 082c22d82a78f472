package app.balcony.privacy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which cells of a report may be shown, and which figures in them. Pure: the
 * caller passes the data, the report's cells, the user's report history and the
 * thresholds, and gets back the cells with what may be shown and why anything is not.
 * <ol>
 * <li><b>Primary suppression</b>: a cell of fewer than {@code minCell} respondents is not
 * shown, and its population is protected from then on.</li>
 * <li><b>Complementary suppression and the differencing guard</b> are one rule: cells are
 * released largest first, and a cell is withheld if, together with everything this user
 * has been shown from the same data before, it would make derivable the total of any
 * protected population, of any group of fewer than {@code minCell} respondents that no
 * release separates, or the difference between two nested populations of fewer than
 * {@code minCell} respondents. Withheld cells that would have been safe without the
 * user's history are reported as withheld by the differencing guard.</li>
 * <li><b>Figures</b>: within a shown cell, a measure is hidden when fewer than
 * {@code minCell} answered it or when everyone gave the same answer at one end of the
 * scale (the mean would reveal each answer); further cells have that measure hidden until
 * the hidden figures cannot be derived from the shown ones.</li>
 * </ol>
 * See {@link SpanAudit} for what "derivable" means and the README for the guarantee and
 * its limits.
 */
public final class DisclosureControl {

	private DisclosureControl() {
	}

	/**
	 * A cell a report asks for: its population as a set of atoms. Cells with the same
	 * {@code line} split the same total (one grouping of one filtered population).
	 */
	public record Request(String key, String label, String line, BitSet population) {
	}

	public enum Status {

		SHOWN, TOO_FEW, COMPLEMENTARY, DIFFERENCING

	}

	private static final Figure NOT_REQUESTED = new Figure(Double.NaN, 0, "not requested");

	/** One measure in a cell: the mean and count, or why it is hidden. */
	public record Figure(double mean, int count, String hidden) {

		public boolean shown() {
			return this.hidden == null;
		}

	}

	public record Cell(String key, String label, String line, Status status, String reason, Integer respondents,
			List<Figure> figures) {

		public boolean shown() {
			return this.status == Status.SHOWN;
		}

	}

	/** A population shown to a user, and which measures' figures were shown for it. */
	public record Released(BitSet population, BitSet measures) {
	}

	/** What the user has been shown from this data before, and what stays protected. */
	public record History(List<Released> released, List<BitSet> protectedSets) {

		public static final History EMPTY = new History(List.of(), List.of());

		List<BitSet> populations() {
			return this.released.stream().map(Released::population).toList();
		}

		/** This history with a report's outcome added (measures shown are merged). */
		public History plus(Outcome outcome) {
			java.util.Map<BitSet, BitSet> merged = new LinkedHashMap<>();
			for (Released r : this.released) {
				merged.computeIfAbsent(r.population(), p -> new BitSet()).or(r.measures());
			}
			for (Released r : outcome.released()) {
				merged.computeIfAbsent(r.population(), p -> new BitSet()).or(r.measures());
			}
			List<BitSet> protect = new ArrayList<>(this.protectedSets);
			for (BitSet p : outcome.newlyProtected()) {
				if (!protect.contains(p)) {
					protect.add(p);
				}
			}
			return new History(merged.entrySet().stream().map(e -> new Released(e.getKey(), e.getValue())).toList(),
					protect);
		}

	}

	/**
	 * The decision, and what to add to the user's history: every population shown with
	 * the measures shown for it, and populations to protect from now on.
	 */
	public record Outcome(List<Cell> cells, List<Released> released, List<BitSet> newlyProtected) {
	}

	public static Outcome apply(Microdata data, List<Request> requests, History history, Thresholds thresholds) {
		return apply(data, requests, history, thresholds, null);
	}

	/**
	 * The same, deciding figures only for the measures of interest (null: all); figures
	 * of other measures are reported as not requested and never recorded as shown.
	 */
	public static Outcome apply(Microdata data, List<Request> requests, History history, Thresholds thresholds,
			BitSet interest) {
		int k = thresholds.minCell();
		List<BitSet> newlyProtected = new ArrayList<>();
		Map<Integer, Status> status = new LinkedHashMap<>();
		int[] respondents = new int[requests.size()];
		Map<String, BitSet> smallByLine = new LinkedHashMap<>();
		Map<String, Integer> smallCountByLine = new LinkedHashMap<>();
		List<BitSet> toProtect = new ArrayList<>(history.protectedSets());
		for (int i = 0; i < requests.size(); i++) {
			Request r = requests.get(i);
			respondents[i] = data.respondents(r.population());
			if (respondents[i] < k) {
				status.put(i, Status.TOO_FEW);
				if (respondents[i] > 0) {
					toProtect.add(r.population());
					newlyProtected.add(r.population());
				}
				if (r.line() != null && respondents[i] > 0) {
					smallByLine.computeIfAbsent(r.line(), l -> new BitSet()).or(r.population());
					smallCountByLine.merge(r.line(), 1, Integer::sum);
				}
			}
		}
		// Several small cells of one line together: their sum is total minus the rest.
		smallByLine.forEach((line, union) -> {
			if (smallCountByLine.get(line) > 1 && data.respondents(union) < k) {
				toProtect.add(union);
				newlyProtected.add(union);
			}
		});
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < requests.size(); i++) {
			if (!status.containsKey(i)) {
				order.add(i);
			}
		}
		order.sort(Comparator.comparingInt((Integer i) -> -respondents[i]).thenComparingInt(i -> i));

		boolean hasHistory = !history.released().isEmpty() || !history.protectedSets().isEmpty();
		List<BitSet> shownBefore = history.populations();
		java.util.function.Predicate<BitSet> tooSmall = p -> {
			int n = data.respondents(p);
			return n > 0 && n < k;
		};
		Set<Integer> refusedAlone = hasHistory ? refused(data, requests, order, History.EMPTY, newlyProtected, tooSmall)
				: null;
		SpanAudit audit = new SpanAudit(data, tooSmall);
		shownBefore.forEach(audit::admit);
		toProtect.forEach(audit::protect);
		for (int i : order) {
			BitSet population = requests.get(i).population();
			if (audit.tryAdmit(population)) {
				status.put(i, Status.SHOWN);
			}
			else {
				status.put(i,
						refusedAlone == null || refusedAlone.contains(i) ? Status.COMPLEMENTARY : Status.DIFFERENCING);
			}
		}
		// Several small groups that are derivable only together: withdraw the smallest
		// shown cell of this report without which they are not, protect them from now on,
		// and check again.
		for (BitSet leak = audit.smallDerivableUnion(data::respondents, k); leak != null; leak = audit
			.smallDerivableUnion(data::respondents, k)) {
			SpanAudit without = null;
			for (int o = order.size() - 1; o >= 0 && without == null; o--) {
				int candidate = order.get(o);
				if (status.get(candidate) != Status.SHOWN
						|| shownBefore.contains(requests.get(candidate).population())) {
					continue;
				}
				SpanAudit trial = rebuild(data, tooSmall, shownBefore, toProtect, requests, order, status, candidate);
				if (!trial.derivable(leak)) {
					status.put(candidate, hasHistory ? Status.DIFFERENCING : Status.COMPLEMENTARY);
					without = trial;
				}
			}
			if (without == null) {
				break;
			}
			toProtect.add(leak);
			newlyProtected.add(leak);
			without.protect(leak);
			audit = without;
		}
		BitSet wanted = interest;
		if (wanted == null) {
			wanted = new BitSet();
			wanted.set(0, data.measures().size());
		}
		List<Cell> cells = figures(data, requests, status, respondents, audit, history, k, wanted);
		List<Released> released = new ArrayList<>();
		for (int i = 0; i < cells.size(); i++) {
			if (cells.get(i).shown()) {
				BitSet measures = new BitSet();
				List<Figure> f = cells.get(i).figures();
				for (int m = 0; m < f.size(); m++) {
					if (f.get(m).shown()) {
						measures.set(m);
					}
				}
				released.add(new Released(requests.get(i).population(), measures));
			}
		}
		return new Outcome(cells, released, newlyProtected);
	}

	/**
	 * An audit of one measure, starting from what the user was shown of it before. Atoms
	 * where nobody answered add nothing to any sum, so the adversary knows them: they
	 * start as released.
	 */
	private static SpanAudit perMeasureAudit(Microdata data, java.util.function.Predicate<BitSet> unsafe, int m,
			List<BitSet> earlierShown) {
		SpanAudit audit = new SpanAudit(data, unsafe);
		for (int a = 0; a < data.atoms(); a++) {
			if (data.respondents(a) > 0 && data.count(a, m) == 0) {
				BitSet none = new BitSet();
				none.set(a);
				audit.admit(none);
			}
		}
		earlierShown.forEach(audit::admit);
		return audit;
	}

	/** The audit of the history and this report's shown cells, leaving one out. */
	private static SpanAudit rebuild(Microdata data, java.util.function.Predicate<BitSet> unsafe,
			List<BitSet> shownBefore, List<BitSet> toProtect, List<Request> requests, List<Integer> order,
			Map<Integer, Status> status, int leaveOut) {
		SpanAudit audit = new SpanAudit(data, unsafe);
		shownBefore.forEach(audit::admit);
		toProtect.forEach(audit::protect);
		for (int i : order) {
			if (i != leaveOut && status.get(i) == Status.SHOWN) {
				audit.admit(requests.get(i).population());
			}
		}
		return audit;
	}

	private static Set<Integer> refused(Microdata data, List<Request> requests, List<Integer> order, History history,
			List<BitSet> protect, java.util.function.Predicate<BitSet> unsafe) {
		SpanAudit audit = new SpanAudit(data, unsafe);
		history.populations().forEach(audit::admit);
		protect.forEach(audit::protect);
		Set<Integer> out = new HashSet<>();
		for (int i : order) {
			if (!audit.tryAdmit(requests.get(i).population())) {
				out.add(i);
			}
		}
		return out;
	}

	private static List<Cell> figures(Microdata data, List<Request> requests, Map<Integer, Status> status,
			int[] respondents, SpanAudit audit, History history, int k, BitSet interest) {
		int measures = data.measures().size();
		Figure[][] figures = new Figure[requests.size()][measures];
		for (Figure[] row : figures) {
			java.util.Arrays.fill(row, NOT_REQUESTED);
		}
		Map<BitSet, Microdata.Summary[]> summaries = new java.util.HashMap<>();
		java.util.function.Function<BitSet, Microdata.Summary[]> summary = p -> summaries.computeIfAbsent(p,
				q -> data.summaries(q, interest));
		List<BitSet> determined = audit.determinedClasses();
		// Pairs of shown populations, one inside the other: their difference is
		// derivable.
		List<BitSet> everShown = new ArrayList<>(history.populations());
		for (int i = 0; i < requests.size(); i++) {
			if (status.get(i) == Status.SHOWN && !everShown.contains(requests.get(i).population())) {
				everShown.add(requests.get(i).population());
			}
		}
		List<BitSet[]> nested = new ArrayList<>();
		for (int a = 0; a < everShown.size(); a++) {
			for (int b = 0; b < everShown.size(); b++) {
				BitSet big = everShown.get(a);
				BitSet small = everShown.get(b);
				if (a != b && big.cardinality() > small.cardinality()) {
					BitSet outside = (BitSet) small.clone();
					outside.andNot(big);
					if (outside.isEmpty()) {
						nested.add(new BitSet[] { big, small });
					}
				}
			}
		}
		for (int measureIndex = interest.nextSetBit(0); measureIndex >= 0
				&& measureIndex < measures; measureIndex = interest.nextSetBit(measureIndex + 1)) {
			int m = measureIndex;
			Microdata.Measure measure = data.measures().get(m);
			List<Integer> shown = new ArrayList<>();
			List<BitSet> bad = new ArrayList<>();
			for (int i = 0; i < requests.size(); i++) {
				if (status.get(i) != Status.SHOWN) {
					continue;
				}
				Microdata.Summary s = summary.apply(requests.get(i).population())[m];
				String problem = problem(s.count(), s.sum(), measure, k);
				if (problem != null) {
					figures[i][m] = new Figure(Double.NaN, 0, problem);
					bad.add(requests.get(i).population());
				}
				else {
					figures[i][m] = new Figure(s.mean(), s.count(), null);
					shown.add(i);
				}
			}
			boolean suspicious = data.hasMissing(m);
			for (BitSet c : determined) {
				Microdata.Summary s = summary.apply(c)[m];
				if (problem(s.count(), s.sum(), measure, k) != null) {
					bad.add(c);
				}
			}
			for (BitSet[] pair : nested) {
				Microdata.Summary big = summary.apply(pair[0])[m];
				Microdata.Summary small = summary.apply(pair[1])[m];
				int n = big.count() - small.count();
				suspicious |= n > 0 && problem(n, big.sum() - small.sum(), measure, k) != null;
			}
			// The data do not change once reports open, so a population whose figure was
			// a
			// problem before still is; its figure was hidden then and must stay
			// underivable.
			List<BitSet> earlierShown = new ArrayList<>();
			for (Released earlier : history.released()) {
				if (earlier.measures().get(m)) {
					earlierShown.add(earlier.population());
				}
				else {
					Microdata.Summary s = summary.apply(earlier.population())[m];
					if (problem(s.count(), s.sum(), measure, k) != null) {
						bad.add(earlier.population());
					}
				}
			}
			if (bad.isEmpty() && !suspicious) {
				continue;
			}
			// Hide this measure in further cells until no problem figure, and no group
			// whose figure would be a problem, can be derived from the shown ones.
			java.util.function.Predicate<BitSet> unsafe = p -> {
				Microdata.Summary s = data.summary(p, m);
				return s.count() > 0 && problem(s.count(), s.sum(), measure, k) != null;
			};
			shown.sort(Comparator.comparingInt((Integer i) -> -figures[i][m].count()).thenComparingInt(i -> i));
			Set<Integer> withdrawn = new HashSet<>();
			while (true) {
				SpanAudit perMeasure = perMeasureAudit(data, unsafe, m, earlierShown);
				bad.forEach(perMeasure::protect);
				List<Integer> admitted = new ArrayList<>();
				for (int i : shown) {
					if (withdrawn.contains(i) || !perMeasure.tryAdmit(requests.get(i).population())) {
						figures[i][m] = new Figure(Double.NaN, 0,
								"hidden so that a hidden figure for this question cannot be worked out from the others");
					}
					else {
						admitted.add(i);
					}
				}
				BitSet leak = perMeasure.smallDerivableUnion(p -> data.summary(p, m).count(), k);
				if (leak == null) {
					break;
				}
				// Withdraw the smallest shown cell without which the group is not
				// derivable.
				Integer victim = null;
				for (int o = admitted.size() - 1; o >= 0 && victim == null; o--) {
					SpanAudit trial = perMeasureAudit(data, unsafe, m, earlierShown);
					for (int i : admitted) {
						if (i != admitted.get(o)) {
							trial.admit(requests.get(i).population());
						}
					}
					if (!trial.derivable(leak)) {
						victim = admitted.get(o);
					}
				}
				if (victim == null) {
					break;
				}
				withdrawn.add(victim);
				bad.add(leak);
			}
		}
		List<Cell> cells = new ArrayList<>(requests.size());
		for (int i = 0; i < requests.size(); i++) {
			Request r = requests.get(i);
			Status s = status.get(i);
			cells.add(new Cell(r.key(), r.label(), r.line(), s, reason(s, k), s == Status.SHOWN ? respondents[i] : null,
					s == Status.SHOWN ? List.of(figures[i]) : List.of()));
		}
		return cells;
	}

	/**
	 * Why a figure over a group cannot be shown, or null. Known from the count and sum
	 * alone, as an adversary would know them: fewer than k answers, or a sum that only
	 * everyone choosing the lowest (or highest) point of the scale can give.
	 */
	static String problem(int count, double sum, Microdata.Measure measure, int k) {
		if (count < k) {
			return "fewer than " + k + " answered";
		}
		double tolerance = 1e-6 * Math.max(1, count);
		if (Math.abs(sum - count * measure.low()) < tolerance || Math.abs(sum - count * measure.high()) < tolerance) {
			return "everyone gave the same answer at the end of the scale, so the figure would reveal each answer";
		}
		return null;
	}

	private static String reason(Status status, int k) {
		return switch (status) {
			case SHOWN -> null;
			case TOO_FEW -> "Fewer than " + k + " people responded in this group.";
			case COMPLEMENTARY -> "Hidden so that a smaller group's answers cannot be worked out by subtracting "
					+ "the figures shown from a total.";
			case DIFFERENCING -> "Withheld: together with reports you have already seen, this would single out "
					+ "fewer than " + k + " people.";
		};
	}

}
