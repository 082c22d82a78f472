package app.balcony.cli;

import java.io.PrintWriter;

import app.balcony.jobs.Progress;
import app.balcony.system.SystemImport;

/**
 * Shows a long job's progress on the terminal: a self-updating line on a console, and a
 * line per phase (not per update) when output goes to a file or CI log.
 */
final class ConsoleProgress implements Progress {

	private final PrintWriter err;

	private final boolean console = System.console() != null;

	private String lastNote;

	private long lastPrint;

	ConsoleProgress(PrintWriter err) {
		this.err = err;
	}

	@Override
	public void progress(int done, int total, String note) {
		long now = System.currentTimeMillis();
		boolean newPhase = note != null && !note.equals(this.lastNote);
		if (!newPhase && now - this.lastPrint < 250) {
			return;
		}
		this.lastPrint = now;
		String line = total > 0 ? String.format("%s: %d of %d rows (%d%%)", note, done, total, 100L * done / total)
				: note;
		if (this.console) {
			this.err.print("\r" + line + "                    ");
			this.err.flush();
		}
		else if (newPhase) {
			this.err.println(line);
			this.err.flush();
		}
		this.lastNote = note;
	}

	void finish() {
		if (this.console) {
			this.err.println();
		}
		this.err.flush();
	}

}
