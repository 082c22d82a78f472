package app.balcony.shared;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of problems that keeps the first {@code cap} and only counts the rest: a file of
 * 400,000 bad rows gives a report of the first problems and how many more there are, not
 * a 40 MB page. Adding always succeeds.
 */
public final class CappedList<T> extends AbstractList<T> {

	/** How many problems an import reports before it only counts them. */
	public static final int PROBLEMS = 200;

	private final List<T> kept = new ArrayList<>();

	private final int cap;

	private int overflow;

	public CappedList(int cap) {
		this.cap = cap;
	}

	@Override
	public boolean add(T item) {
		if (this.kept.size() < this.cap) {
			this.kept.add(item);
		}
		else {
			this.overflow++;
		}
		return true;
	}

	@Override
	public T get(int index) {
		return this.kept.get(index);
	}

	@Override
	public T set(int index, T item) {
		return this.kept.set(index, item);
	}

	@Override
	public int size() {
		return this.kept.size();
	}

	/** How many were counted but not kept. */
	public int overflow() {
		return this.overflow;
	}

	/** Everything added, kept or not. */
	public int total() {
		return this.kept.size() + this.overflow;
	}

}
