package app.balcony.shared;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list. {@code page} is zero-based.
 */
public record PageResult<T>(List<T> items, int page, int size, long total) {

	public static final int DEFAULT_SIZE = 25;

	public static final int MAX_SIZE = 200;

	public int totalPages() {
		return (size == 0) ? 0 : (int) ((total + size - 1) / size);
	}

	public boolean hasNext() {
		return page + 1 < totalPages();
	}

	public boolean hasPrevious() {
		return page > 0;
	}

	public long firstItem() {
		return total == 0 ? 0 : (long) page * size + 1;
	}

	public long lastItem() {
		return Math.min(total, (long) (page + 1) * size);
	}

	public <R> PageResult<R> map(Function<T, R> mapper) {
		return new PageResult<>(items.stream().map(mapper).toList(), page, size, total);
	}

	/** Clamps a requested page size to 1..MAX_SIZE, defaulting when absent. */
	public static int clampSize(Integer size) {
		if (size == null || size < 1) {
			return DEFAULT_SIZE;
		}
		return Math.min(size, MAX_SIZE);
	}

	public static int clampPage(Integer page) {
		return (page == null || page < 0) ? 0 : page;
	}

}
