package app.balcony.network;

import app.balcony.jobs.JobContext;
import app.balcony.jobs.JobHandler;
import app.balcony.jobs.JobOutcome;

import org.springframework.stereotype.Component;

/**
 * Computes a large wave's per-person metrics in the background (any instance may run it),
 * reporting how many of the breadth-first searches behind betweenness are done.
 */
@Component
class NetworkAnalysisJob implements JobHandler {

	private final NetworkService network;

	NetworkAnalysisJob(NetworkService network) {
		this.network = network;
	}

	@Override
	public String type() {
		return app.balcony.network.waves.WaveMetrics.JOB_TYPE;
	}

	@Override
	public JobOutcome run(JobContext context) {
		long waveId = Long.parseLong(context.inputParams());
		int people = this.network.analyseInBackground(context.tenantId(), waveId, (done, total) -> context
			.progress(done, total, "shortest paths from " + done + " of " + total + " people searched"));
		context.progress(people, people, "done");
		return JobOutcome.success("Analysed " + people + " people", null);
	}

}
