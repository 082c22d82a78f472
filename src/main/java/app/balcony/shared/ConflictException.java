package app.balcony.shared;

/**
 * The request clashes with the state of what it acts on (e.g. a survey link in use on
 * another device); answered with 409 and the message.
 */
public class ConflictException extends BadRequestException {

	public ConflictException(String message) {
		super(message);
	}

}
