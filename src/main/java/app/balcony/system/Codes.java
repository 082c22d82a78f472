package app.balcony.system;

import java.util.Locale;

/**
 * Lenient matching of vocabulary written in files and URLs: {@code "NHS acute"},
 * {@code "nhs_acute"} and {@code "NHS-ACUTE"} all name the same value.
 */
final class Codes {

	private Codes() {
	}

	static String normalise(String text) {
		return text == null ? ""
				: text.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
	}

	static <E extends Enum<E> & Coded> E parse(Class<E> type, String text) {
		String key = normalise(text);
		for (E value : type.getEnumConstants()) {
			if (value.key().equals(key) || normalise(value.label()).equals(key)
					|| normalise(value.name()).equals(key)) {
				return value;
			}
		}
		return null;
	}

	/**
	 * A value with a stable lower-case key (used in files and the API) and a human label.
	 */
	interface Coded {

		String key();

		String label();

	}

}
