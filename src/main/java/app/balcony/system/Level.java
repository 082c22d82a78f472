package app.balcony.system;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The three levels an ICS works at. Each tenant may rename them (see {@link LevelNames}).
 */
public enum Level implements Codes.Coded {

	SYSTEM("System"), PLACE("Place"), NEIGHBOURHOOD("Neighbourhood");

	private final String defaultName;

	Level(String defaultName) {
		this.defaultName = defaultName;
	}

	@Override
	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	@Override
	public String label() {
		return defaultName;
	}

	public static Level parse(String text) {
		return Codes.parse(Level.class, text);
	}

	public static String allowed() {
		return Arrays.stream(values()).map(Level::key).collect(Collectors.joining(", "));
	}

}
