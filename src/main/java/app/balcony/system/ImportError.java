package app.balcony.system;

/**
 * One problem found in an import, located by file, row (as a spreadsheet numbers it: the
 * header is row 1) and column. Row 0 and a null column mean the problem concerns the
 * whole file.
 */
public record ImportError(String file, int row, String column, String message) {

	@Override
	public String toString() {
		StringBuilder where = new StringBuilder(file);
		if (row > 0) {
			where.append(", row ").append(row);
		}
		if (column != null) {
			where.append(", column ").append(column);
		}
		return where + ": " + message;
	}

}
