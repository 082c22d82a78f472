package app.balcony.privacy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an adversary can work out from the populations whose totals they have seen. Every
 * released figure is a sum over a population (a mean with its count gives the sum), so
 * what can be derived is exactly the linear span of the populations' indicator vectors.
 * This class keeps that span in reduced row echelon form, over <em>classes</em>: groups
 * of atoms that every released population contains entirely or not at all (no combination
 * of releases can tell their members apart). A new release that splits a class splits its
 * column.
 * <p>
 * It answers, after each release: is the total of any class now determined (its unit
 * vector is in the span), and is any protected population (one that was suppressed) now
 * derivable? Arithmetic is modulo the prime 2<sup>31</sup>−1; a combination over the
 * rationals whose denominators avoid that prime is found exactly (a failure needs a
 * determinant divisible by it), and errors of the other kind only make the engine more
 * careful.
 * <p>
 * Not thread-safe; one instance per report.
 * <p>
 * An analytic core (see docs/developer/conventions.md): plain Java, no Spring, no I/O,
 * kept in one file over the 500-line guide because the echelon form and its invariants
 * are one data structure.
 */
final class SpanAudit {

	private static final long P = 2147483647L;

	private final Microdata data;

	/**
	 * True for a population whose total must never be derivable (too small, or
	 * revealing).
	 */
	private final java.util.function.Predicate<BitSet> unsafe;

	/** Class of each atom, or -1 when no release contains it yet. */
	private final int[] classOf;

	/** Atoms of each class. */
	private final List<BitSet> classes = new ArrayList<>();

	/** Rows of the reduced echelon form, each with its pivot column. */
	private final List<long[]> rows = new ArrayList<>();

	private final List<Integer> pivots = new ArrayList<>();

	private int width;

	/** Protected populations and their residual after reduction by the rows. */
	private final List<BitSet> protectedSets = new ArrayList<>();

	private final List<long[]> residuals = new ArrayList<>();

	private final List<BitSet> released = new ArrayList<>();

	private final Map<BitSet, Boolean> seen = new HashMap<>();

	/**
	 * Sets of atoms within which no derivable combination may lie (e.g. the atoms where
	 * everyone gave the same revealing answer: any figure over a union of them, or a
	 * difference of such, tells their answers).
	 */
	private final List<BitSet> forbiddenSupports = new ArrayList<>();

	SpanAudit(Microdata data, java.util.function.Predicate<BitSet> unsafe) {
		this.data = data;
		this.unsafe = unsafe;
		this.classOf = new int[data.atoms()];
		java.util.Arrays.fill(this.classOf, -1);
	}

	/** Populations released so far (including ones released before this audit). */
	List<BitSet> released() {
		return this.released;
	}

	boolean alreadyReleased(BitSet population) {
		return this.seen.containsKey(population);
	}

	/** Adds a population that must never become derivable. */
	void protect(BitSet population) {
		BitSet copy = (BitSet) population.clone();
		split(copy);
		this.protectedSets.add(copy);
		long[] residual = vector(copy);
		reduce(residual);
		this.residuals.add(residual);
	}

	/**
	 * Forbids any derivable combination of totals that lies wholly within these atoms
	 * (checked on every {@link #tryAdmit}).
	 */
	void forbidSupport(BitSet atoms) {
		if (!atoms.isEmpty()) {
			this.forbiddenSupports.add((BitSet) atoms.clone());
		}
	}

	/**
	 * True when some non-zero combination of what was released is a combination of the
	 * totals of classes lying wholly within the atoms. The row space meets the
	 * coordinates of those classes exactly when the rows, restricted to the other
	 * columns, lose rank; in reduced echelon form only rows whose pivot is inside can.
	 */
	boolean derivableWithin(BitSet atoms) {
		boolean[] inside = new boolean[this.width];
		for (int c = 0; c < this.width; c++) {
			BitSet members = this.classes.get(c);
			if (members.isEmpty()) {
				continue;
			}
			BitSet outside = (BitSet) members.clone();
			outside.andNot(atoms);
			inside[c] = outside.isEmpty();
		}
		List<long[]> restricted = new ArrayList<>();
		for (int r = 0; r < this.rows.size(); r++) {
			if (!inside[this.pivots.get(r)]) {
				continue;
			}
			long[] row = this.rows.get(r);
			long[] v = new long[this.width];
			boolean zero = true;
			for (int c = 0; c < this.width; c++) {
				if (!inside[c] && row[c] != 0) {
					v[c] = row[c];
					zero = false;
				}
			}
			if (zero) {
				return true;
			}
			restricted.add(v);
		}
		return rank(restricted) < restricted.size();
	}

	private int rank(List<long[]> vectors) {
		List<long[]> basis = new ArrayList<>();
		List<Integer> leads = new ArrayList<>();
		for (long[] original : vectors) {
			long[] v = original.clone();
			for (int b = 0; b < basis.size(); b++) {
				long f = v[leads.get(b)];
				if (f != 0) {
					long[] row = basis.get(b);
					for (int c = 0; c < v.length; c++) {
						if (row[c] != 0) {
							v[c] = Math.floorMod(v[c] - f * row[c] % P, P);
						}
					}
				}
			}
			int lead = -1;
			for (int c = 0; c < v.length && lead < 0; c++) {
				if (v[c] != 0) {
					lead = c;
				}
			}
			if (lead < 0) {
				continue;
			}
			long inverse = inverse(v[lead]);
			for (int c = 0; c < v.length; c++) {
				v[c] = v[c] * inverse % P;
			}
			basis.add(v);
			leads.add(lead);
		}
		return basis.size();
	}

	/**
	 * The state to roll back to if a trial release is refused. Cheap enough for a report:
	 * rows are copied only when a trial touches them.
	 */
	private record Snapshot(int[] classOf, List<BitSet> classes, List<long[]> rows, List<Integer> pivots, int width,
			List<long[]> residuals, int released) {
	}

	private Snapshot snapshot() {
		List<BitSet> classCopies = new ArrayList<>();
		this.classes.forEach(c -> classCopies.add((BitSet) c.clone()));
		List<long[]> rowCopies = new ArrayList<>();
		this.rows.forEach(r -> rowCopies.add(r.clone()));
		List<long[]> residualCopies = new ArrayList<>();
		this.residuals.forEach(r -> residualCopies.add(r.clone()));
		return new Snapshot(this.classOf.clone(), classCopies, rowCopies, new ArrayList<>(this.pivots), this.width,
				residualCopies, this.released.size());
	}

	private void restore(Snapshot s) {
		System.arraycopy(s.classOf(), 0, this.classOf, 0, this.classOf.length);
		this.classes.clear();
		this.classes.addAll(s.classes());
		this.rows.clear();
		this.rows.addAll(s.rows());
		this.pivots.clear();
		this.pivots.addAll(s.pivots());
		this.width = s.width();
		this.residuals.clear();
		this.residuals.addAll(s.residuals());
		while (this.released.size() > s.released()) {
			this.seen.remove(this.released.remove(this.released.size() - 1));
		}
	}

	/** Releases a population unconditionally (one shown before). */
	void admit(BitSet population) {
		if (this.seen.containsKey(population)) {
			return;
		}
		BitSet copy = (BitSet) population.clone();
		split(copy);
		long[] row = vector(copy);
		insert(row);
		this.released.add(copy);
		this.seen.put(copy, Boolean.TRUE);
	}

	/**
	 * Releases a population if, with everything released before, no unsafe class becomes
	 * determined, no protected population becomes derivable, and the difference between
	 * it and a released population it contains or is contained in is not unsafe.
	 * Otherwise changes nothing and returns false.
	 */
	boolean tryAdmit(BitSet population) {
		if (this.seen.containsKey(population)) {
			return true;
		}
		for (BitSet other : this.released) {
			if (nestedDifferenceUnsafe(population, other)) {
				return false;
			}
		}
		Snapshot before = snapshot();
		admit(population);
		if (leaks()) {
			restore(before);
			return false;
		}
		return true;
	}

	private boolean nestedDifferenceUnsafe(BitSet a, BitSet b) {
		BitSet aNotB = (BitSet) a.clone();
		aNotB.andNot(b);
		BitSet bNotA = (BitSet) b.clone();
		bNotA.andNot(a);
		BitSet difference = aNotB.isEmpty() ? bNotA : bNotA.isEmpty() ? aNotB : null;
		if (difference == null || difference.isEmpty()) {
			return false;
		}
		return this.unsafe.test(difference);
	}

	private boolean leaks() {
		for (BitSet group : determinedClasses()) {
			if (this.unsafe.test(group)) {
				return true;
			}
		}
		for (long[] residual : this.residuals) {
			if (isZero(residual)) {
				return true;
			}
		}
		for (BitSet support : this.forbiddenSupports) {
			if (derivableWithin(support)) {
				return true;
			}
		}
		return false;
	}

	/** True when the population's total can be worked out from what was released. */
	boolean derivable(BitSet population) {
		BitSet copy = (BitSet) population.clone();
		// A population that cuts through a class cannot be derived.
		for (int a = copy.nextSetBit(0); a >= 0; a = copy.nextSetBit(a + 1)) {
			int c = this.classOf[a];
			if (c < 0) {
				return false;
			}
			BitSet members = this.classes.get(c);
			BitSet inside = (BitSet) members.clone();
			inside.and(copy);
			if (!inside.equals(members)) {
				return false;
			}
		}
		long[] v = vector(copy);
		reduce(v);
		return isZero(v);
	}

	/**
	 * A derivable group of fewer than {@code min} (by {@code size}) made of up to four
	 * columns, or null, passing over unions that {@code skip} accepts (ones already known
	 * to be derivable whatever this report shows, so that one never hides others). A
	 * union of columns U is derivable exactly when the sum of their null-space signatures
	 * is zero; signatures are compared through a random projection (hash) and every hit
	 * is confirmed exactly. Unions of more than four columns are not searched (with the
	 * default threshold of 5 no smaller group can have more).
	 */
	BitSet smallDerivableUnion(java.util.function.ToIntFunction<BitSet> size, int min,
			java.util.function.Predicate<BitSet> skip) {
		java.util.function.Predicate<List<Integer>> unseen = columns -> !skip.test(union(columns)) && confirm(columns);
		int[] pivotRow = new int[this.width];
		java.util.Arrays.fill(pivotRow, -1);
		for (int r = 0; r < this.rows.size(); r++) {
			pivotRow[this.pivots.get(r)] = r;
		}
		java.util.Random random = new java.util.Random(this.width * 31L + this.rows.size());
		long[] weight = new long[this.width];
		for (int c = 0; c < this.width; c++) {
			weight[c] = pivotRow[c] >= 0 ? 0 : 1 + Math.floorMod(random.nextLong(), P - 1);
		}
		List<Integer> small = new ArrayList<>();
		List<Long> hashes = new ArrayList<>();
		List<Integer> sizes = new ArrayList<>();
		for (int c = 0; c < this.width; c++) {
			int n = size.applyAsInt(this.classes.get(c));
			if (n <= 0 || n >= min) {
				continue;
			}
			long h;
			if (pivotRow[c] < 0) {
				h = weight[c];
			}
			else {
				long[] row = this.rows.get(pivotRow[c]);
				long sum = 0;
				for (int f = 0; f < this.width; f++) {
					if (row[f] != 0 && weight[f] != 0) {
						sum = (sum + row[f] * weight[f]) % P;
					}
				}
				h = Math.floorMod(-sum, P);
			}
			small.add(c);
			hashes.add(h);
			sizes.add(n);
		}
		int n = small.size();
		java.util.Map<Long, List<Integer>> single = new java.util.HashMap<>();
		for (int i = 0; i < n; i++) {
			if (hashes.get(i) == 0 && unseen.test(List.of(small.get(i)))) {
				return union(List.of(small.get(i)));
			}
			single.computeIfAbsent(hashes.get(i), k -> new ArrayList<>()).add(i);
		}
		java.util.Map<Long, List<int[]>> pairs = new java.util.HashMap<>();
		for (int i = 0; i < n; i++) {
			for (int j = i + 1; j < n; j++) {
				int s2 = sizes.get(i) + sizes.get(j);
				if (s2 >= min) {
					continue;
				}
				long h2 = (hashes.get(i) + hashes.get(j)) % P;
				if (h2 == 0 && unseen.test(List.of(small.get(i), small.get(j)))) {
					return union(List.of(small.get(i), small.get(j)));
				}
				// A third column completing the pair.
				for (int k : single.getOrDefault(Math.floorMod(-h2, P), List.of())) {
					if (k > j && s2 + sizes.get(k) < min
							&& unseen.test(List.of(small.get(i), small.get(j), small.get(k)))) {
						return union(List.of(small.get(i), small.get(j), small.get(k)));
					}
				}
				pairs.computeIfAbsent(h2, x -> new ArrayList<>()).add(new int[] { i, j });
			}
		}
		// Two pairs completing each other.
		for (java.util.Map.Entry<Long, List<int[]>> e : pairs.entrySet()) {
			List<int[]> others = pairs.get(Math.floorMod(-e.getKey(), P));
			if (others == null) {
				continue;
			}
			for (int[] a : e.getValue()) {
				for (int[] b : others) {
					if (a[1] < b[0] && sizes.get(a[0]) + sizes.get(a[1]) + sizes.get(b[0]) + sizes.get(b[1]) < min) {
						List<Integer> four = List.of(small.get(a[0]), small.get(a[1]), small.get(b[0]),
								small.get(b[1]));
						if (unseen.test(four)) {
							return union(four);
						}
					}
				}
			}
		}
		return null;
	}

	private BitSet union(List<Integer> columns) {
		BitSet out = new BitSet();
		columns.forEach(c -> out.or(this.classes.get(c)));
		return out;
	}

	private boolean confirm(List<Integer> columns) {
		long[] v = new long[Math.max(grow(this.width), 16)];
		columns.forEach(c -> v[c] = 1);
		reduce(v);
		return isZero(v);
	}

	/**
	 * Groups of atoms whose totals are determined by what was released. Columns that are
	 * equal in every row (split apart only by a protected population) are one group: a
	 * row of the reduced form that is exactly the indicator of such a group means its
	 * total is known.
	 */
	List<BitSet> determinedClasses() {
		long[] signature = new long[this.width];
		for (int r = 0; r < this.rows.size(); r++) {
			long[] row = this.rows.get(r);
			long weight = 0x9E3779B97F4A7C15L * (r + 1);
			for (int c = 0; c < this.width; c++) {
				if (row[c] != 0) {
					signature[c] = signature[c] * 31 + row[c] * weight + r;
				}
			}
		}
		List<BitSet> out = new ArrayList<>();
		for (int r = 0; r < this.rows.size(); r++) {
			long[] row = this.rows.get(r);
			int pivot = this.pivots.get(r);
			boolean exact = true;
			BitSet group = new BitSet();
			for (int c = 0; c < this.width && exact; c++) {
				boolean twin = signature[c] == signature[pivot] && sameColumn(c, pivot);
				if (row[c] != 0) {
					exact = twin && row[c] == 1;
				}
				else if (twin) {
					exact = false;
				}
				if (exact && row[c] != 0) {
					group.or(this.classes.get(c));
				}
			}
			if (exact) {
				out.add(group);
			}
		}
		return out;
	}

	private boolean sameColumn(int a, int b) {
		if (a == b) {
			return true;
		}
		for (long[] row : this.rows) {
			if (row[a] != row[b]) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Splits classes so that the population is a union of classes; new atoms get a class.
	 */
	private void split(BitSet population) {
		Map<Integer, BitSet> touched = new HashMap<>();
		BitSet fresh = new BitSet();
		for (int a = population.nextSetBit(0); a >= 0; a = population.nextSetBit(a + 1)) {
			int c = this.classOf[a];
			if (c < 0) {
				fresh.set(a);
			}
			else {
				touched.computeIfAbsent(c, k -> new BitSet()).set(a);
			}
		}
		for (Map.Entry<Integer, BitSet> e : touched.entrySet()) {
			int c = e.getKey();
			BitSet members = this.classes.get(c);
			if (members.equals(e.getValue())) {
				continue;
			}
			// The atoms of c inside the population become a new class; its column is a
			// copy of c's.
			BitSet outside = (BitSet) members.clone();
			outside.andNot(e.getValue());
			this.classes.set(c, outside);
			int column = newColumn(e.getValue());
			for (long[] row : this.rows) {
				row[column] = row[c];
			}
			for (long[] residual : this.residuals) {
				residual[column] = residual[c];
			}
		}
		if (!fresh.isEmpty()) {
			newColumn(fresh);
		}
	}

	private int newColumn(BitSet atoms) {
		int column = this.classes.size();
		this.classes.add(atoms);
		for (int a = atoms.nextSetBit(0); a >= 0; a = atoms.nextSetBit(a + 1)) {
			this.classOf[a] = column;
		}
		this.width = column + 1;
		ensureWidth(this.width);
		return column;
	}

	private void ensureWidth(int needed) {
		for (int r = 0; r < this.rows.size(); r++) {
			if (this.rows.get(r).length < needed) {
				this.rows.set(r, java.util.Arrays.copyOf(this.rows.get(r), grow(needed)));
			}
		}
		for (int r = 0; r < this.residuals.size(); r++) {
			if (this.residuals.get(r).length < needed) {
				this.residuals.set(r, java.util.Arrays.copyOf(this.residuals.get(r), grow(needed)));
			}
		}
	}

	private static int grow(int needed) {
		return Math.max(needed, 16) * 3 / 2;
	}

	/**
	 * The population's indicator over current classes (it must be a union of classes).
	 */
	private long[] vector(BitSet population) {
		long[] v = new long[Math.max(grow(this.width), 16)];
		for (int a = population.nextSetBit(0); a >= 0; a = population.nextSetBit(a + 1)) {
			int c = this.classOf[a];
			if (c >= 0) {
				v[c] = 1;
			}
		}
		return v;
	}

	private void reduce(long[] v) {
		for (int r = 0; r < this.rows.size(); r++) {
			int p = this.pivots.get(r);
			long f = p < v.length ? v[p] : 0;
			if (f != 0) {
				long[] row = this.rows.get(r);
				for (int c = 0; c < this.width; c++) {
					if (row[c] != 0) {
						v[c] = Math.floorMod(v[c] - f * row[c] % P, P);
					}
				}
			}
		}
	}

	private void insert(long[] v) {
		reduce(v);
		int pivot = -1;
		for (int c = 0; c < this.width; c++) {
			if (v[c] != 0) {
				pivot = c;
				break;
			}
		}
		if (pivot < 0) {
			return;
		}
		long inverse = inverse(v[pivot]);
		for (int c = 0; c < this.width; c++) {
			if (v[c] != 0) {
				v[c] = v[c] * inverse % P;
			}
		}
		for (long[] row : this.rows) {
			eliminate(row, v, pivot);
		}
		for (long[] residual : this.residuals) {
			eliminate(residual, v, pivot);
		}
		this.rows.add(v);
		this.pivots.add(pivot);
	}

	private void eliminate(long[] target, long[] pivotRow, int pivot) {
		long f = target[pivot];
		if (f == 0) {
			return;
		}
		for (int c = 0; c < this.width; c++) {
			if (pivotRow[c] != 0) {
				target[c] = Math.floorMod(target[c] - f * pivotRow[c] % P, P);
			}
		}
	}

	private boolean isZero(long[] v) {
		for (int c = 0; c < this.width; c++) {
			if (v[c] != 0) {
				return false;
			}
		}
		return true;
	}

	private static long inverse(long a) {
		long result = 1;
		long base = a % P;
		long e = P - 2;
		while (e > 0) {
			if ((e & 1) == 1) {
				result = result * base % P;
			}
			base = base * base % P;
			e >>= 1;
		}
		return result;
	}

}
