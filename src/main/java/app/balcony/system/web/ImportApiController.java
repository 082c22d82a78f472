package app.balcony.system.web;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import app.balcony.jobs.JobResults;
import app.balcony.identity.BalconyUser;
import app.balcony.jobs.JobQueue;
import app.balcony.jobs.JobView;
import app.balcony.shared.BadRequestException;
import app.balcony.shared.NotFoundException;
import app.balcony.system.ImportReport;
import app.balcony.system.ImportSource;
import app.balcony.system.SystemImport;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The system import API: submit files as a background job, follow it, and download
 * templates.
 */
@RestController
@RequestMapping("/api/v1/imports")
@Tag(name = "Imports", description = "Import an ICS from CSV or XLSX files, all or nothing (admins only)")
class ImportApiController {

	private final SystemImport imports;

	private final JobQueue jobs;

	private final JobResults results;

	ImportApiController(SystemImport imports, JobQueue jobs, JobResults results) {
		this.results = results;
		this.imports = imports;
		this.jobs = jobs;
	}

	/** An import job: its state, progress and (when finished) its report. */
	record ImportJob(long id, String status, String title, int percent, int progressDone, int progressTotal,
			String progressNote, String message, ImportReport report) {

		static ImportJob of(JobView job, ImportReport report) {
			return new ImportJob(job.id(), job.status().name(), job.title(), job.percent(), job.progressDone(),
					job.progressTotal(), job.progressNote(), job.message(), report);
		}

	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Queue files for import; poll the returned job for progress and the report. "
			+ "'kind' is places, organisations, people, governance-bodies or memberships; without it the kind "
			+ "is taken from each file name.")
	ResponseEntity<ImportJob> submit(@AuthenticationPrincipal BalconyUser user,
			@RequestPart("files") List<MultipartFile> files, @RequestParam(required = false) String kind)
			throws IOException {
		List<ImportSource> sources = ImportPagesController.sources(kind, files);
		if (sources.isEmpty()) {
			throw new BadRequestException("Send at least one file in the multipart field 'files'");
		}
		long id = this.imports.submit(user.tenantId(), user.getUsername(), sources);
		JobView job = this.jobs.find(user.tenantId(), id).orElseThrow();
		return ResponseEntity.accepted().location(URI.create("/api/v1/imports/" + id)).body(ImportJob.of(job, null));
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "An import job's state, progress and report (with every error by file, row and column)")
	ImportJob job(@AuthenticationPrincipal BalconyUser user, @PathVariable long id) {
		JobView job = this.jobs.find(user.tenantId(), id).orElseThrow(() -> new NotFoundException("Import"));
		return ImportJob.of(job, this.results.read(job, ImportReport.class).orElse(null));
	}

	@GetMapping("/templates/{file:.+}")
	@Operation(summary = "A template: places.csv, people.xlsx, …")
	ResponseEntity<byte[]> template(@PathVariable String file) {
		return ImportPagesController.templateResponse(file);
	}

}
