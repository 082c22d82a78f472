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
 * See {@link SpanAudit} for what "derivable" means and docs/methods/disclosure-control.md
 * for the guarantee and its limits.
 * <p>
 * An analytic core (see docs/developer/conventions.md): plain Java, no Spring, no I/O,
 * kept in one file over the 500-line guide because its rules are one argument that reads
 * best in one place, and property-tested as a whole.
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

	/** The reason given for every hidden figure whose hiding depends on the answers. */
	public static final String PROTECTED = "hidden to protect individual answers";

	/**
	 * The same, deciding figures only for the measures of interest (null: all); figures
	 * of other measures are reported as not requested and never recorded as shown. A
	 * measure's whole family is decided together, whichever of its members are asked for.
	 * Identical populations in one report are one release: decided once and shown alike.
	 * A population is taken as the atoms that have respondents, so a population asked for
	 * again after someone arrived (in an atom of their own) is a new release.
	 */
	public static Outcome apply(Microdata data, List<Request> requests, History history, Thresholds thresholds,
			BitSet interest) {
		List<Request> normalised = new ArrayList<>(requests.size());
		for (Request r : requests) {
			BitSet present = new BitSet();
			BitSet p = r.population();
			for (int a = p.nextSetBit(0); a >= 0; a = p.nextSetBit(a + 1)) {
				if (a < data.atoms() && data.respondents(a) > 0) {
					present.set(a);
				}
			}
			normalised.add(new Request(r.key(), r.label(), r.line(), present));
		}
		Map<BitSet, Integer> first = new LinkedHashMap<>();
		int[] canonical = new int[normalised.size()];
		List<Request> unique = new ArrayList<>();
		for (int i = 0; i < normalised.size(); i++) {
			Request r = normalised.get(i);
			Integer at = first.get(r.population());
			if (at == null) {
				at = unique.size();
				first.put(r.population(), at);
				unique.add(r);
			}
			canonical[i] = at;
		}
		Outcome decided = decide(data, unique, history, thresholds, interest);
		List<Cell> cells = new ArrayList<>(normalised.size());
		for (int i = 0; i < normalised.size(); i++) {
			Cell c = decided.cells().get(canonical[i]);
			Request r = normalised.get(i);
			cells.add(new Cell(r.key(), r.label(), r.line(), c.status(), c.reason(), c.respondents(), c.figures()));
		}
		return new Outcome(cells, decided.released(), decided.newlyProtected());
	}

	private static Outcome decide(Microdata data, List<Request> requests, History history, Thresholds thresholds,
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
		// Which refusals the history caused is worked out only if some cell is refused.
		java.util.concurrent.atomic.AtomicReference<Set<Integer>> refusedAlone = new java.util.concurrent.atomic.AtomicReference<>();
		SpanAudit audit = new SpanAudit(data, tooSmall);
		shownBefore.forEach(audit::admit);
		toProtect.forEach(audit::protect);
		for (int i : order) {
			BitSet population = requests.get(i).population();
			if (audit.tryAdmit(population)) {
				status.put(i, Status.SHOWN);
			}
			else {
				if (hasHistory && refusedAlone.get() == null) {
					refusedAlone.set(refused(data, requests, order, History.EMPTY, newlyProtected, tooSmall));
				}
				status.put(i,
						!hasHistory || refusedAlone.get().contains(i) ? Status.COMPLEMENTARY : Status.DIFFERENCING);
			}
		}
		// Several small groups that are derivable only together: withdraw cells of this
		// report (one if one is enough, else as many as it takes, smallest first) until
		// they are not, protect them from now on, and look again. A union derivable from
		// earlier releases alone cannot be undone here: it is passed over, so it never
		// stops the search for others.
		Set<BitSet> alreadyDerivable = new java.util.HashSet<>();
		for (BitSet leak = audit.smallDerivableUnion(data::respondents, k,
				alreadyDerivable::contains); leak != null; leak = audit.smallDerivableUnion(data::respondents, k,
						alreadyDerivable::contains)) {
			BitSet found = leak;
			List<Integer> candidates = new ArrayList<>();
			for (int o = order.size() - 1; o >= 0; o--) {
				int c = order.get(o);
				if (status.get(c) == Status.SHOWN && !shownBefore.contains(requests.get(c).population())) {
					candidates.add(c);
				}
			}
			Set<Integer> withdraw = withdrawal(candidates,
					out -> !rebuild(data, tooSmall, shownBefore, toProtect, requests, order, status, out)
						.derivable(found));
			if (withdraw == null) {
				alreadyDerivable.add(leak);
				continue;
			}
			for (int c : withdraw) {
				status.put(c, hasHistory ? Status.DIFFERENCING : Status.COMPLEMENTARY);
			}
			toProtect.add(leak);
			newlyProtected.add(leak);
			audit = rebuild(data, tooSmall, shownBefore, toProtect, requests, order, status, Set.of());
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
	 * Which of the candidates (smallest first) to withdraw so that {@code enough} holds:
	 * one alone if one is enough, else the fewest taken in order. Null when even all of
	 * them are not enough.
	 */
	private static Set<Integer> withdrawal(List<Integer> candidates,
			java.util.function.Predicate<Set<Integer>> enough) {
		for (int c : candidates) {
			if (enough.test(Set.of(c))) {
				return Set.of(c);
			}
		}
		Set<Integer> out = new java.util.LinkedHashSet<>();
		for (int c : candidates) {
			out.add(c);
			if (out.size() > 1 && enough.test(out)) {
				return out;
			}
		}
		return null;
	}

	/**
	 * An audit of one family, starting from what was shown of it before. Atoms where
	 * nobody answered add nothing to any sum, so the adversary knows them: they start as
	 * released. The atoms where everyone gave the same answer, when that answer makes a
	 * figure revealing, may never have a derivable combination among them.
	 */
	private static SpanAudit familyAudit(Microdata data, java.util.function.Predicate<BitSet> unsafe, int m,
			List<BitSet> earlierShown, List<BitSet> unanimous) {
		SpanAudit audit = new SpanAudit(data, unsafe);
		for (int a = 0; a < data.atoms(); a++) {
			if (data.respondents(a) > 0 && data.count(a, m) == 0) {
				BitSet none = new BitSet();
				none.set(a);
				audit.admit(none);
			}
		}
		earlierShown.forEach(audit::admit);
		unanimous.forEach(audit::forbidSupport);
		return audit;
	}

	/**
	 * The atoms where everyone who answered gave the same answers to every measure of the
	 * family, grouped by those answers, keeping the groups whose answers would make a
	 * figure reveal them (an end of a scale, or a share of everyone).
	 */
	private static List<BitSet> unanimousRevealing(Microdata data, List<Integer> members, int k) {
		Map<String, BitSet> groups = new LinkedHashMap<>();
		for (int a = 0; a < data.atoms(); a++) {
			if (data.respondents(a) == 0 || data.count(a, members.get(0)) == 0) {
				continue;
			}
			StringBuilder key = new StringBuilder();
			boolean same = true;
			boolean revealing = false;
			for (int m : members) {
				double lo = data.min(a, m);
				double hi = data.max(a, m);
				if (lo != hi) {
					same = false;
					break;
				}
				key.append(lo).append(',');
				Microdata.Measure measure = data.measures().get(m);
				revealing |= problem(k, k * lo, measure, k) != null;
			}
			if (same && revealing) {
				groups.computeIfAbsent(key.toString(), x -> new BitSet()).set(a);
			}
		}
		return new ArrayList<>(groups.values());
	}

	/** The audit of the history and this report's shown cells, leaving some out. */
	private static SpanAudit rebuild(Microdata data, java.util.function.Predicate<BitSet> unsafe,
			List<BitSet> shownBefore, List<BitSet> toProtect, List<Request> requests, List<Integer> order,
			Map<Integer, Status> status, Set<Integer> leaveOut) {
		SpanAudit audit = new SpanAudit(data, unsafe);
		shownBefore.forEach(audit::admit);
		toProtect.forEach(audit::protect);
		for (int i : order) {
			if (!leaveOut.contains(i) && status.get(i) == Status.SHOWN) {
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

	/** The measures of each family, in order of first appearance. */
	static Map<String, List<Integer>> families(Microdata data) {
		Map<String, List<Integer>> out = new LinkedHashMap<>();
		List<Microdata.Measure> measures = data.measures();
		for (int m = 0; m < measures.size(); m++) {
			out.computeIfAbsent(measures.get(m).family(), f -> new ArrayList<>()).add(m);
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
		Map<String, List<Integer>> families = families(data);
		// Every member of a family touched by the interest is summarised: the family is
		// decided on all of its figures.
		BitSet needed = new BitSet();
		for (List<Integer> members : families.values()) {
			if (members.stream().anyMatch(interest::get)) {
				members.forEach(needed::set);
			}
		}
		Map<BitSet, Microdata.Summary[]> summaries = new java.util.HashMap<>();
		java.util.function.Function<BitSet, Microdata.Summary[]> summary = p -> summaries.computeIfAbsent(p,
				q -> data.summaries(q, needed));
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
		// The atoms where some family's answers are alike in a revealing way, all
		// together: if nothing derivable from everything released lies among them, no
		// family's unanimous atoms need their own check.
		Map<List<Integer>, List<BitSet>> unanimousByFamily = new java.util.HashMap<>();
		BitSet anyUnanimous = new BitSet();
		for (List<Integer> members : families.values()) {
			if (members.stream().anyMatch(interest::get)) {
				List<BitSet> groups = unanimousRevealing(data, members, k);
				unanimousByFamily.put(members, groups);
				groups.forEach(anyUnanimous::or);
			}
		}
		boolean unanimityReachable = !anyUnanimous.isEmpty() && audit.derivableWithin(anyUnanimous);
		for (List<Integer> members : families.values()) {
			if (members.stream().noneMatch(interest::get)) {
				continue;
			}
			int lead = members.get(0);
			java.util.function.Function<BitSet, String> familyProblem = p -> {
				Microdata.Summary[] s = summary.apply(p);
				String out = null;
				for (int m : members) {
					String problem = problem(s[m].count(), s[m].sum(), data.measures().get(m), k);
					if (problem != null && (out == null || problem.startsWith("fewer"))) {
						out = problem;
					}
				}
				return out;
			};
			List<Integer> shown = new ArrayList<>();
			List<BitSet> bad = new ArrayList<>();
			String[] hidden = new String[requests.size()];
			for (int i = 0; i < requests.size(); i++) {
				if (status.get(i) != Status.SHOWN) {
					continue;
				}
				String problem = familyProblem.apply(requests.get(i).population());
				if (problem != null) {
					hidden[i] = problem;
					bad.add(requests.get(i).population());
				}
				else {
					shown.add(i);
				}
			}
			boolean suspicious = members.stream().anyMatch(data::hasMissing);
			for (BitSet c : determined) {
				if (familyProblem.apply(c) != null) {
					bad.add(c);
				}
			}
			for (BitSet[] pair : nested) {
				Microdata.Summary[] big = summary.apply(pair[0]);
				Microdata.Summary[] small = summary.apply(pair[1]);
				for (int m : members) {
					int n = big[m].count() - small[m].count();
					suspicious |= n > 0 && problem(n, big[m].sum() - small[m].sum(), data.measures().get(m), k) != null;
				}
			}
			List<BitSet> unanimous = unanimousByFamily.get(members);
			if (!unanimous.isEmpty() && !suspicious) {
				// What this family has released is a subset of everything released (the
				// report's shown cells and the history), so if nothing derivable from all
				// of it lies among those alike answers, nothing from the family's part
				// does; atoms where nobody answered the family are known to the
				// adversary too, so then the family's own audit decides.
				boolean unanswered = false;
				for (int a = 0; a < data.atoms() && !unanswered; a++) {
					unanswered = data.respondents(a) > 0 && data.count(a, lead) == 0;
				}
				suspicious = unanswered || unanimityReachable && unanimous.stream().anyMatch(audit::derivableWithin);
			}
			// The data do not change once reports open, so a population whose figures
			// were a problem before still are; they were hidden then and must stay
			// underivable. A population counts as shown for the family when any of its
			// figures was.
			List<BitSet> earlierShown = new ArrayList<>();
			for (Released earlier : history.released()) {
				if (members.stream().anyMatch(earlier.measures()::get)) {
					earlierShown.add(earlier.population());
				}
				else if (familyProblem.apply(earlier.population()) != null) {
					bad.add(earlier.population());
				}
			}
			Set<Integer> admittedCells = new HashSet<>(shown);
			if (!bad.isEmpty() || suspicious) {
				// Hide this family in further cells until no problem figure, no group
				// whose figures would be a problem, and no combination of revealing
				// answers can be derived from the shown ones.
				java.util.function.Predicate<BitSet> unsafe = p -> {
					Microdata.Summary s = data.summary(p, lead);
					return s.count() > 0 && familyProblem.apply(p) != null;
				};
				shown.sort(Comparator
					.comparingInt((Integer i) -> -summary.apply(requests.get(i).population())[lead].count())
					.thenComparingInt(i -> i));
				Set<Integer> withdrawn = new HashSet<>();
				Set<BitSet> alreadyDerivable = new java.util.HashSet<>();
				while (true) {
					SpanAudit perFamily = familyAudit(data, unsafe, lead, earlierShown, unanimous);
					bad.forEach(perFamily::protect);
					List<Integer> admitted = new ArrayList<>();
					for (int i : shown) {
						if (!withdrawn.contains(i) && perFamily.tryAdmit(requests.get(i).population())) {
							admitted.add(i);
						}
					}
					admittedCells = new HashSet<>(admitted);
					BitSet leak = perFamily.smallDerivableUnion(p -> data.summary(p, lead).count(), k,
							alreadyDerivable::contains);
					if (leak == null) {
						break;
					}
					List<Integer> candidates = new ArrayList<>(admitted);
					java.util.Collections.reverse(candidates);
					Set<Integer> victims = withdrawal(candidates, out -> {
						SpanAudit trial = familyAudit(data, unsafe, lead, earlierShown, List.of());
						for (int i : admitted) {
							if (!out.contains(i)) {
								trial.admit(requests.get(i).population());
							}
						}
						return !trial.derivable(leak);
					});
					if (victims == null) {
						alreadyDerivable.add(leak);
						continue;
					}
					withdrawn.addAll(victims);
					bad.add(leak);
				}
			}
			for (int i = 0; i < requests.size(); i++) {
				if (status.get(i) != Status.SHOWN) {
					continue;
				}
				Microdata.Summary[] s = summary.apply(requests.get(i).population());
				for (int m : members) {
					if (!interest.get(m)) {
						continue;
					}
					if (admittedCells.contains(i)) {
						figures[i][m] = new Figure(s[m].mean(), s[m].count(), null);
					}
					else {
						figures[i][m] = new Figure(Double.NaN, 0,
								hidden[i] != null && hidden[i].startsWith("fewer") ? hidden[i] : PROTECTED);
					}
				}
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
			return PROTECTED;
		}
		return null;
	}

	private static String reason(Status status, int k) {
		return switch (status) {
			case SHOWN -> null;
			case TOO_FEW -> "Fewer than " + k + " people responded in this group.";
			case COMPLEMENTARY -> "Hidden so that a smaller group's answers cannot be worked out by subtracting "
					+ "the figures shown from a total.";
			case DIFFERENCING -> "Withheld: together with figures already released from these answers, this "
					+ "would single out fewer than " + k + " people.";
		};
	}

}
