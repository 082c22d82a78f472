package app.balcony.system;

/**
 * Seniority bands in words that work in every sector (not NHS pay bands or council
 * grades).
 */
public enum Seniority implements Coded {

	EXECUTIVE("Executive or director"), SENIOR("Senior leader"), MIDDLE("Middle manager"),
	FIRST_LINE("Team leader or first-line manager"), PRACTITIONER("Practitioner or specialist"),
	SUPPORT("Support or entry level");

	private final String label;

	Seniority(String label) {
		this.label = label;
	}

	@Override
	public String label() {
		return label;
	}

	public static Seniority parse(String text) {
		return Coded.parse(Seniority.class, text);
	}

	public static String allowed() {
		return Coded.allowed(Seniority.class);
	}

}
