package app.balcony.system;

/**
 * Kinds of governance body found in an ICS.
 */
public enum GovernanceType implements Coded {

	ICB_BOARD("Integrated care board"), ICP("Integrated care partnership"),
	HEALTH_AND_WELLBEING_BOARD("Health and wellbeing board"), PLACE_BOARD("Place partnership board"),
	PCN_BOARD("Neighbourhood (PCN) board"), COMMITTEE("Committee"), OTHER("Other");

	private final String label;

	GovernanceType(String label) {
		this.label = label;
	}

	@Override
	public String label() {
		return label;
	}

	public static GovernanceType parse(String text) {
		return Coded.parse(GovernanceType.class, text);
	}

	public static String allowed() {
		return Coded.allowed(GovernanceType.class);
	}

}
