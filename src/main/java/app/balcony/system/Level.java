package app.balcony.system;

/**
 * The three levels an ICS works at. Each tenant may rename them (see {@link LevelNames}).
 */
public enum Level implements Coded {

	SYSTEM("System"), PLACE("Place"), NEIGHBOURHOOD("Neighbourhood");

	private final String defaultName;

	Level(String defaultName) {
		this.defaultName = defaultName;
	}

	@Override
	public String label() {
		return defaultName;
	}

	public static Level parse(String text) {
		return Coded.parse(Level.class, text);
	}

	public static String allowed() {
		return Coded.allowed(Level.class);
	}

}
