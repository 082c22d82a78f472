package app.balcony.system;

import com.fasterxml.jackson.core.JsonProcessingException;

import app.balcony.jobs.JobResults;
import app.balcony.jobs.JobContext;
import app.balcony.jobs.JobHandler;
import app.balcony.jobs.JobOutcome;

import org.springframework.stereotype.Component;

/**
 * Runs a queued import on whichever instance claims it; the report is the job's result.
 */
@Component
class ImportJobHandler implements JobHandler {

	private final SystemImport imports;

	private final JobResults results;

	ImportJobHandler(SystemImport imports, JobResults results) {
		this.results = results;
		this.imports = imports;
	}

	@Override
	public String type() {
		return SystemImport.JOB_TYPE;
	}

	@Override
	public JobOutcome run(JobContext context) throws JsonProcessingException {
		var sources = SystemImport.unpack(context.inputData());
		ImportReport report = this.imports.importNow(context.tenantId(), context.createdBy(), sources,
				context::progress);
		return this.results.outcome(report.applied(), report.summary(), report);
	}

}
