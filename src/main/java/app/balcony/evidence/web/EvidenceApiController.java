package app.balcony.evidence.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.balcony.evidence.EvidenceAnalysis;
import app.balcony.evidence.EvidenceService;
import app.balcony.evidence.EvidenceViews;
import app.balcony.identity.BalconyUser;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Evidence projects, sources, coding, suggestions and analysis, for analysts and admins.
 */
@RestController
@RequestMapping("/api/v1/evidence")
@PreAuthorize("hasAnyRole('ADMIN', 'ANALYST')")
class EvidenceApiController {

	private final EvidenceService evidence;

	private final EvidenceAnalysis analysis;

	EvidenceApiController(EvidenceService evidence, EvidenceAnalysis analysis) {
		this.evidence = evidence;
		this.analysis = analysis;
	}

	record NewProject(String name, String description, String framework) {
	}

	record NewCode(String name, Long parentId, String definition, String colour) {
	}

	record NewCoding(List<Long> codes, int start, int end) {
	}

	record RedactionChange(boolean applied) {
	}

	record Attributes(Map<String, String> attributes, Long personId) {
	}

	record Created(long id) {
	}

	@GetMapping("/projects")
	List<EvidenceViews.Project> projects(@AuthenticationPrincipal BalconyUser user) {
		return this.evidence.projects(user);
	}

	@PostMapping("/projects")
	ResponseEntity<EvidenceViews.Project> create(@AuthenticationPrincipal BalconyUser user,
			@RequestBody NewProject body) {
		long id = this.evidence.createProject(user, body.name(), body.description(), body.framework());
		return ResponseEntity.status(HttpStatus.CREATED).body(this.evidence.project(user, id));
	}

	@GetMapping("/projects/{id}")
	EvidenceViews.Project project(@AuthenticationPrincipal BalconyUser user, @PathVariable long id) {
		return this.evidence.project(user, id);
	}

	@GetMapping("/projects/{id}/codes")
	List<EvidenceViews.Code> codes(@AuthenticationPrincipal BalconyUser user, @PathVariable long id) {
		return this.evidence.codes(user, id);
	}

	@PostMapping("/projects/{id}/codes")
	ResponseEntity<Created> addCode(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@RequestBody NewCode body) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(new Created(
					this.evidence.addCode(user, id, body.name(), body.parentId(), body.definition(), body.colour())));
	}

	@GetMapping("/projects/{id}/sources")
	List<EvidenceViews.SourceSummary> sources(@AuthenticationPrincipal BalconyUser user, @PathVariable long id) {
		return this.evidence.sources(user, id);
	}

	/**
	 * Multipart: one or more "files" (.txt .md .docx .pdf .vtt .srt or .zip) and optional
	 * attributes.
	 */
	@PostMapping(path = "/projects/{id}/sources", consumes = "multipart/form-data")
	ResponseEntity<EvidenceViews.ImportResult> importSources(@AuthenticationPrincipal BalconyUser user,
			@PathVariable long id, @RequestParam("files") List<MultipartFile> files,
			@RequestParam Map<String, String> fields) throws IOException {
		List<EvidenceService.Upload> uploads = new ArrayList<>();
		for (MultipartFile file : files) {
			uploads.add(new EvidenceService.Upload(
					file.getOriginalFilename() == null ? "upload.txt" : file.getOriginalFilename(), file.getBytes()));
		}
		EvidenceViews.ImportResult result = this.evidence.importSources(user, id, uploads, new HashMap<>(fields), null);
		return ResponseEntity.status(result.applied() ? HttpStatus.CREATED : HttpStatus.UNPROCESSABLE_ENTITY)
			.body(result);
	}

	@GetMapping("/sources/{id}")
	EvidenceViews.Source source(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@RequestParam(defaultValue = "false") boolean allCoders) {
		return this.evidence.source(user, id, allCoders);
	}

	@PostMapping("/sources/{id}/attributes")
	EvidenceViews.Source attributes(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@RequestBody Attributes body) {
		this.evidence.setAttributes(user, id, body.attributes(), body.personId());
		return this.evidence.source(user, id, false);
	}

	@PostMapping("/redactions/{id}")
	ResponseEntity<Void> redaction(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@RequestBody RedactionChange body) {
		this.evidence.setRedactionApplied(user, id, body.applied());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/sources/{id}/confirm-redaction")
	EvidenceViews.Source confirm(@AuthenticationPrincipal BalconyUser user, @PathVariable long id) {
		this.evidence.confirmRedaction(user, id);
		return this.evidence.source(user, id, false);
	}

	@PostMapping("/sources/{id}/codings")
	ResponseEntity<Map<String, List<Long>>> code(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@RequestBody NewCoding body) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(Map.of("ids", this.evidence.code(user, id, body.codes(), body.start(), body.end(), "MANUAL", null)));
	}

	@DeleteMapping("/codings/{id}")
	ResponseEntity<Void> uncode(@AuthenticationPrincipal BalconyUser user, @PathVariable long id) {
		this.evidence.uncode(user, id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/sources/{id}/undo")
	Map<String, String> undo(@AuthenticationPrincipal BalconyUser user, @PathVariable long id) {
		return Map.of("message", this.evidence.undo(user, id));
	}

	@GetMapping("/sources/{id}/suggestions")
	List<EvidenceViews.SegmentSuggestions> suggestions(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@RequestParam(defaultValue = "3") int top) {
		return this.analysis.suggestions(user, id, Math.max(1, Math.min(top, 50)));
	}

	@PostMapping("/segments/{segmentId}/suggestions/{codeId}/accept")
	ResponseEntity<Created> accept(@AuthenticationPrincipal BalconyUser user, @PathVariable long segmentId,
			@PathVariable long codeId, @RequestParam(required = false) Double score) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(new Created(this.analysis.accept(user, segmentId, codeId, score)));
	}

	@PostMapping("/segments/{segmentId}/suggestions/{codeId}/reject")
	ResponseEntity<Void> reject(@AuthenticationPrincipal BalconyUser user, @PathVariable long segmentId,
			@PathVariable long codeId) {
		this.analysis.reject(user, segmentId, codeId);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/projects/{id}/tensions")
	List<EvidenceViews.TensionPassage> tensions(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@RequestParam(defaultValue = "0.3") double minimum) {
		return this.analysis.tensions(user, id, minimum);
	}

	@GetMapping("/projects/{id}/agreement")
	EvidenceViews.AgreementReport agreement(@AuthenticationPrincipal BalconyUser user, @PathVariable long id) {
		return this.analysis.agreement(user, id);
	}

	@GetMapping("/projects/{id}/matrix")
	EvidenceViews.Matrix matrix(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@RequestParam(defaultValue = "level") String attribute) {
		return this.analysis.matrix(user, id, attribute);
	}

}
