package app.balcony.system.importing;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

import app.balcony.system.GovernanceType;
import app.balcony.system.ImportError;
import app.balcony.system.ImportKind;
import app.balcony.system.Level;
import app.balcony.system.Sector;
import app.balcony.system.Seniority;
import app.balcony.system.StaffGroup;
import app.balcony.system.importing.Rows.Origin;
import app.balcony.system.importing.TableReader.RawRow;
import app.balcony.system.importing.TableReader.RawTable;

/**
 * Turns a table of text into typed rows of one {@link ImportKind}, checking each value on
 * its own (required, format, length, vocabulary). Checks that need other rows or the
 * database are made by {@link ImportValidator}.
 */
public final class RowParser {

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	private static final Pattern ID = Pattern.compile("[\\p{L}\\p{N}._:/ -]{1,100}");

	private final RawTable table;

	private final List<ImportError> errors;

	private RowParser(RawTable table, List<ImportError> errors) {
		this.table = table;
		this.errors = errors;
	}

	/**
	 * Parses the table into the batch; returns false when the header itself is unusable.
	 */
	public static boolean parse(ImportKind kind, RawTable table, Rows.Batch batch, List<ImportError> errors) {
		if (table.headers().isEmpty()) {
			return false;
		}
		RowParser parser = new RowParser(table, errors);
		if (!parser.checkHeader(kind)) {
			return false;
		}
		for (RawRow row : table.rows()) {
			switch (kind) {
				case PLACES -> parser.place(row).ifPresent(batch.places::add);
				case ORGANISATIONS -> parser.organisation(row).ifPresent(batch.organisations::add);
				case PEOPLE -> parser.person(row).ifPresent(batch.people::add);
				case GOVERNANCE_BODIES -> parser.body(row).ifPresent(batch.bodies::add);
				case MEMBERSHIPS -> parser.membership(row).ifPresent(batch.memberships::add);
			}
		}
		return true;
	}

	private boolean checkHeader(ImportKind kind) {
		int before = this.errors.size();
		List<String> known = kind.headers();
		for (String header : this.table.headers()) {
			if (!header.isEmpty() && !known.contains(header)) {
				this.errors.add(new ImportError(this.table.file(), 1, header, "Unknown column for a " + kind.label()
						+ " file; the columns are: " + String.join(", ", known)));
			}
		}
		for (ImportKind.Column column : kind.columns()) {
			if (column.required() && !this.table.headers().contains(column.name())) {
				this.errors.add(new ImportError(this.table.file(), 1, column.name(), "Required column is missing"));
			}
		}
		return this.errors.size() == before;
	}

	private java.util.Optional<Rows.PlaceRow> place(RawRow row) {
		int before = this.errors.size();
		String id = id(row, "place_id", true);
		String name = text(row, "name", true, 200);
		Level level = vocabulary(row, "level", true, Level::parse, "system, place or neighbourhood");
		String parent = id(row, "parent_place_id", false);
		Integer population = wholeNumber(row, "population");
		LocalDate from = date(row, "valid_from", true);
		LocalDate to = date(row, "valid_to", false);
		List<String> predecessors = ids(row, "predecessor_place_ids");
		checkPeriod(row, from, to);
		return ok(before, new Rows.PlaceRow(origin(row), id, name, level, parent, population, from, to, predecessors));
	}

	private java.util.Optional<Rows.OrganisationRow> organisation(RawRow row) {
		int before = this.errors.size();
		String id = id(row, "organisation_id", true);
		String name = text(row, "name", true, 200);
		Sector sector = vocabulary(row, "sector", true, Sector::parse, Sector.allowed());
		String parent = id(row, "parent_organisation_id", false);
		List<String> places = ids(row, "places_served");
		LocalDate from = date(row, "valid_from", true);
		LocalDate to = date(row, "valid_to", false);
		List<String> predecessors = ids(row, "predecessor_organisation_ids");
		checkPeriod(row, from, to);
		return ok(before,
				new Rows.OrganisationRow(origin(row), id, name, sector, parent, places, from, to, predecessors));
	}

	private java.util.Optional<Rows.PersonRow> person(RawRow row) {
		int before = this.errors.size();
		String id = id(row, "person_id", true);
		String name = text(row, "name", true, 200);
		String email = text(row, "email", false, 254);
		if (email != null && !EMAIL.matcher(email).matches()) {
			error(row, "email", "'" + email + "' is not an e-mail address");
		}
		String jobTitle = text(row, "job_title", false, 200);
		StaffGroup staffGroup = vocabulary(row, "staff_group", true, StaffGroup::parse, "clinical or non_clinical");
		Seniority seniority = vocabulary(row, "seniority", true, Seniority::parse, Seniority.allowed());
		List<String> places = ids(row, "places");
		return ok(before, new Rows.PersonRow(origin(row), id, name, email, jobTitle, staffGroup, seniority, places));
	}

	private java.util.Optional<Rows.BodyRow> body(RawRow row) {
		int before = this.errors.size();
		String id = id(row, "body_id", true);
		String name = text(row, "name", true, 200);
		GovernanceType type = vocabulary(row, "type", true, GovernanceType::parse, GovernanceType.allowed());
		String place = id(row, "place_id", false);
		LocalDate from = date(row, "valid_from", true);
		LocalDate to = date(row, "valid_to", false);
		checkPeriod(row, from, to);
		return ok(before, new Rows.BodyRow(origin(row), id, name, type, place, from, to));
	}

	private java.util.Optional<Rows.MembershipRow> membership(RawRow row) {
		int before = this.errors.size();
		String person = id(row, "person_id", true);
		String organisation = id(row, "organisation_id", false);
		String body = id(row, "body_id", false);
		if ((organisation == null) == (body == null)) {
			error(row, organisation == null ? "organisation_id" : "body_id",
					"Give either organisation_id or body_id, not " + (organisation == null ? "neither" : "both"));
		}
		String role = text(row, "role", false, 200);
		LocalDate from = date(row, "valid_from", true);
		LocalDate to = date(row, "valid_to", false);
		checkPeriod(row, from, to);
		return ok(before, new Rows.MembershipRow(origin(row), person, organisation, body, role, from, to));
	}

	private <T> java.util.Optional<T> ok(int errorsBefore, T row) {
		return this.errors.size() == errorsBefore ? java.util.Optional.of(row) : java.util.Optional.empty();
	}

	private Origin origin(RawRow row) {
		return new Origin(this.table.file(), row.number());
	}

	private String text(RawRow row, String column, boolean required, int maxLength) {
		String value = row.get(column);
		if (value == null) {
			if (required) {
				error(row, column, "A value is required");
			}
			return null;
		}
		if (value.length() > maxLength) {
			error(row, column, "Longer than " + maxLength + " characters");
		}
		return value;
	}

	private String id(RawRow row, String column, boolean required) {
		String value = text(row, column, required, 100);
		if (value != null && !ID.matcher(value).matches()) {
			error(row, column, "'" + value + "' is not a usable identifier (letters, digits, spaces and . _ : / -)");
		}
		return value;
	}

	private List<String> ids(RawRow row, String column) {
		String value = row.get(column);
		if (value == null) {
			return List.of();
		}
		List<String> ids = Arrays.stream(value.split(";"))
			.map(String::trim)
			.filter(s -> !s.isEmpty())
			.distinct()
			.toList();
		for (String id : ids) {
			if (!ID.matcher(id).matches()) {
				error(row, column, "'" + id + "' is not a usable identifier");
			}
		}
		return ids;
	}

	private LocalDate date(RawRow row, String column, boolean required) {
		String value = text(row, column, required, 40);
		if (value == null) {
			return null;
		}
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException ex) {
			error(row, column, "'" + value + "' is not a date written as yyyy-mm-dd");
			return null;
		}
	}

	private Integer wholeNumber(RawRow row, String column) {
		String value = row.get(column);
		if (value == null) {
			return null;
		}
		try {
			int number = Integer.parseInt(value.replace(",", ""));
			if (number < 0) {
				error(row, column, "Must not be negative");
			}
			return number;
		}
		catch (NumberFormatException ex) {
			error(row, column, "'" + value + "' is not a whole number");
			return null;
		}
	}

	private <E> E vocabulary(RawRow row, String column, boolean required, Function<String, E> parser, String allowed) {
		String value = text(row, column, required, 100);
		if (value == null) {
			return null;
		}
		E parsed = parser.apply(value);
		if (parsed == null) {
			error(row, column, "'" + value + "' is not one of: " + allowed);
		}
		return parsed;
	}

	private void checkPeriod(RawRow row, LocalDate from, LocalDate to) {
		if (from != null && to != null && !to.isAfter(from)) {
			error(row, "valid_to", "Must be after valid_from (" + from + ")");
		}
	}

	private void error(RawRow row, String column, String message) {
		this.errors.add(new ImportError(this.table.file(), row.number(), column, message));
	}

}
