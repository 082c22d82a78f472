package app.balcony.system;

import java.util.Locale;

/**
 * The one way Balcony reads dated facts of the system model (memberships, places,
 * organisations, governance bodies are valid from a day until, exclusively, another) and
 * searches names: SQL fragments with named parameters, so every query reads "as of" a day
 * the same way.
 */
public final class EffectiveDating {

	private EffectiveDating() {
	}

	/**
	 * SQL condition: the row with alias {@code a} is in force on the named parameter
	 * {@code :d} (valid from on or before it, and not yet ended).
	 */
	public static String inForce(String a) {
		return " (" + a + ".valid_from <= :d and (" + a + ".valid_to is null or " + a + ".valid_to > :d)) ";
	}

	/**
	 * A case-insensitive {@code like} pattern matching {@code query} anywhere, escaped.
	 */
	public static String like(String query) {
		String escaped = query.trim()
			.toLowerCase(Locale.ROOT)
			.replace("\\", "\\\\")
			.replace("%", "\\%")
			.replace("_", "\\_");
		return "%" + escaped + "%";
	}

}
