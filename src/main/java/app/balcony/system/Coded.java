package app.balcony.system;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A vocabulary value (sector, level, staff group…) with a stable lower-case key, used in
 * files, URLs and the API, and a label for people. Matching is lenient:
 * {@code "NHS acute"}, {@code "nhs_acute"} and {@code "NHS-ACUTE"} all name the same
 * sector.
 */
public interface Coded {

	String name();

	String label();

	default String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The value whose key, label or name matches the text, or null. */
	static <E extends Enum<E> & Coded> E parse(Class<E> type, String text) {
		String wanted = normalise(text);
		for (E value : type.getEnumConstants()) {
			if (value.key().equals(wanted) || normalise(value.label()).equals(wanted)) {
				return value;
			}
		}
		return null;
	}

	/** The keys, comma-separated, for error messages and help text. */
	static <E extends Enum<E> & Coded> String allowed(Class<E> type) {
		return Arrays.stream(type.getEnumConstants()).map(Coded::key).collect(Collectors.joining(", "));
	}

	private static String normalise(String text) {
		return text == null ? ""
				: text.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
	}

}
