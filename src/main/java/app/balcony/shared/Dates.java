package app.balcony.shared;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Parsing of the "as of" dates that every effective-dated view accepts.
 */
public final class Dates {

	private Dates() {
	}

	/**
	 * Parses an ISO date (yyyy-MM-dd); blank means today.
	 * @throws BadRequestException naming the parameter when the text is not a date
	 */
	public static LocalDate asOf(String text, String parameter) {
		if (text == null || text.isBlank()) {
			return LocalDate.now();
		}
		try {
			return LocalDate.parse(text.trim());
		}
		catch (DateTimeParseException ex) {
			throw new BadRequestException("'" + parameter
					+ "' must be a date written as yyyy-mm-dd, for example 2024-04-01; got '" + text + "'");
		}
	}

}
