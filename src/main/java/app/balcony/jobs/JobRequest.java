package app.balcony.jobs;

/**
 * A job to queue. {@code inputData} (for example an uploaded file) is stored with the job
 * so that any instance can run it.
 */
public record JobRequest(long tenantId, String type, String title, String createdBy, String inputName,
		String inputParams, byte[] inputData) {
}
