package app.balcony.jobs;

/**
 * How a job ended: a message for people, and an optional JSON result for the module that
 * owns it.
 */
public record JobOutcome(boolean succeeded, String message, String resultJson) {

	public static JobOutcome success(String message, String resultJson) {
		return new JobOutcome(true, message, resultJson);
	}

	public static JobOutcome failure(String message, String resultJson) {
		return new JobOutcome(false, message, resultJson);
	}

}
