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
 * @param errors every problem found, in file and row order
 */
public record ImportReport(boolean applied, int rows, Map<String, Counts> counts, List<ImportError> errors) {

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
			return "Nothing was imported: " + errors.size() + " problem" + (errors.size() == 1 ? "" : "s")
					+ " to fix first.";
		}
		return "Imported " + rows + " rows: " + created() + " created, " + updated() + " updated, " + unchanged()
				+ " unchanged.";
	}

}
