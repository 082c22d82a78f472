package app.balcony.system;

/**
 * Whether a person's role is clinical (or professional care practice) or not.
 */
public enum StaffGroup implements Coded {

	CLINICAL("Clinical"), NON_CLINICAL("Non-clinical");

	private final String label;

	StaffGroup(String label) {
		this.label = label;
	}

	@Override
	public String label() {
		return label;
	}

	public static StaffGroup parse(String text) {
		return Coded.parse(StaffGroup.class, text);
	}

}
