package app.balcony.privacy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An adversary against the anonymity engine. Each try builds a random ICS (places,
 * organisations spread over places, sectors, staff groups, seniority), a random set of
 * respondents with answers that often agree (so small groups and one-sided answers
 * occur), and a random sequence of filtered and grouped reports asked by one user.
 * Everything the engine shows is collected as the adversary would: for each question, the
 * sum (mean × count) over each shown cell's respondents. The adversary then solves: by
 * linear algebra over the respondents (exact elimination), can any single respondent's
 * answer be derived? Can the total of any group of fewer than the threshold that the
 * shown figures separate from everyone else be derived? Does any shown mean or derived
 * group total give away answers because everyone chose the end of the scale? None may.
 */
class AdversaryPropertyTest {

	private static final int K = 5;

	private static final String[] ATTRIBUTES = { "place", "organisation", "sector", "staff", "seniority" };

	@Property(tries = 400)
	void nothingShownLetsAnAdversaryDeriveAnAnswer(@ForAll long seed, @ForAll @IntRange(min = 6, max = 70) int people,
			@ForAll @IntRange(min = 1, max = 9) int reports) {
		Random random = new Random(seed);
		World world = World.random(random, people);
		Thresholds thresholds = new Thresholds(K, 10, 3);
		DisclosureControl.History history = DisclosureControl.History.EMPTY;
		List<Shown> shown = new ArrayList<>();
		for (int r = 0; r < reports; r++) {
			List<DisclosureControl.Request> requests = world.randomReport(random, "r" + r);
			// Each report asks for some measures only (a heatmap, or one question's
			// distribution).
			BitSet interest = new BitSet();
			if (random.nextBoolean()) {
				interest.set(0, 3);
			}
			else {
				interest.set(3, 8);
			}
			DisclosureControl.Outcome outcome = DisclosureControl.apply(world.data, requests, history, thresholds,
					interest);
			if (System.getenv("ADV_DEBUG") != null) {
				for (int q = 0; q < requests.size(); q++) {
					System.out.println(requests.get(q).key() + " atoms=" + requests.get(q).population() + " people="
							+ world.respondentsIn(requests.get(q).population(), 0) + " -> " + outcome.cells().get(q));
				}
			}
			for (DisclosureControl.Cell cell : outcome.cells()) {
				if (!cell.shown()) {
					continue;
				}
				BitSet population = requests.stream()
					.filter(q -> q.key().equals(cell.key()))
					.findFirst()
					.orElseThrow()
					.population();
				for (int m = 0; m < world.measures; m++) {
					DisclosureControl.Figure f = cell.figures().get(m);
					if (f.shown()) {
						shown.add(new Shown(world.respondentsIn(population, m), m, f.mean() * f.count(), f.count()));
					}
				}
			}
			history = history.plus(outcome);
		}
		for (int m = 0; m < world.measures; m++) {
			int measure = m;
			List<Shown> rows = shown.stream().filter(s -> s.measure == measure).toList();
			for (Shown s : rows) {
				assertThat(s.count).as("a shown figure stands for at least K answers").isGreaterThanOrEqualTo(K);
				assertThat(world.extreme(s.members, measure)).as("a shown mean never gives away every answer")
					.isFalse();
			}
			Span span = new Span(world.people, rows.stream().map(s -> s.members).toList());
			for (int i = 0; i < world.people; i++) {
				if (world.answered(i, m)) {
					BitSet one = new BitSet();
					one.set(i);
					assertThat(span.contains(one))
						.as("answer of respondent %d to question %d is derivable (seed %d, %d people, %d reports) %s",
								i, m, seed, people, reports, rows)
						.isFalse();
				}
			}
			for (BitSet group : span.classes()) {
				BitSet answered = world.answeredAmong(group, m);
				if (answered.cardinality() > 0 && span.contains(group)) {
					assertThat(answered.cardinality())
						.as("derivable group %s total of fewer than K (seed %d, %d people, %d reports) %s", answered,
								seed, people, reports, rows)
						.isGreaterThanOrEqualTo(K);
					assertThat(world.extreme(answered, m))
						.as("derivable group %s that all chose an end of the scale (seed %d, %d people, %d reports) %s",
								answered, seed, people, reports, rows)
						.isFalse();
				}
			}
		}
	}

	private record Shown(BitSet members, int measure, double sum, int count) {

		@Override
		public String toString() {
			return this.members + "=" + this.sum;
		}

	}

	/** A random ICS and its respondents. */
	private static final class World {

		final int people;

		/**
		 * Three 1-5 questions, then question 0's answer as five "chose this point"
		 * indicators.
		 */
		final int measures = 8;

		final int[][] attributes;

		final double[][] answers;

		final int[] atomOf;

		final Microdata data;

		final int[] levels;

		List<Microdata.Measure> bounds;

		private World(int people, int[][] attributes, double[][] answers, int[] levels) {
			this.people = people;
			this.attributes = attributes;
			this.answers = answers;
			this.levels = levels;
			Map<String, Integer> atoms = new HashMap<>();
			this.atomOf = new int[people];
			for (int i = 0; i < people; i++) {
				this.atomOf[i] = atoms.computeIfAbsent(java.util.Arrays.toString(attributes[i]), k -> atoms.size());
			}
			List<Microdata.Measure> ms = new ArrayList<>();
			for (int m = 0; m < 3; m++) {
				ms.add(new Microdata.Measure("q" + m, 1, 5));
			}
			for (int o = 1; o <= 5; o++) {
				ms.add(new Microdata.Measure("q0#" + o, -1, 1));
			}
			this.bounds = ms;
			this.data = new Microdata(atoms.size(), ms);
			for (int i = 0; i < people; i++) {
				this.data.add(this.atomOf[i], answers[i]);
			}
		}

		static World random(Random random, int people) {
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
			// Groups that agree: each organisation leans to a value; some answer alike.
			int[] lean = new int[organisations];
			for (int o = 0; o < organisations; o++) {
				lean[o] = 1 + random.nextInt(5);
			}
			for (int i = 0; i < people; i++) {
				int org = random.nextInt(organisations);
				int place = orgPlaces[org][random.nextInt(2)];
				attributes[i] = new int[] { place, org, sectorOf[org], random.nextInt(2), random.nextInt(3) };
				answers[i] = new double[8];
				for (int m = 0; m < 3; m++) {
					int roll = random.nextInt(10);
					answers[i][m] = roll < 1 ? Double.NaN
							: roll < 6 ? lean[org] : Math.max(1, Math.min(5, lean[org] + random.nextInt(3) - 1));
				}
				for (int o = 1; o <= 5; o++) {
					answers[i][2 + o] = Double.isNaN(answers[i][0]) ? Double.NaN : (answers[i][0] == o ? 1 : 0);
				}
			}
			return new World(people, attributes, answers, new int[] { places, organisations, 3, 2, 3 });
		}

		/**
		 * A report: a random filter, then a random grouping (or none) with the filtered
		 * total.
		 */
		List<DisclosureControl.Request> randomReport(Random random, String id) {
			BitSet filter = new BitSet();
			filter.set(0, this.data.atoms());
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
			if (random.nextInt(5) > 0) {
				int grouping = random.nextInt(ATTRIBUTES.length);
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

		BitSet respondentsIn(BitSet atoms, int measure) {
			BitSet out = new BitSet();
			for (int i = 0; i < this.people; i++) {
				if (atoms.get(this.atomOf[i]) && answered(i, measure)) {
					out.set(i);
				}
			}
			return out;
		}

		boolean answered(int person, int measure) {
			return !Double.isNaN(this.answers[person][measure]);
		}

		BitSet answeredAmong(BitSet group, int measure) {
			BitSet out = new BitSet();
			for (int i = group.nextSetBit(0); i >= 0; i = group.nextSetBit(i + 1)) {
				if (answered(i, measure)) {
					out.set(i);
				}
			}
			return out;
		}

		boolean extreme(BitSet members, int measure) {
			if (members.isEmpty()) {
				return false;
			}
			boolean allLow = true;
			boolean allHigh = true;
			for (int i = members.nextSetBit(0); i >= 0; i = members.nextSetBit(i + 1)) {
				double v = this.answers[i][measure];
				allLow &= v == this.bounds.get(measure).low();
				allHigh &= v == this.bounds.get(measure).high();
			}
			return allLow || allHigh;
		}

	}

	/**
	 * The span of shown populations over respondents, by exact Gaussian elimination over
	 * the rationals (entries stay small integers, kept as doubles with exact arithmetic
	 * checked by a tolerance far below any fraction that can arise).
	 */
	private static final class Span {

		private final int width;

		private final List<BitSet> sets;

		private final List<double[]> basis = new ArrayList<>();

		private final List<Integer> pivots = new ArrayList<>();

		Span(int width, List<BitSet> sets) {
			this.width = width;
			this.sets = sets;
			for (BitSet s : sets) {
				double[] v = reduce(vector(s));
				int p = pivot(v);
				if (p >= 0) {
					double f = v[p];
					for (int c = 0; c < width; c++) {
						v[c] /= f;
					}
					for (int r = 0; r < this.basis.size(); r++) {
						double[] row = this.basis.get(r);
						double g = row[p];
						if (Math.abs(g) > 1e-12) {
							for (int c = 0; c < width; c++) {
								row[c] -= g * v[c];
							}
						}
					}
					this.basis.add(v);
					this.pivots.add(p);
				}
			}
		}

		boolean contains(BitSet set) {
			return pivot(reduce(vector(set))) < 0;
		}

		/**
		 * Groups of respondents that every shown population contains entirely or not at
		 * all.
		 */
		List<BitSet> classes() {
			Map<String, BitSet> out = new HashMap<>();
			for (int i = 0; i < this.width; i++) {
				StringBuilder key = new StringBuilder();
				for (BitSet s : this.sets) {
					key.append(s.get(i) ? '1' : '0');
				}
				if (key.indexOf("1") >= 0) {
					out.computeIfAbsent(key.toString(), k -> new BitSet()).set(i);
				}
			}
			return List.copyOf(out.values());
		}

		private double[] vector(BitSet s) {
			double[] v = new double[this.width];
			for (int i = s.nextSetBit(0); i >= 0; i = s.nextSetBit(i + 1)) {
				v[i] = 1;
			}
			return v;
		}

		private double[] reduce(double[] v) {
			for (int r = 0; r < this.basis.size(); r++) {
				double f = v[this.pivots.get(r)];
				if (Math.abs(f) > 1e-9) {
					double[] row = this.basis.get(r);
					for (int c = 0; c < this.width; c++) {
						v[c] -= f * row[c];
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
