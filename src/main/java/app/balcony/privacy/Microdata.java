package app.balcony.privacy;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Answers summarised at the finest grain the engine reasons about: <em>atoms</em>, the
 * groups of respondents who share every attribute a report can filter or group by (so
 * every population a report can ask for is a union of atoms). For each atom and measure
 * it keeps the count, sum, lowest and highest value, which is all any aggregate needs.
 * Individual answers never enter a report, only these sums.
 */
public final class Microdata {

	/**
	 * A measure (an item, an element or a dimension score) and its scale's bounds.
	 * Measures of one {@code family} are figures of the same answers (a statement's mean
	 * and its "chose this point" shares): identities tie them together (the shares sum to
	 * the count, the points weighted by the shares sum to the mean), so the engine
	 * decides a family's figures together, never one without the others.
	 */
	public record Measure(String key, double low, double high, String family) {

		public Measure(String key, double low, double high) {
			this(key, low, high, key);
		}

	}

	private final int atoms;

	private final List<Measure> measures;

	private final int[] respondents;

	private final int[] count;

	private final double[] sum;

	private final double[] min;

	private final double[] max;

	public Microdata(int atoms, List<Measure> measures) {
		this.atoms = atoms;
		this.measures = List.copyOf(measures);
		int cells = atoms * measures.size();
		this.respondents = new int[atoms];
		this.count = new int[cells];
		this.sum = new double[cells];
		this.min = new double[cells];
		this.max = new double[cells];
		Arrays.fill(this.min, Double.POSITIVE_INFINITY);
		Arrays.fill(this.max, Double.NEGATIVE_INFINITY);
	}

	/** Adds one respondent's values (NaN where they gave no answer) to an atom. */
	public void add(int atom, double[] values) {
		if (values.length != this.measures.size()) {
			throw new IllegalArgumentException("Expected " + this.measures.size() + " values, got " + values.length);
		}
		this.respondents[atom]++;
		for (int m = 0; m < values.length; m++) {
			double v = values[m];
			if (!Double.isNaN(v)) {
				add(atom, m, v);
			}
		}
	}

	/** Adds one value of one measure, for callers that stream answers. */
	public void add(int atom, int measure, double value) {
		int i = atom * this.measures.size() + measure;
		this.count[i]++;
		this.sum[i] += value;
		this.min[i] = Math.min(this.min[i], value);
		this.max[i] = Math.max(this.max[i], value);
	}

	/**
	 * Counts a respondent in an atom, for callers that stream answers with
	 * {@link #add(int, int, double)}.
	 */
	public void addRespondent(int atom) {
		this.respondents[atom]++;
	}

	public int atoms() {
		return this.atoms;
	}

	public List<Measure> measures() {
		return this.measures;
	}

	/** How many in an atom answered a measure. */
	public int count(int atom, int measure) {
		return this.count[atom * this.measures.size() + measure];
	}

	/** True when some respondent gave no answer to the measure. */
	public boolean hasMissing(int measure) {
		int width = this.measures.size();
		for (int a = 0; a < this.atoms; a++) {
			if (this.count[a * width + measure] != this.respondents[a]) {
				return true;
			}
		}
		return false;
	}

	/** Lowest answer to a measure in an atom (+infinity when nobody answered). */
	public double min(int atom, int measure) {
		return this.min[atom * this.measures.size() + measure];
	}

	/** Highest answer to a measure in an atom (-infinity when nobody answered). */
	public double max(int atom, int measure) {
		return this.max[atom * this.measures.size() + measure];
	}

	public int respondents(int atom) {
		return this.respondents[atom];
	}

	public int respondents(BitSet population) {
		int n = 0;
		for (int a = population.nextSetBit(0); a >= 0; a = population.nextSetBit(a + 1)) {
			n += this.respondents[a];
		}
		return n;
	}

	/** Count, sum, lowest and highest value of one measure over a population. */
	public Summary summary(BitSet population, int measure) {
		int n = 0;
		double s = 0;
		double lo = Double.POSITIVE_INFINITY;
		double hi = Double.NEGATIVE_INFINITY;
		int width = this.measures.size();
		for (int a = population.nextSetBit(0); a >= 0; a = population.nextSetBit(a + 1)) {
			int i = a * width + measure;
			if (this.count[i] > 0) {
				n += this.count[i];
				s += this.sum[i];
				lo = Math.min(lo, this.min[i]);
				hi = Math.max(hi, this.max[i]);
			}
		}
		return new Summary(n, s, lo, hi);
	}

	/**
	 * Count, sum, lowest and highest value of every measure over a population, in one
	 * pass.
	 */
	public Summary[] summaries(BitSet population) {
		return summaries(population, null);
	}

	/** The same for some measures only (null: all); the others are empty. */
	public Summary[] summaries(BitSet population, BitSet only) {
		int width = this.measures.size();
		int[] n = new int[width];
		double[] s = new double[width];
		double[] lo = new double[width];
		double[] hi = new double[width];
		Arrays.fill(lo, Double.POSITIVE_INFINITY);
		Arrays.fill(hi, Double.NEGATIVE_INFINITY);
		int[] wanted = only == null ? java.util.stream.IntStream.range(0, width).toArray() : only.stream().toArray();
		for (int a = population.nextSetBit(0); a >= 0; a = population.nextSetBit(a + 1)) {
			int base = a * width;
			for (int m : wanted) {
				int i = base + m;
				if (this.count[i] > 0) {
					n[m] += this.count[i];
					s[m] += this.sum[i];
					lo[m] = Math.min(lo[m], this.min[i]);
					hi[m] = Math.max(hi[m], this.max[i]);
				}
			}
		}
		Summary[] out = new Summary[width];
		for (int m = 0; m < width; m++) {
			out[m] = new Summary(n[m], s[m], lo[m], hi[m]);
		}
		return out;
	}

	/** What an aggregate over a population holds for one measure. */
	public record Summary(int count, double sum, double min, double max) {

		public double mean() {
			return this.count == 0 ? Double.NaN : this.sum / this.count;
		}

	}

}
