package app.balcony.system;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of file Balcony imports, in the order they are applied (so a file may refer
 * to rows of an earlier kind in the same import). Each lists its columns; required ones
 * are marked.
 */
public enum ImportKind {

	// @formatter:off
	PLACES("places", "Places",
			List.of(col("place_id", true, "Your own identifier for the place, e.g. P-EASTMOOR"),
					col("name", true, "Name of the place"),
					col("level", true, "system, place or neighbourhood"),
					col("parent_place_id", false, "place_id of the place it sits in (a neighbourhood's place; a place's system)"),
					col("population", false, "Resident population, a whole number"),
					col("valid_from", true, "Date it came into being, yyyy-mm-dd"),
					col("valid_to", false, "Date it ended (first day no longer in force), yyyy-mm-dd"),
					col("predecessor_place_ids", false, "For a restructure: place_ids it replaced, separated by ;"))),
	ORGANISATIONS("organisations", "Organisations",
			List.of(col("organisation_id", true, "Your own identifier, e.g. an ODS code"),
					col("name", true, "Name of the organisation"),
					col("sector", true, "One of: " + Sector.allowed()),
					col("parent_organisation_id", false, "organisation_id of the parent (e.g. a council for its directorate)"),
					col("places_served", false, "place_ids it serves, separated by ;"),
					col("valid_from", true, "Date it came into being, yyyy-mm-dd"),
					col("valid_to", false, "Date it ended (merged or closed), yyyy-mm-dd"),
					col("predecessor_organisation_ids", false, "For a merger: organisation_ids it replaced, separated by ;"))),
	PEOPLE("people", "People",
			List.of(col("person_id", true, "Your own identifier, e.g. a staff number"),
					col("name", true, "Full name"),
					col("email", false, "Work e-mail address"),
					col("job_title", false, "Job title"),
					col("staff_group", true, "clinical or non_clinical"),
					col("seniority", true, "One of: " + Seniority.allowed()),
					col("places", false, "place_ids the person works in, separated by ;"))),
	GOVERNANCE_BODIES("governance-bodies", "Governance bodies",
			List.of(col("body_id", true, "Your own identifier for the body"),
					col("name", true, "Name of the body"),
					col("type", true, "One of: " + GovernanceType.allowed()),
					col("place_id", false, "place_id of the place or neighbourhood it governs (blank for the whole system)"),
					col("valid_from", true, "Date it was set up, yyyy-mm-dd"),
					col("valid_to", false, "Date it was dissolved, yyyy-mm-dd"))),
	MEMBERSHIPS("memberships", "Memberships",
			List.of(col("person_id", true, "person_id of the member"),
					col("organisation_id", false, "organisation_id the person works for (give this or body_id)"),
					col("body_id", false, "body_id of the governance body the person sits on (give this or organisation_id)"),
					col("role", false, "Role, e.g. 'Director of nursing' or 'Chair'"),
					col("valid_from", true, "Start date, yyyy-mm-dd"),
					col("valid_to", false, "End date (first day no longer a member), yyyy-mm-dd")));
	// @formatter:on

	private final String key;

	private final String label;

	private final List<Column> columns;

	ImportKind(String key, String label, List<Column> columns) {
		this.key = key;
		this.label = label;
		this.columns = columns;
	}

	public String key() {
		return key;
	}

	public String label() {
		return label;
	}

	public List<Column> columns() {
		return columns;
	}

	public List<String> headers() {
		return columns.stream().map(Column::name).toList();
	}

	public static Optional<ImportKind> parse(String text) {
		if (text == null) {
			return Optional.empty();
		}
		String wanted = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
		return Arrays.stream(values())
			.filter(k -> k.key.equals(wanted) || k.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(wanted))
			.findFirst();
	}

	/**
	 * Guesses the kind from a file name such as {@code places.csv} or
	 * {@code 2024-people.xlsx}.
	 */
	public static Optional<ImportKind> fromFileName(String fileName) {
		String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT).replace('_', '-');
		// Longest keys first so that "governance-bodies" wins over a shorter accidental
		// match.
		return Arrays.stream(values())
			.sorted((a, b) -> b.key.length() - a.key.length())
			.filter(k -> name.contains(k.key) || (k == GOVERNANCE_BODIES && name.contains("governance")))
			.findFirst();
	}

	private static Column col(String name, boolean required, String help) {
		return new Column(name, required, help);
	}

	/** One column of an import file. */
	public record Column(String name, boolean required, String help) {
	}

}
