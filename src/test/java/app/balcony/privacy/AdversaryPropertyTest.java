package app.balcony.privacy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An adversary against the anonymity engine, written before the engine's rules: it
 * collects <em>everything</em> released, by every account of the tenant, over time, and
 * solves for what can be derived.
 * <p>
 * Each try builds a random ICS (places, organisations spread over places, sectors, staff
 * groups, seniority), respondents whose answers often agree (so small groups and
 * one-sided answers occur), and a random sequence of reports: a filter (including
 * "everyone except"), then one or two groupings with the filtered total, sometimes the
 * same population asked for twice. Each report is asked by one of two accounts of the
 * tenant; the history each report is decided against is the one the product keys it to
 * ({@link AnonymityEngine#historyKey}), and the adversary pools what both saw.
 * Respondents may arrive between reports (a late response, a rater added): the product
 * keeps each arrival in atoms of its own, and the adversary sees every figure as a sum
 * over whoever had arrived when it was shown.
 * <p>
 * Question 0 is a <em>family</em>: its mean, its count and its five "chose this point"
 * shares, and (when the whole population's figure for it is shown) its standard
 * deviation, as the product releases them. The adversary solves over each respondent's
 * one-hot answer (five unknowns a person), so identities between the family's figures are
 * used (shares sum to the count, points weighted by shares give the sum, squares give the
 * spread). Questions 1 and 2 are means only, solved over one unknown a person.
 * <p>
 * No respondent's answer may be derivable; no group of fewer than K that the releases
 * separate (a class, or a union of two classes) may have a derivable total or share; and
 * no group, single class or union of classes, may be derivable as "everyone chose this
 * point" (for question 0) or "everyone at the end of the scale" (for questions 1 and 2).
 */
class AdversaryPropertyTest {

	private static final int K = 5;

	private static final String[] ATTRIBUTES = { "place", "organisation", "sector", "staff", "seniority" };

	private static final int POINTS = 5;

	/** Which weaknesses a property leans on; every property attacks all of them. */
	private record Scenario(boolean familyReports, boolean manyGroupings, boolean arrivals, boolean twoAccounts) {
	}

	@Property(tries = 300)
	void nothingShownLetsAnAdversaryDeriveAnAnswer(@ForAll long seed, @ForAll @IntRange(min = 6, max = 60) int people,
			@ForAll @IntRange(min = 1, max = 9) int reports) {
		attack(seed, people, reports, new Scenario(true, true, true, true));
	}

	/** Heatmaps and distributions of the same statement, so its family's figures meet. */
	@Property(tries = 150)
	void aStatementsMeanSharesCountsAndSpreadAreDecidedTogether(@ForAll long seed,
			@ForAll @IntRange(min = 6, max = 40) int people, @ForAll @IntRange(min = 2, max = 8) int reports) {
		attack(seed, people, reports, new Scenario(true, false, false, false));
	}

	/**
	 * Several groupings per report, duplicates, complete splits: unions the guard must
	 * repair.
	 */
	@Property(tries = 150)
	void severalGroupingsAndDuplicatesInOneReportLeaveNothingSmallDerivable(@ForAll long seed,
			@ForAll @IntRange(min = 6, max = 50) int people, @ForAll @IntRange(min = 1, max = 6) int reports) {
		attack(seed, people, reports, new Scenario(false, true, false, false));
	}

	/** Respondents arriving between reports (a late response, a rater added). */
	@Property(tries = 150)
	void figuresShownBeforeAndAfterSomeoneArrivesDoNotGiveTheirAnswers(@ForAll long seed,
			@ForAll @IntRange(min = 6, max = 40) int people, @ForAll @IntRange(min = 2, max = 8) int reports) {
		attack(seed, people, reports, new Scenario(false, false, true, false));
	}

	/** Two accounts of one tenant, each asking some of the reports. */
	@Property(tries = 150)
	void twoAccountsOfOneTenantLearnNoMoreThanOne(@ForAll long seed, @ForAll @IntRange(min = 6, max = 40) int people,
			@ForAll @IntRange(min = 2, max = 8) int reports) {
		attack(seed, people, reports, new Scenario(false, false, false, true));
	}

	private void attack(long seed, int people, int reports, Scenario scenario) {
		Random random = new Random(seed);
		World world = World.random(random, people, scenario.arrivals() ? reports : 1);
		Thresholds thresholds = new Thresholds(K, 10, 3);
		Map<String, DisclosureControl.History> histories = new HashMap<>();
		List<Shown> shown = new ArrayList<>();
		String context = "seed " + seed + ", " + people + " people, " + reports + " reports, " + scenario;
		for (int r = 0; r < reports; r++) {
			int round = scenario.arrivals() ? r : 0;
			Microdata data = world.data(round);
			List<DisclosureControl.Request> requests = world.randomReport(random, "r" + r, scenario.manyGroupings());
			BitSet interest = new BitSet();
			boolean distribution = scenario.familyReports() ? random.nextBoolean() : random.nextInt(4) == 0;
			if (distribution) {
				interest.set(3, 3 + POINTS);
			}
			else {
				interest.set(0, 3);
			}
			String account = scenario.twoAccounts() && random.nextBoolean() ? "second@ics" : "first@ics";
			String key = AnonymityEngine.historyKey(account, "campaign:1");
			DisclosureControl.History history = histories.getOrDefault(key, DisclosureControl.History.EMPTY);
			DisclosureControl.Outcome outcome = DisclosureControl.apply(data, requests, history, thresholds, interest);
			for (int q = 0; q < requests.size(); q++) {
				DisclosureControl.Cell cell = outcome.cells().get(q);
				if (!cell.shown()) {
					continue;
				}
				BitSet population = requests.get(q).population();
				for (int m = 0; m < world.measures; m++) {
					DisclosureControl.Figure f = cell.figures().get(m);
					if (f.shown()) {
						BitSet members = world.respondentsIn(population, m, round);
						assertThat(f.count()).as("a shown figure stands for at least K answers (%s)", context)
							.isGreaterThanOrEqualTo(K);
						assertThat(f.count()).as("count of a shown figure").isEqualTo(members.cardinality());
						shown.add(new Shown(members, m));
						// The product releases a statement's spread over the whole
						// population when its figure for everyone is shown.
						if (m == 0 && population.equals(world.allAtoms())) {
							shown.add(new Shown(members, World.SPREAD));
						}
					}
				}
			}
			histories.put(key, history.plus(outcome));
		}
		world.assertNothingDerivable(shown, context);
	}

	/** A figure shown: the members it sums over and which figure it is. */
	private record Shown(BitSet members, int measure) {
	}

	/** A random ICS and its respondents. */
	private static final class World {

		/** Pseudo-measure: the spread (sum of squares) of question 0. */
		static final int SPREAD = -1;

		final int people;

		/**
		 * Three 1-5 questions, then question 0's answer as five "chose this point"
		 * indicators (family "q0").
		 */
		final int measures = 3 + POINTS;

		final int[][] attributes;

		final double[][] answers;

		/** The report round from which each respondent's answers are in the data. */
		final int[] arrival;

		final int[] atomOf;

		final int atoms;

		final int[] levels;

		final List<Microdata.Measure> bounds = new ArrayList<>();

		private World(int people, int[][] attributes, double[][] answers, int[] arrival, int[] levels) {
			this.people = people;
			this.attributes = attributes;
			this.answers = answers;
			this.arrival = arrival;
			this.levels = levels;
			// Atoms: people who share every attribute and arrived in the same round (the
			// product's contract: an arrival never joins an atom already reported on).
			Map<String, Integer> atomIds = new HashMap<>();
			this.atomOf = new int[people];
			for (int i = 0; i < people; i++) {
				this.atomOf[i] = atomIds.computeIfAbsent(java.util.Arrays.toString(attributes[i]) + "@" + arrival[i],
						k -> atomIds.size());
			}
			this.atoms = atomIds.size();
			for (int m = 0; m < 3; m++) {
				this.bounds.add(new Microdata.Measure("q" + m, 1, POINTS));
			}
			for (int o = 1; o <= POINTS; o++) {
				this.bounds.add(new Microdata.Measure("q0#" + o, -1, 1, "q0"));
			}
		}

		/** The data as it stands in a round: everyone who has arrived by then. */
		Microdata data(int round) {
			Microdata data = new Microdata(this.atoms, this.bounds);
			for (int i = 0; i < this.people; i++) {
				if (this.arrival[i] <= round) {
					data.add(this.atomOf[i], this.answers[i]);
				}
			}
			return data;
		}

		BitSet allAtoms() {
			BitSet all = new BitSet();
			all.set(0, this.atoms);
			return all;
		}

		static World random(Random random, int people, int rounds) {
			int places = 1 + random.nextInt(4);
			int organisations = 1 + random.nextInt(6);
			int[] sectorOf = new int[organisations];
			int[][] orgPlaces = new int[organisations][];
			for (int o = 0; o < organisations; o++) {
				sectorOf[o] = random.nextInt(3);
				orgPlaces[o] = new int[] { random.nextInt(places), random.nextInt(places) };
			}
			int[][] attributes = new int[people][];
			double[][] answers = new double[people][];
			int[] arrival = new int[people];
			// Groups that agree: each organisation leans to a value; some answer alike.
			int[] lean = new int[organisations];
			for (int o = 0; o < organisations; o++) {
				lean[o] = 1 + random.nextInt(POINTS);
			}
			for (int i = 0; i < people; i++) {
				int org = random.nextInt(organisations);
				int place = orgPlaces[org][random.nextInt(2)];
				attributes[i] = new int[] { place, org, sectorOf[org], random.nextInt(2), random.nextInt(3) };
				arrival[i] = rounds > 1 && random.nextInt(4) == 0 ? 1 + random.nextInt(rounds - 1) : 0;
				answers[i] = new double[3 + POINTS];
				for (int m = 0; m < 3; m++) {
					int roll = random.nextInt(10);
					answers[i][m] = roll < 1 ? Double.NaN
							: roll < 6 ? lean[org] : Math.max(1, Math.min(POINTS, lean[org] + random.nextInt(3) - 1));
				}
				for (int o = 1; o <= POINTS; o++) {
					answers[i][2 + o] = Double.isNaN(answers[i][0]) ? Double.NaN : (answers[i][0] == o ? 1 : 0);
				}
			}
			return new World(people, attributes, answers, arrival, new int[] { places, organisations, 3, 2, 3 });
		}

		/**
		 * A report: a random filter, then one grouping (or two, or none) with the
		 * filtered total; sometimes a cell asked for twice.
		 */
		List<DisclosureControl.Request> randomReport(Random random, String id, boolean many) {
			BitSet filter = allAtoms();
			String filterLabel = "all";
			int kind = random.nextInt(4);
			if (kind >= 1) {
				int attribute = random.nextInt(ATTRIBUTES.length);
				int value = random.nextInt(this.levels[attribute]);
				boolean exclude = kind == 2;
				filter = atoms(i -> (this.attributes[i][attribute] == value) != exclude);
				filterLabel = ATTRIBUTES[attribute] + (exclude ? "!=" : "=") + value;
				if (kind == 3) {
					int second = random.nextInt(ATTRIBUTES.length);
					int v2 = random.nextInt(this.levels[second]);
					filter.and(atoms(i -> this.attributes[i][second] == v2));
					filterLabel += "&" + ATTRIBUTES[second] + "=" + v2;
				}
			}
			List<DisclosureControl.Request> requests = new ArrayList<>();
			requests.add(new DisclosureControl.Request(id + ":total", filterLabel, null, filter));
			int groupings = random.nextInt(5) == 0 ? 0 : many ? 1 + random.nextInt(2) : 1;
			Set<Integer> used = new LinkedHashSet<>();
			for (int g = 0; g < groupings; g++) {
				int grouping = random.nextInt(ATTRIBUTES.length);
				if (!used.add(grouping)) {
					continue;
				}
				for (int v = 0; v < this.levels[grouping]; v++) {
					int value = v;
					BitSet cell = atoms(i -> this.attributes[i][grouping] == value);
					cell.and(filter);
					if (!cell.isEmpty()) {
						requests.add(new DisclosureControl.Request(id + ":" + ATTRIBUTES[grouping] + "=" + v,
								ATTRIBUTES[grouping] + " " + v, id + ":" + ATTRIBUTES[grouping], cell));
					}
				}
			}
			if (many && requests.size() > 1 && random.nextInt(3) == 0) {
				DisclosureControl.Request twin = requests.get(random.nextInt(requests.size()));
				requests.add(new DisclosureControl.Request(twin.key() + "#again", twin.label() + " (again)",
						id + ":again", twin.population()));
			}
			return requests;
		}

		private BitSet atoms(java.util.function.IntPredicate person) {
			BitSet out = new BitSet();
			for (int i = 0; i < this.people; i++) {
				if (person.test(i)) {
					out.set(this.atomOf[i]);
				}
			}
			// An atom is in or out as a whole: every member shares the attributes.
			return out;
		}

		BitSet respondentsIn(BitSet atoms, int measure, int round) {
			BitSet out = new BitSet();
			for (int i = 0; i < this.people; i++) {
				if (atoms.get(this.atomOf[i]) && this.arrival[i] <= round && answered(i, measure)) {
					out.set(i);
				}
			}
			return out;
		}

		boolean answered(int person, int measure) {
			return !Double.isNaN(this.answers[person][Math.max(0, measure)]);
		}

		int point(int person) {
			return (int) this.answers[person][0];
		}

		/** Solves everything shown and asserts that nothing protected can be derived. */
		void assertNothingDerivable(List<Shown> shown, String context) {
			// Question 0's family: five unknowns a respondent (did they choose point p).
			List<double[]> family = new ArrayList<>();
			for (Shown s : shown) {
				if (s.measure() == 0 || s.measure() == SPREAD || s.measure() >= 3) {
					double[] count = new double[this.people * POINTS];
					double[] row = new double[this.people * POINTS];
					for (int i = s.members().nextSetBit(0); i >= 0; i = s.members().nextSetBit(i + 1)) {
						for (int p = 1; p <= POINTS; p++) {
							count[i * POINTS + p - 1] = 1;
							row[i * POINTS + p - 1] = s.measure() == 0 ? p
									: s.measure() == SPREAD ? p * p : (s.measure() - 2 == p ? 1 : 0);
						}
					}
					family.add(row);
					family.add(count);
				}
			}
			Span joint = new Span(this.people * POINTS, family);
			List<BitSet> populations0 = shown.stream()
				.filter(s -> s.measure() == 0 || s.measure() >= 3)
				.map(Shown::members)
				.toList();
			for (int i = 0; i < this.people; i++) {
				if (!answered(i, 0)) {
					continue;
				}
				BitSet one = new BitSet();
				one.set(i);
				assertThat(joint.contains(value(one))).as("answer of respondent %d to question 0 (%s)", i, context)
					.isFalse();
				for (int p = 1; p <= POINTS; p++) {
					assertThat(joint.contains(chose(one, p)))
						.as("whether respondent %d chose point %d of question 0 (%s)", i, p, context)
						.isFalse();
				}
			}
			for (BitSet group : unionsOfClasses(populations0, 0)) {
				int n = group.cardinality();
				if (n < K) {
					assertThat(joint.contains(value(group)))
						.as("total of a group of %d, %s, for question 0 (%s)", n, group, context)
						.isFalse();
					for (int p = 1; p <= POINTS; p++) {
						assertThat(joint.contains(chose(group, p)))
							.as("how many of a group of %d, %s, chose point %d of question 0 (%s)", n, group, p,
									context)
							.isFalse();
					}
				}
				int p = unanimous(group);
				if (p > 0) {
					assertThat(joint.contains(choseOther(group, p)))
						.as("that everyone in %s chose point %d of question 0 (%s)", group, p, context)
						.isFalse();
					if (p == 1 || p == POINTS) {
						assertThat(joint.contains(distanceFromEnd(group, p)))
							.as("that everyone in %s chose the end point %d of question 0 (%s)", group, p, context)
							.isFalse();
					}
				}
			}
			// Questions 1 and 2: means, one unknown a respondent.
			for (int m = 1; m < 3; m++) {
				int measure = m;
				List<BitSet> rows = shown.stream().filter(s -> s.measure() == measure).map(Shown::members).toList();
				List<double[]> vectors = rows.stream().map(r -> indicator(r, this.people)).toList();
				Span span = new Span(this.people, vectors);
				for (int i = 0; i < this.people; i++) {
					if (answered(i, m)) {
						BitSet one = new BitSet();
						one.set(i);
						assertThat(span.contains(indicator(one, this.people)))
							.as("answer of respondent %d to question %d (%s)", i, m, context)
							.isFalse();
					}
				}
				for (BitSet group : unionsOfClasses(rows, m)) {
					if (!span.contains(indicator(group, this.people))) {
						continue;
					}
					assertThat(group.cardinality()).as("derivable total of %s for question %d (%s)", group, m, context)
						.isGreaterThanOrEqualTo(K);
					assertThat(extreme(group, m))
						.as("derivable group %s that all chose an end of the scale of question %d (%s)", group, m,
								context)
						.isFalse();
				}
			}
		}

		/**
		 * The answering respondents of each class (people every release contains or not),
		 * and of each union of two classes.
		 */
		private List<BitSet> unionsOfClasses(List<BitSet> releases, int measure) {
			Map<String, BitSet> classes = new HashMap<>();
			for (int i = 0; i < this.people; i++) {
				if (!answered(i, measure)) {
					continue;
				}
				StringBuilder key = new StringBuilder();
				for (BitSet s : releases) {
					key.append(s.get(i) ? '1' : '0');
				}
				if (key.indexOf("1") >= 0) {
					classes.computeIfAbsent(key.toString(), k -> new BitSet()).set(i);
				}
			}
			List<BitSet> single = List.copyOf(classes.values());
			List<BitSet> out = new ArrayList<>(single);
			for (int a = 0; a < single.size(); a++) {
				for (int b = a + 1; b < single.size(); b++) {
					BitSet union = (BitSet) single.get(a).clone();
					union.or(single.get(b));
					out.add(union);
				}
			}
			return out;
		}

		/** The point everyone in the group chose for question 0, or 0. */
		private int unanimous(BitSet group) {
			int p = 0;
			for (int i = group.nextSetBit(0); i >= 0; i = group.nextSetBit(i + 1)) {
				if (p == 0) {
					p = point(i);
				}
				else if (p != point(i)) {
					return 0;
				}
			}
			return p;
		}

		private double[] value(BitSet group) {
			double[] v = new double[this.people * POINTS];
			for (int i = group.nextSetBit(0); i >= 0; i = group.nextSetBit(i + 1)) {
				for (int p = 1; p <= POINTS; p++) {
					v[i * POINTS + p - 1] = p;
				}
			}
			return v;
		}

		private double[] chose(BitSet group, int point) {
			double[] v = new double[this.people * POINTS];
			for (int i = group.nextSetBit(0); i >= 0; i = group.nextSetBit(i + 1)) {
				v[i * POINTS + point - 1] = 1;
			}
			return v;
		}

		/** How many in the group chose another point (known 0: everyone chose it). */
		private double[] choseOther(BitSet group, int point) {
			double[] v = new double[this.people * POINTS];
			for (int i = group.nextSetBit(0); i >= 0; i = group.nextSetBit(i + 1)) {
				for (int p = 1; p <= POINTS; p++) {
					v[i * POINTS + p - 1] = p == point ? 0 : 1;
				}
			}
			return v;
		}

		/**
		 * Total distance from an end point (known 0: everyone chose it): what a mean and
		 * a count give together.
		 */
		private double[] distanceFromEnd(BitSet group, int end) {
			double[] v = new double[this.people * POINTS];
			for (int i = group.nextSetBit(0); i >= 0; i = group.nextSetBit(i + 1)) {
				for (int p = 1; p <= POINTS; p++) {
					v[i * POINTS + p - 1] = Math.abs(p - end);
				}
			}
			return v;
		}

		private static double[] indicator(BitSet s, int width) {
			double[] v = new double[width];
			for (int i = s.nextSetBit(0); i >= 0; i = s.nextSetBit(i + 1)) {
				v[i] = 1;
			}
			return v;
		}

		boolean extreme(BitSet members, int measure) {
			if (members.isEmpty()) {
				return false;
			}
			boolean allLow = true;
			boolean allHigh = true;
			for (int i = members.nextSetBit(0); i >= 0; i = members.nextSetBit(i + 1)) {
				double v = this.answers[i][measure];
				allLow &= v == 1;
				allHigh &= v == POINTS;
			}
			return allLow || allHigh;
		}

	}

	/**
	 * The span of shown rows, by Gaussian elimination over the rationals (entries stay
	 * small, kept as doubles; a tolerance far below any fraction that can arise decides
	 * zero). Identical rows are reduced once.
	 */
	private static final class Span {

		private final int width;

		private final List<double[]> basis = new ArrayList<>();

		private final List<Integer> pivots = new ArrayList<>();

		Span(int width, List<double[]> rows) {
			this.width = width;
			Set<String> seen = new java.util.HashSet<>();
			for (double[] row : rows) {
				if (!seen.add(java.util.Arrays.toString(row))) {
					continue;
				}
				double[] v = reduce(row.clone());
				int p = pivot(v);
				if (p >= 0) {
					double f = v[p];
					for (int c = 0; c < width; c++) {
						v[c] /= f;
					}
					for (double[] other : this.basis) {
						double g = other[p];
						if (Math.abs(g) > 1e-12) {
							for (int c = 0; c < width; c++) {
								other[c] -= g * v[c];
							}
						}
					}
					this.basis.add(v);
					this.pivots.add(p);
				}
			}
		}

		boolean contains(double[] vector) {
			return pivot(reduce(vector.clone())) < 0;
		}

		private double[] reduce(double[] v) {
			for (int r = 0; r < this.basis.size(); r++) {
				double f = v[this.pivots.get(r)];
				if (Math.abs(f) > 1e-9) {
					double[] row = this.basis.get(r);
					for (int c = 0; c < this.width; c++) {
						if (row[c] != 0) {
							v[c] -= f * row[c];
						}
					}
				}
			}
			return v;
		}

		private static int pivot(double[] v) {
			for (int c = 0; c < v.length; c++) {
				if (Math.abs(v[c]) > 1e-7) {
					return c;
				}
			}
			return -1;
		}

	}

}
