package app.balcony.evidence.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import app.balcony.evidence.EvidenceAnalysis;
import app.balcony.evidence.EvidenceDemo;
import app.balcony.evidence.EvidenceImportJob;
import app.balcony.evidence.EvidenceService;
import app.balcony.evidence.EvidenceViews;
import app.balcony.evidence.QdaExchange;
import app.balcony.framework.FrameworkCatalog;
import app.balcony.identity.BalconyUser;
import app.balcony.jobs.JobView;
import app.balcony.shared.BadRequestException;
import app.balcony.shared.web.Downloads;
import app.balcony.shared.web.OnProblem;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The evaluator's pages: projects, import with progress, redaction review, coding a
 * transcript by selection or by sentence with suggestions alongside, memos, and the
 * analysis views (agreement, matrix, co-occurrence, tensions, a code's passages).
 */
@Controller
@RequestMapping("/evidence")
@PreAuthorize("hasAnyRole('ADMIN', 'ANALYST')")
class EvidencePagesController {

	private final EvidenceService evidence;

	private final EvidenceAnalysis analysis;

	private final QdaExchange exchange;

	private final EvidenceImportJob imports;

	private final FrameworkCatalog frameworks;

	private final EvidenceDemo demo;

	EvidencePagesController(EvidenceService evidence, EvidenceAnalysis analysis, QdaExchange exchange,
			EvidenceImportJob imports, FrameworkCatalog frameworks, EvidenceDemo demo) {
		this.demo = demo;
		this.evidence = evidence;
		this.analysis = analysis;
		this.exchange = exchange;
		this.imports = imports;
		this.frameworks = frameworks;
	}

	// ---------------------------------------------------------------- projects

	@GetMapping
	String projects(@AuthenticationPrincipal BalconyUser user, Model model) {
		model.addAttribute("projects", this.evidence.projects(user));
		model.addAttribute("frameworks", this.frameworks.list(user.tenantId()));
		model.addAttribute("demoInterviews", this.demo.isDemo(user.tenantId()));
		return "evidence/index";
	}

	/** The demo ICS's interviews as files, to try the import by hand. */
	@GetMapping("/demo-interviews.zip")
	ResponseEntity<byte[]> demoInterviews(@AuthenticationPrincipal BalconyUser user) {
		return Downloads.file("northvale-interviews.zip", Downloads.ZIP, this.demo.interviewsZip(user));
	}

	@PostMapping("/projects")
	@OnProblem("/evidence")
	String create(@AuthenticationPrincipal BalconyUser user, @RequestParam String name,
			@RequestParam(required = false) String description, @RequestParam(required = false) String framework,
			RedirectAttributes redirect) {
		long id = this.evidence.createProject(user, name, description, framework);
		redirect.addFlashAttribute("flash", "Project '" + name.strip() + "' created.");
		return "redirect:/evidence/projects/" + id;
	}

	@PostMapping("/projects/import")
	@OnProblem("/evidence")
	String importProject(@AuthenticationPrincipal BalconyUser user, @RequestParam("files") MultipartFile file,
			@RequestParam(required = false) String name, RedirectAttributes redirect) throws IOException {
		QdaExchange.ImportSummary summary = this.exchange.importProject(user, name,
				file.getOriginalFilename() == null ? "project.qdpx" : file.getOriginalFilename(), file.getBytes());
		redirect.addFlashAttribute("flash",
				"Imported " + summary.sources() + " sources, " + summary.codes() + " codes, " + summary.codings()
						+ " codings and " + summary.memos() + " memos; " + summary.redactions() + " redactions made."
						+ (summary.notes().isEmpty() ? "" : " " + String.join(" ", summary.notes())));
		return "redirect:/evidence/projects/" + summary.projectId();
	}

	@GetMapping("/projects/{id}")
	String project(@AuthenticationPrincipal BalconyUser user, @PathVariable long id, Model model) {
		EvidenceViews.Project project = this.evidence.project(user, id);
		model.addAttribute("project", project);
		model.addAttribute("sources", this.evidence.sources(user, id));
		model.addAttribute("codes", this.evidence.codes(user, id));
		model.addAttribute("memos", this.evidence.memos(user, id, "PROJECT", id));
		model.addAttribute("attributes", EvidenceService.ATTRIBUTES);
		return "evidence/project";
	}

	@PostMapping("/projects/{id}/sources")
	String importSources(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@RequestParam("files") List<MultipartFile> files, @RequestParam Map<String, String> fields,
			RedirectAttributes redirect) throws IOException {
		List<EvidenceService.Upload> uploads = new ArrayList<>();
		for (MultipartFile file : files) {
			if (file.getOriginalFilename() != null && !file.getOriginalFilename().isBlank()) {
				uploads.add(new EvidenceService.Upload(file.getOriginalFilename(), file.getBytes()));
			}
		}
		if (uploads.isEmpty()) {
			redirect.addFlashAttribute("problem", "files: choose at least one file to import");
			return "redirect:/evidence/projects/" + id + "#import";
		}
		Map<String, String> attributes = new LinkedHashMap<>();
		EvidenceService.ATTRIBUTES.forEach(a -> {
			if (fields.get(a) != null && !fields.get(a).isBlank()) {
				attributes.put(a, fields.get(a));
			}
		});
		long job = this.imports.submit(user, id, uploads, attributes);
		return "redirect:/evidence/projects/" + id + "/imports/" + job;
	}

	@GetMapping("/projects/{id}/imports/{jobId}")
	String importJob(@AuthenticationPrincipal BalconyUser user, @PathVariable long id, @PathVariable long jobId,
			Model model) {
		addJob(user, id, jobId, model);
		return "evidence/import-job";
	}

	@GetMapping("/projects/{id}/imports/{jobId}/status")
	String importStatus(@AuthenticationPrincipal BalconyUser user, @PathVariable long id, @PathVariable long jobId,
			Model model) {
		addJob(user, id, jobId, model);
		return "evidence/import-job :: status";
	}

	private void addJob(BalconyUser user, long projectId, long jobId, Model model) {
		model.addAttribute("project", this.evidence.project(user, projectId));
		JobView job = this.imports.find(user, jobId);
		model.addAttribute("job", job);
		model.addAttribute("result", this.imports.result(job));
	}

	@PostMapping("/projects/{id}/codes")
	@OnProblem("/evidence/projects/{id}#codebook")
	String addCode(@AuthenticationPrincipal BalconyUser user, @PathVariable long id, @RequestParam String name,
			@RequestParam(required = false) Long parentId, @RequestParam(required = false) String definition,
			@RequestParam(required = false) String colour, RedirectAttributes redirect) {
		this.evidence.addCode(user, id, name, parentId, definition, colour);
		redirect.addFlashAttribute("flash", "Code '" + name.strip() + "' added.");
		return "redirect:/evidence/projects/" + id + "#codebook";
	}

	@PostMapping("/projects/{id}/codebook")
	@OnProblem("/evidence/projects/{id}#codebook")
	String importCodebook(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@RequestParam("files") MultipartFile file, RedirectAttributes redirect) throws IOException {
		int added = this.exchange.importCodebook(user, id,
				file.getOriginalFilename() == null ? "codebook.qdc" : file.getOriginalFilename(), file.getBytes());
		redirect.addFlashAttribute("flash", added + " codes added from the codebook.");
		return "redirect:/evidence/projects/" + id + "#codebook";
	}

	@PostMapping("/projects/{id}/memos")
	String addMemo(@AuthenticationPrincipal BalconyUser user, @PathVariable long id, @RequestParam String targetType,
			@RequestParam long targetId, @RequestParam String body, @RequestParam String back,
			RedirectAttributes redirect) {
		try {
			this.evidence.addMemo(user, id, targetType, targetId, body);
			redirect.addFlashAttribute("flash", "Memo saved.");
		}
		catch (BadRequestException ex) {
			redirect.addFlashAttribute("problem", ex.getMessage());
		}
		return "redirect:" + safeBack(back, "/evidence/projects/" + id)
				+ ("CODING".equals(targetType) ? "#codings" : "#memos");
	}

	/** Only a path inside the evidence pages, never another site. */
	private static String safeBack(String back, String fallback) {
		return back != null && back.matches("/evidence/[A-Za-z0-9/_-]*") ? back : fallback;
	}

	// ---------------------------------------------------------------- sources

	@GetMapping("/sources/{id}")
	String source(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@RequestParam(defaultValue = "false") boolean suggestions,
			@RequestParam(defaultValue = "false") boolean allCoders, @RequestParam(required = false) Long edit,
			@RequestParam(required = false) Long editCode, @RequestParam(required = false) Double editScore,
			Model model) {
		EvidenceViews.Source source = this.evidence.source(user, id, allCoders);
		// Editing a suggestion: its sentence and code come ticked, to change before
		// applying.
		EvidenceViews.Segment editing = edit == null ? null
				: source.segments().stream().filter(s -> s.id() == edit).findFirst().orElse(null);
		model.addAttribute("editSegment", editing == null ? null : editing.id());
		model.addAttribute("editCode", editing == null ? null : editCode);
		model.addAttribute("editScore", editing == null ? null : editScore);
		List<EvidenceViews.SegmentSuggestions> suggested = null;
		boolean confirmed = "CONFIRMED".equals(source.redactionState());
		List<EvidenceViews.Code> codes = this.evidence.codes(user, source.projectId());
		if (suggestions && confirmed && !codes.isEmpty()) {
			suggested = this.analysis.suggestions(user, id, 2);
		}
		model.addAttribute("source", source);
		model.addAttribute("project", this.evidence.project(user, source.projectId()));
		model.addAttribute("transcript", Transcript.of(source, suggested));
		model.addAttribute("codes", codes);
		model.addAttribute("suggestions", suggested != null);
		model.addAttribute("allCoders", allCoders);
		model.addAttribute("attributes", EvidenceService.ATTRIBUTES);
		model.addAttribute("memos", this.evidence.memos(user, source.projectId(), "SOURCE", id));
		Map<Long, List<EvidenceService.Memo>> codingMemos = new java.util.HashMap<>();
		this.evidence.memos(user, source.projectId(), null, null)
			.stream()
			.filter(m -> "CODING".equals(m.targetType()))
			.forEach(m -> codingMemos.computeIfAbsent(m.targetId(), k -> new ArrayList<>()).add(m));
		model.addAttribute("codingMemos", codingMemos);
		return confirmed ? "evidence/source" : "evidence/review";
	}

	@PostMapping("/sources/{id}/attributes")
	String attributes(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@RequestParam Map<String, String> fields, RedirectAttributes redirect) {
		this.evidence.setAttributes(user, id, fields);
		redirect.addFlashAttribute("flash", "Attributes saved.");
		return "redirect:/evidence/sources/" + id;
	}

	/** Who a source is linked to (audited), and a search to link it to someone. */
	@GetMapping("/sources/{id}/person")
	String person(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@RequestParam(required = false) String q, Model model) {
		EvidenceViews.Source source = this.evidence.source(user, id, false);
		model.addAttribute("source", source);
		model.addAttribute("project", this.evidence.project(user, source.projectId()));
		model.addAttribute("linked", this.evidence.linkedPerson(user, id).orElse(null));
		model.addAttribute("q", q);
		model.addAttribute("people", q == null ? List.of() : this.evidence.findPeople(user, q));
		return "evidence/person";
	}

	@PostMapping("/sources/{id}/person")
	String linkPerson(@AuthenticationPrincipal BalconyUser user, @PathVariable long id, @RequestParam long personId,
			@RequestParam(defaultValue = "false") boolean fillAttributes, RedirectAttributes redirect) {
		this.evidence.linkPerson(user, id, personId, fillAttributes);
		redirect.addFlashAttribute("flash",
				fillAttributes ? "Linked, and empty attributes filled from their record." : "Linked to the person.");
		return "redirect:/evidence/sources/" + id;
	}

	@PostMapping("/sources/{id}/person/remove")
	String unlinkPerson(@AuthenticationPrincipal BalconyUser user, @PathVariable long id, RedirectAttributes redirect) {
		this.evidence.unlinkPerson(user, id);
		redirect.addFlashAttribute("flash", "The link to the person is removed; the attributes stay.");
		return "redirect:/evidence/sources/" + id;
	}

	@PostMapping("/redactions/{id}")
	@OnProblem("/evidence/sources/{sourceId}#redactions")
	String redaction(@AuthenticationPrincipal BalconyUser user, @PathVariable long id, @RequestParam boolean applied,
			@RequestParam long sourceId, RedirectAttributes redirect) {
		this.evidence.setRedactionApplied(user, id, applied);
		return "redirect:/evidence/sources/" + sourceId + "#redactions";
	}

	@PostMapping("/sources/{id}/confirm")
	String confirm(@AuthenticationPrincipal BalconyUser user, @PathVariable long id, RedirectAttributes redirect) {
		this.evidence.confirmRedaction(user, id);
		redirect.addFlashAttribute("flash", "Redaction confirmed. The source is ready to code.");
		return "redirect:/evidence/sources/" + id;
	}

	/**
	 * Codes a span: the exact selection when the browser sent one, otherwise each ticked
	 * sentence.
	 */
	@PostMapping("/sources/{id}/codings")
	String code(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@RequestParam(name = "codes", required = false) List<Long> codes,
			@RequestParam(required = false) Integer start, @RequestParam(required = false) Integer end,
			@RequestParam(name = "segments", required = false) List<Long> segments,
			@RequestParam(defaultValue = "false") boolean suggestions,
			@RequestParam(defaultValue = "false") boolean editedSuggestion,
			@RequestParam(required = false) Double suggestionScore, RedirectAttributes redirect) {
		String back = "redirect:/evidence/sources/" + id + (suggestions ? "?suggestions=true" : "");
		// A suggestion the analyst changed before applying is recorded as such.
		String origin = editedSuggestion ? "EDITED" : "MANUAL";
		Double score = editedSuggestion ? suggestionScore : null;
		try {
			if (codes == null || codes.isEmpty()) {
				throw new BadRequestException("codes: tick at least one code to apply");
			}
			int applied = 0;
			if (start != null && end != null && end > start) {
				this.evidence.code(user, id, codes, start, end, origin, score);
				applied = 1;
			}
			else if (segments != null && !segments.isEmpty()) {
				EvidenceViews.Source source = this.evidence.source(user, id, false);
				for (EvidenceViews.Segment s : source.segments()) {
					if (segments.contains(s.id())) {
						this.evidence.code(user, id, codes, s.start(), s.end(), origin, score);
						applied++;
					}
				}
			}
			if (applied == 0) {
				throw new BadRequestException("Select some text, or tick the sentences to code, first");
			}
			redirect.addFlashAttribute("flash", "Coded " + (applied == 1 ? "the passage" : applied + " sentences")
					+ " with " + codes.size() + (codes.size() == 1 ? " code." : " codes."));
		}
		catch (BadRequestException ex) {
			redirect.addFlashAttribute("problem", ex.getMessage());
		}
		return back;
	}

	@PostMapping("/codings/{id}/delete")
	String uncode(@AuthenticationPrincipal BalconyUser user, @PathVariable long id, @RequestParam long sourceId,
			RedirectAttributes redirect) {
		this.evidence.uncode(user, id);
		redirect.addFlashAttribute("flash", "Coding removed. Undo puts it back.");
		return "redirect:/evidence/sources/" + sourceId + "#codings";
	}

	@PostMapping("/sources/{id}/undo")
	String undo(@AuthenticationPrincipal BalconyUser user, @PathVariable long id, RedirectAttributes redirect) {
		redirect.addFlashAttribute("flash", this.evidence.undo(user, id) + ".");
		return "redirect:/evidence/sources/" + id;
	}

	@PostMapping("/segments/{segmentId}/suggestions/{codeId}/{decision:accept|reject}")
	String decide(@AuthenticationPrincipal BalconyUser user, @PathVariable long segmentId, @PathVariable long codeId,
			@PathVariable String decision, @RequestParam long sourceId, @RequestParam(required = false) Double score,
			RedirectAttributes redirect) {
		if (decision.equals("accept")) {
			this.analysis.accept(user, segmentId, codeId, score);
			redirect.addFlashAttribute("flash", "Suggestion accepted as your coding.");
		}
		else {
			this.analysis.reject(user, segmentId, codeId);
			redirect.addFlashAttribute("flash", "Suggestion rejected; Balcony learns from it.");
		}
		return "redirect:/evidence/sources/" + sourceId + "?suggestions=true#segment-" + segmentId;
	}

	// ---------------------------------------------------------------- analysis

	@GetMapping("/projects/{id}/agreement")
	String agreement(@AuthenticationPrincipal BalconyUser user, @PathVariable long id, Model model) {
		model.addAttribute("project", this.evidence.project(user, id));
		model.addAttribute("report", this.analysis.agreement(user, id));
		return "evidence/agreement";
	}

	@GetMapping("/projects/{id}/matrix")
	String matrix(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@RequestParam(defaultValue = "level") String attribute, Model model) {
		model.addAttribute("project", this.evidence.project(user, id));
		model.addAttribute("matrix", this.analysis.matrix(user, id, attribute));
		model.addAttribute("attributes", EvidenceService.ATTRIBUTES);
		model.addAttribute("cooccurrence", this.analysis.coOccurrence(user, id));
		return "evidence/matrix";
	}

	@GetMapping("/projects/{id}/speakers")
	String speakers(@AuthenticationPrincipal BalconyUser user, @PathVariable long id, Model model) {
		model.addAttribute("project", this.evidence.project(user, id));
		model.addAttribute("speakers", this.evidence.speakers(user, id));
		model.addAttribute("attributes", EvidenceService.ATTRIBUTES);
		return "evidence/speakers";
	}

	@PostMapping("/projects/{id}/speakers")
	String speaker(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@RequestParam Map<String, String> fields, RedirectAttributes redirect) {
		String speaker = fields.get("speaker");
		this.evidence.setSpeakerAttributes(user, id, speaker, fields);
		redirect.addFlashAttribute("flash", "Attributes of " + speaker + " saved.");
		return "redirect:/evidence/projects/" + id + "/speakers";
	}

	@GetMapping("/projects/{id}/tensions")
	String tensions(@AuthenticationPrincipal BalconyUser user, @PathVariable long id, Model model) {
		model.addAttribute("project", this.evidence.project(user, id));
		model.addAttribute("tensions", this.analysis.tensions(user, id, 0.3));
		return "evidence/tensions";
	}

	@GetMapping("/projects/{id}/codes/{codeId}")
	String code(@AuthenticationPrincipal BalconyUser user, @PathVariable long id, @PathVariable long codeId,
			Model model) {
		model.addAttribute("project", this.evidence.project(user, id));
		model.addAttribute("retrieval", this.analysis.retrieve(user, id, codeId, true));
		model.addAttribute("codeId", codeId);
		model.addAttribute("memos", this.evidence.memos(user, id, "CODE", codeId));
		return "evidence/code";
	}

}
