package app.balcony.system;

import java.util.List;
import java.util.Map;

/**
 * The outcome of an import. Either {@code errors} is empty and every row was applied in
 * one transaction, or nothing at all was written.
 *
 * @param applied whether the data was written
 * @param rows data rows read across all files
 * @param counts per kind: how many rows created, updated and unchanged
 * @param errors the problems found, in file and row order (the first
 * {@link app.balcony.shared.CappedList#PROBLEMS})
 * @param moreErrors how many more problems were found and only counted
 */
public record ImportReport(boolean applied, int rows, Map<String, Counts> counts, List<ImportError> errors,
		int moreErrors) {

	public ImportReport(boolean applied, int rows, Map<String, Counts> counts, List<ImportError> errors) {
		this(applied, rows, counts, errors, 0);
	}

	public record Counts(int created, int updated, int unchanged) {

		public int total() {
			return created + updated + unchanged;
		}

	}

	public int created() {
		return counts.values().stream().mapToInt(Counts::created).sum();
	}

	public int updated() {
		return counts.values().stream().mapToInt(Counts::updated).sum();
	}

	public int unchanged() {
		return counts.values().stream().mapToInt(Counts::unchanged).sum();
	}

	public String summary() {
		if (!applied) {
			int all = errors.size() + moreErrors;
			return "Nothing was imported: " + all + " problem" + (all == 1 ? "" : "s") + " to fix first"
					+ (moreErrors > 0 ? " (the first " + errors.size() + " are listed)." : ".");
		}
		return "Imported " + rows + " rows: " + created() + " created, " + updated() + " updated, " + unchanged()
				+ " unchanged.";
	}

}
