package app.balcony.jobs;

/**
 * How long work reports how far it is: done of total (0 when not known yet) and what it
 * is doing. One interface for every long job, whether it runs in the background
 * ({@link JobContext} is one, shown in the UI and the API), from the command line (shown
 * on the console), or inline ({@link #NONE}).
 */
@FunctionalInterface
public interface Progress {

	/** Reports nothing. */
	Progress NONE = (done, total, note) -> {
	};

	void progress(int done, int total, String note);

}
