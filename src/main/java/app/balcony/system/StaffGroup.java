package app.balcony.system;

import java.util.Locale;

/**
 * Whether a person's role is clinical (or professional care practice) or not.
 */
public enum StaffGroup implements Codes.Coded {

	CLINICAL("Clinical"), NON_CLINICAL("Non-clinical");

	private final String label;

	StaffGroup(String label) {
		this.label = label;
	}

	@Override
	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	@Override
	public String label() {
		return label;
	}

	public static StaffGroup parse(String text) {
		return Codes.parse(StaffGroup.class, text);
	}

}
