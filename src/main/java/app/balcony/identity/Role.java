package app.balcony.identity;

import java.util.Locale;

/**
 * What a person may do within one tenant. Least privilege: only admins manage accounts,
 * imports and the audit log; analysts see identifiable data for analysis; facilitators
 * and members see the structure of the system and who is in it, but not contact details.
 */
public enum Role {

	ADMIN("Admin"), ANALYST("Analyst"), FACILITATOR("Facilitator"), MEMBER("Member");

	private final String label;

	Role(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

	public String authority() {
		return "ROLE_" + name();
	}

	/** Whether this role may see personal contact details such as e-mail addresses. */
	public boolean seesContactDetails() {
		return this == ADMIN || this == ANALYST;
	}

	public static Role parse(String text) {
		try {
			return Role.valueOf(text.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new IllegalArgumentException(
					"Unknown role '" + text + "': use admin, analyst, facilitator or member");
		}
	}

}
