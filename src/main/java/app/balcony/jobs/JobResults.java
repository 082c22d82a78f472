package app.balcony.jobs;

import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Component;

/**
 * A job's result as a record of the module that owns the job, kept as JSON with the job:
 * written by the handler when it finishes, read back typed by the pages and API that show
 * it. One place for the conversion, with Spring's JSON settings.
 */
@Component
public class JobResults {

	private final ObjectMapper json;

	JobResults(ObjectMapper json) {
		this.json = json;
	}

	/** The outcome of a job that ended with {@code result}. */
	public JobOutcome outcome(boolean succeeded, String message, Object result) {
		try {
			String body = result == null ? null : this.json.writeValueAsString(result);
			return succeeded ? JobOutcome.success(message, body) : JobOutcome.failure(message, body);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("A job result could not be written as JSON", ex);
		}
	}

	/**
	 * The job's result as {@code type}; empty while it runs, when it kept none, or when
	 * what it kept is not one (a result from an older version).
	 */
	public <T> Optional<T> read(JobView job, Class<T> type) {
		if (job.resultJson() == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(this.json.readValue(job.resultJson(), type));
		}
		catch (JsonProcessingException ex) {
			return Optional.empty();
		}
	}

}
