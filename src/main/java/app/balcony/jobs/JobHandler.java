package app.balcony.jobs;

/**
 * Runs one type of job. Implementations live in the module that owns the work and are
 * found by Spring; {@link #type()} matches {@link JobRequest#type()}.
 */
public interface JobHandler {

	String type();

	/**
	 * Does the work. Report progress through the context; return the outcome. An
	 * exception fails the job with its message.
	 */
	JobOutcome run(JobContext context) throws Exception;

}
