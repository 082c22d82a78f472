package app.balcony.evidence;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of the evidence module ({@code balcony.evidence.*}). */
@ConfigurationProperties("balcony.evidence")
public class EvidenceProperties {

	/**
	 * Key for the hashes behind pseudonym numbers, held outside the database; empty:
	 * plain SHA-256. At least 16 characters when set.
	 */
	private String pseudonymKey = "";

	public String getPseudonymKey() {
		return this.pseudonymKey;
	}

	public void setPseudonymKey(String pseudonymKey) {
		String key = pseudonymKey == null ? "" : pseudonymKey;
		if (!key.isEmpty() && key.length() < 16) {
			throw new IllegalStateException(
					"balcony.evidence.pseudonym-key must be at least 16 characters (or unset); it has " + key.length());
		}
		this.pseudonymKey = key;
	}

}
