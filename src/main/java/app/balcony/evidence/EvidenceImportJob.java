package app.balcony.evidence;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.ObjectMapper;

import app.balcony.jobs.JobResults;
import app.balcony.evidence.EvidenceViews.ImportResult;
import app.balcony.identity.BalconyUser;
import app.balcony.jobs.JobContext;
import app.balcony.jobs.JobHandler;
import app.balcony.jobs.JobOutcome;
import app.balcony.jobs.JobQueue;
import app.balcony.jobs.JobRequest;
import app.balcony.jobs.JobView;
import app.balcony.shared.NotFoundException;

import org.springframework.stereotype.Component;

/**
 * Imports sources in the background, so a folder of transcripts shows its progress
 * (reading, then redacting each file) and any instance behind the load balancer can run
 * it. The import is still all or nothing.
 */
@Component
public class EvidenceImportJob implements JobHandler {

	static final String TYPE = "evidence-import";

	private final EvidenceService evidence;

	private final JobQueue jobs;

	private final ObjectMapper json;

	private final JobResults results;

	EvidenceImportJob(EvidenceService evidence, JobQueue jobs, ObjectMapper json, JobResults results) {
		this.results = results;
		this.evidence = evidence;
		this.jobs = jobs;
		this.json = json;
	}

	record Params(long projectId, Map<String, String> attributes) {
	}

	/** Queues an import for the caller (checked now) and returns the job's id. */
	public long submit(BalconyUser user, long projectId, List<EvidenceService.Upload> uploads,
			Map<String, String> attributes) {
		var project = this.evidence.project(user, projectId);
		String names = String.join(", ", uploads.stream().map(EvidenceService.Upload::name).toList());
		try {
			String title = "Import into " + project.name() + ": " + names;
			return this.jobs.submit(
					new JobRequest(user.tenantId(), TYPE, title.length() > 300 ? title.substring(0, 299) + "…" : title,
							user.getUsername(), names.length() > 300 ? names.substring(0, 300) : names,
							this.json.writeValueAsString(new Params(projectId, attributes)), pack(uploads)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The job, if it is an evidence import of the caller's tenant. */
	public JobView find(BalconyUser user, long jobId) {
		EvidenceService.requireAnalyst(user);
		return this.jobs.find(user.tenantId(), jobId)
			.filter(j -> TYPE.equals(j.type()))
			.orElseThrow(() -> new NotFoundException("No such import"));
	}

	/** What the finished job did (null while it runs). */
	public ImportResult result(JobView job) {
		return this.results.read(job, ImportResult.class).orElse(null);
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public JobOutcome run(JobContext context) throws IOException {
		Params params = this.json.readValue(context.inputParams(), Params.class);
		ImportResult result = this.evidence.importNow(context.tenantId(), context.createdBy(), params.projectId(),
				unpack(context.inputData()), params.attributes(), context::progress);
		return this.results.outcome(result.applied(),
				result.applied()
						? "Imported " + result.sourceIds().size() + " sources with " + result.redactions()
								+ " redactions to review"
						: result.errors().size() + " problems to fix; nothing was imported",
				result);
	}

	static byte[] pack(List<EvidenceService.Upload> uploads) {
		var bytes = new ByteArrayOutputStream();
		try (var zip = new ZipOutputStream(bytes)) {
			int n = 0;
			for (EvidenceService.Upload upload : uploads) {
				zip.putNextEntry(new ZipEntry((n++) + "/" + upload.name()));
				zip.write(upload.bytes());
				zip.closeEntry();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	static List<EvidenceService.Upload> unpack(byte[] packed) {
		List<EvidenceService.Upload> uploads = new ArrayList<>();
		try (var zip = new ZipInputStream(new ByteArrayInputStream(packed))) {
			ZipEntry entry;
			while ((entry = zip.getNextEntry()) != null) {
				uploads.add(new EvidenceService.Upload(entry.getName().split("/", 2)[1], zip.readAllBytes()));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return uploads;
	}

}
