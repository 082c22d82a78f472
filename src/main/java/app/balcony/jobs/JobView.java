package app.balcony.jobs;

import java.time.LocalDateTime;

/**
 * A job as users and callers see it.
 */
public record JobView(long id, String type, String title, JobStatus status, String createdBy, LocalDateTime createdAt,
		LocalDateTime finishedAt, int attempts, int progressDone, int progressTotal, String progressNote,
		String message, String resultJson, String claimedBy) {

	/** Progress in percent, 0-100; 100 once finished. */
	public int percent() {
		if (status.finished()) {
			return 100;
		}
		return progressTotal <= 0 ? 0 : (int) Math.min(99, (100L * progressDone) / progressTotal);
	}

}
