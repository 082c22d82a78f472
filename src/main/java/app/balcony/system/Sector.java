package app.balcony.system;

/**
 * The sectors that organisations in an ICS come from, grouped for display. The taxonomy
 * is deliberately not health-first: councils, the voluntary sector and other public
 * services are peers of the NHS.
 */
public enum Sector implements Coded {

	// @formatter:off
	ICB("Integrated care board", "NHS"),
	NHS_ACUTE("NHS acute", "NHS"),
	NHS_COMMUNITY("NHS community", "NHS"),
	NHS_MENTAL_HEALTH("NHS mental health", "NHS"),
	NHS_AMBULANCE("NHS ambulance", "NHS"),
	PRIMARY_CARE("Primary care (GP)", "NHS"),
	LA_ADULT_SOCIAL_CARE("Adult social care", "Local authority"),
	LA_CHILDRENS_SERVICES("Children's services", "Local authority"),
	LA_PUBLIC_HEALTH("Public health", "Local authority"),
	LA_HOUSING("Housing", "Local authority"),
	LA_CORPORATE("Council (corporate)", "Local authority"),
	VCSE("Voluntary, community and social enterprise", "VCSE"),
	POLICE("Police", "Other public services"),
	PROBATION("Probation", "Other public services"),
	FIRE_RESCUE("Fire and rescue", "Other public services"),
	EDUCATION("Education", "Other public services"),
	HEALTHWATCH("Healthwatch", "Voice of people who use services"),
	OTHER("Other", "Other");
	// @formatter:on

	private final String label;

	private final String group;

	Sector(String label, String group) {
		this.label = label;
		this.group = group;
	}

	@Override
	public String label() {
		return label;
	}

	public String group() {
		return group;
	}

	public static Sector parse(String text) {
		return Coded.parse(Sector.class, text);
	}

	public static String allowed() {
		return Coded.allowed(Sector.class);
	}

}
