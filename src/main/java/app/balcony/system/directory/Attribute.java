package app.balcony.system.directory;

import java.util.Locale;

/**
 * The one vocabulary of a person's attributes, in every module: what survey results are
 * grouped and filtered by, what a network wave is grouped by, and what an interview's
 * speaker is described by. The key is what files, URLs and the API use
 * ({@code staff_group}); the label is what pages show.
 */
public enum Attribute {

	PLACE("Place"), NEIGHBOURHOOD("Neighbourhood"), ORGANISATION("Organisation"), SECTOR("Sector"), LEVEL("Level"),
	STAFF_GROUP("Staff group"), SENIORITY("Seniority"), ROLE("Role");

	private final String label;

	Attribute(String label) {
		this.label = label;
	}

	/** As in files, URLs and the API: {@code staff_group}. */
	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** As pages show it: "Staff group". */
	public String label() {
		return this.label;
	}

}
