package app.balcony.system;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Kinds of governance body found in an ICS.
 */
public enum GovernanceType implements Codes.Coded {

	ICB_BOARD("Integrated care board"), ICP("Integrated care partnership"),
	HEALTH_AND_WELLBEING_BOARD("Health and wellbeing board"), PLACE_BOARD("Place partnership board"),
	PCN_BOARD("Neighbourhood (PCN) board"), COMMITTEE("Committee"), OTHER("Other");

	private final String label;

	GovernanceType(String label) {
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

	public static GovernanceType parse(String text) {
		return Codes.parse(GovernanceType.class, text);
	}

	public static String allowed() {
		return Arrays.stream(values()).map(GovernanceType::key).collect(Collectors.joining(", "));
	}

}
