package app.balcony.shared;

/**
 * The caller sent something Balcony cannot use; the message says what and where.
 */
public class BadRequestException extends RuntimeException {

	public BadRequestException(String message) {
		super(message);
	}

}
