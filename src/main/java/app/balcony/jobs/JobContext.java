package app.balcony.jobs;

import java.util.concurrent.atomic.AtomicReference;

/**
 * What a running job sees: its input, and a way to report progress. Progress is written
 * to the database by the worker's heartbeat, outside the job's own transaction, so the UI
 * sees it live even while the job's work is still uncommitted.
 */
public final class JobContext implements Progress {

	private final long jobId;

	private final long tenantId;

	private final String createdBy;

	private final String inputName;

	private final String inputParams;

	private final byte[] inputData;

	private final AtomicReference<JobProgress> progress = new AtomicReference<>(new JobProgress(0, 0, null));

	public JobContext(long jobId, long tenantId, String createdBy, String inputName, String inputParams,
			byte[] inputData) {
		this.jobId = jobId;
		this.tenantId = tenantId;
		this.createdBy = createdBy;
		this.inputName = inputName;
		this.inputParams = inputParams;
		this.inputData = inputData;
	}

	public long jobId() {
		return jobId;
	}

	public long tenantId() {
		return tenantId;
	}

	public String createdBy() {
		return createdBy;
	}

	public String inputName() {
		return inputName;
	}

	public String inputParams() {
		return inputParams;
	}

	public byte[] inputData() {
		return inputData;
	}

	@Override
	public void progress(int done, int total, String note) {
		this.progress.set(new JobProgress(done, total, note));
	}

	public JobProgress progress() {
		return this.progress.get();
	}

	public record JobProgress(int done, int total, String note) {
	}

}
