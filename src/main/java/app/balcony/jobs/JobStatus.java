package app.balcony.jobs;

/** Where a job is: waiting, running on an instance, or finished (succeeded or failed). */
public enum JobStatus {

	QUEUED, RUNNING, SUCCEEDED, FAILED;

	public boolean finished() {
		return this == SUCCEEDED || this == FAILED;
	}

}
