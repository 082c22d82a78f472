package app.balcony.system.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import app.balcony.jobs.JobResults;
import app.balcony.identity.BalconyUser;
import app.balcony.jobs.JobQueue;
import app.balcony.jobs.JobView;
import app.balcony.shared.BadRequestException;
import app.balcony.shared.NotFoundException;
import app.balcony.shared.web.Downloads;
import app.balcony.system.ImportKind;
import app.balcony.system.ImportReport;
import app.balcony.system.ImportSource;
import app.balcony.system.ImportTemplates;
import app.balcony.system.SystemImport;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * Importing an ICS from files: upload, progress, and the report with every problem
 * listed. Admins only; templates may be downloaded by anyone signed in.
 */
@Controller
class ImportPagesController {

	private final SystemImport imports;

	private final JobQueue jobs;

	private final JobResults results;

	ImportPagesController(SystemImport imports, JobQueue jobs, JobResults results) {
		this.results = results;
		this.imports = imports;
		this.jobs = jobs;
	}

	@GetMapping("/imports")
	@PreAuthorize("hasRole('ADMIN')")
	String imports(@AuthenticationPrincipal BalconyUser user, Model model) {
		model.addAttribute("kinds", ImportKind.values());
		model.addAttribute("jobs", this.jobs.recent(user.tenantId(), SystemImport.JOB_TYPE, 20));
		return "system/imports";
	}

	@PostMapping("/imports")
	@PreAuthorize("hasRole('ADMIN')")
	String upload(@AuthenticationPrincipal BalconyUser user, @RequestParam(required = false) String kind,
			@RequestParam(name = "files", required = false) List<MultipartFile> files, Model model) throws IOException {
		List<ImportSource> sources = sources(kind, files);
		if (sources.isEmpty()) {
			model.addAttribute("error", "Choose at least one CSV or XLSX file to import");
			return imports(user, model);
		}
		long id = this.imports.submit(user.tenantId(), user.getUsername(), sources);
		return "redirect:/imports/" + id;
	}

	@GetMapping("/imports/{id}")
	@PreAuthorize("hasRole('ADMIN')")
	String job(@AuthenticationPrincipal BalconyUser user, @PathVariable long id, Model model) {
		addJob(user, id, model);
		return "system/import-job";
	}

	/** The progress panel alone, polled by htmx while the job runs. */
	@GetMapping("/imports/{id}/status")
	@PreAuthorize("hasRole('ADMIN')")
	String status(@AuthenticationPrincipal BalconyUser user, @PathVariable long id, Model model) {
		addJob(user, id, model);
		return "system/import-job :: status";
	}

	@GetMapping("/imports/templates/{file:.+}")
	ResponseEntity<byte[]> template(@PathVariable String file) {
		return templateResponse(file);
	}

	static ResponseEntity<byte[]> templateResponse(String file) {
		int dot = file.lastIndexOf('.');
		ImportKind kind = dot < 0 ? null : ImportKind.parse(file.substring(0, dot)).orElse(null);
		String extension = dot < 0 ? "" : file.substring(dot + 1);
		if (kind == null || !(extension.equals("csv") || extension.equals("xlsx"))) {
			throw new NotFoundException("Template");
		}
		boolean csv = extension.equals("csv");
		return Downloads.file(kind.key() + "." + extension, csv ? new MediaType("text", "csv") : Downloads.XLSX,
				csv ? ImportTemplates.csv(kind) : ImportTemplates.xlsx(kind));
	}

	private void addJob(BalconyUser user, long id, Model model) {
		JobView job = this.jobs.find(user.tenantId(), id).orElseThrow(() -> new NotFoundException("Import"));
		model.addAttribute("job", job);
		model.addAttribute("report", this.results.read(job, ImportReport.class).orElse(null));
	}

	static List<ImportSource> sources(String kind, List<MultipartFile> files) throws IOException {
		ImportKind chosen = null;
		if (kind != null && !kind.isBlank() && !kind.equals("auto")) {
			chosen = ImportKind.parse(kind)
				.orElseThrow(() -> new BadRequestException("Unknown kind of file '" + kind
						+ "'; use places, organisations, people, governance-bodies or memberships"));
		}
		List<ImportSource> sources = new ArrayList<>();
		if (files != null) {
			for (MultipartFile file : files) {
				if (file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank())) {
					continue;
				}
				String name = file.getOriginalFilename() == null ? "upload" : file.getOriginalFilename();
				name = name.replaceAll("^.*[/\\\\]", "");
				sources.add(new ImportSource(name, chosen, file.getBytes()));
			}
		}
		return sources;
	}

}
