package app.balcony.evidence.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.balcony.evidence.EvidenceAnalysis;
import app.balcony.evidence.EvidenceService;
import app.balcony.evidence.EvidenceViews;
import app.balcony.evidence.QdaExchange;
import app.balcony.identity.BalconyUser;
import app.balcony.shared.BadRequestException;
import app.balcony.shared.NotFoundException;
import app.balcony.shared.TableExport;
import app.balcony.shared.web.Downloads;
import app.balcony.system.Views;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
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

	private final QdaExchange exchange;

	EvidenceApiController(EvidenceService evidence, EvidenceAnalysis analysis, QdaExchange exchange) {
		this.evidence = evidence;
		this.analysis = analysis;
		this.exchange = exchange;
	}

	record NewProject(String name, String description, String framework) {
	}

	record NewCode(String name, Long parentId, String definition, String colour) {
	}

	/**
	 * A coding; {@code editedSuggestion} when it comes from a suggestion the analyst
	 * changed (span or codes) before applying, with the suggestion's {@code score}.
	 */
	record NewCoding(List<Long> codes, int start, int end, boolean editedSuggestion, Double score) {
	}

	record RedactionChange(boolean applied) {
	}

	record Attributes(Map<String, String> attributes, Long personId) {
	}

	record Created(long id) {
	}

	record NewMemo(String targetType, Long targetId, String body) {
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
		this.evidence.setAttributes(user, id, body.attributes());
		if (body.personId() != null) {
			this.evidence.linkPerson(user, id, body.personId(), false);
		}
		return this.evidence.source(user, id, false);
	}

	record PersonLink(Long personId, boolean fillAttributes) {
	}

	@GetMapping("/sources/{id}/person")
	@Operation(summary = "Who a source is linked to in the system model (audited); 404 when it is not linked")
	Views.RosterEntry linkedPerson(@AuthenticationPrincipal BalconyUser user, @PathVariable long id) {
		return this.evidence.linkedPerson(user, id)
			.orElseThrow(() -> new NotFoundException("A person linked to source " + id));
	}

	@PutMapping("/sources/{id}/person")
	@Operation(summary = "Link a source to a person (audited); fillAttributes fills its empty case attributes "
			+ "(level, place, sector, role, staff group) from their record")
	EvidenceViews.Source linkPerson(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@RequestBody PersonLink body) {
		if (body.personId() == null) {
			throw new BadRequestException("personId: say which person (an id from /api/v1/people)");
		}
		this.evidence.linkPerson(user, id, body.personId(), body.fillAttributes());
		return this.evidence.source(user, id, false);
	}

	@DeleteMapping("/sources/{id}/person")
	@Operation(summary = "Remove a source's link to a person (audited); its attributes stay")
	ResponseEntity<Void> unlinkPerson(@AuthenticationPrincipal BalconyUser user, @PathVariable long id) {
		this.evidence.unlinkPerson(user, id);
		return ResponseEntity.noContent().build();
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
			.body(Map.of("ids", this.evidence.code(user, id, body.codes(), body.start(), body.end(),
					body.editedSuggestion() ? "EDITED" : "MANUAL", body.editedSuggestion() ? body.score() : null)));
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

	/** A speaker's case attributes as API clients send them. */
	record SpeakerAttributes(String speaker, Map<String, String> attributes) {
	}

	@GetMapping("/projects/{id}/speakers")
	List<EvidenceViews.Speaker> speakers(@AuthenticationPrincipal BalconyUser user, @PathVariable long id) {
		return this.evidence.speakers(user, id);
	}

	/** Sets every case attribute of one speaker (blank or missing ones are removed). */
	@PutMapping("/projects/{id}/speakers")
	EvidenceViews.Speaker speaker(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@RequestBody SpeakerAttributes body) {
		return this.evidence.setSpeakerAttributes(user, id, body.speaker(), body.attributes());
	}

	@GetMapping("/projects/{id}/matrix")
	EvidenceViews.Matrix matrix(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@RequestParam(defaultValue = "level") String attribute) {
		return this.analysis.matrix(user, id, attribute);
	}

	@GetMapping("/projects/{id}/cooccurrence")
	EvidenceViews.CoOccurrence coOccurrence(@AuthenticationPrincipal BalconyUser user, @PathVariable long id) {
		return this.analysis.coOccurrence(user, id);
	}

	@GetMapping("/projects/{id}/codes/{codeId}/segments")
	EvidenceViews.Retrieval retrieve(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@PathVariable long codeId, @RequestParam(defaultValue = "true") boolean withChildren) {
		return this.analysis.retrieve(user, id, codeId, withChildren);
	}

	@GetMapping("/projects/{id}/memos")
	List<EvidenceService.Memo> memos(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@RequestParam(required = false) String targetType, @RequestParam(required = false) Long targetId) {
		if (targetType != null && targetId == null) {
			throw new app.balcony.shared.BadRequestException("targetId: required with targetType");
		}
		return this.evidence.memos(user, id, targetType, targetId);
	}

	@PostMapping("/projects/{id}/memos")
	ResponseEntity<Created> addMemo(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@RequestBody NewMemo body) {
		String type = body.targetType() == null ? "PROJECT" : body.targetType();
		long target = body.targetId() == null ? id : body.targetId();
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(new Created(this.evidence.addMemo(user, id, type, target, body.body())));
	}

	/**
	 * Every coding with its source's attributes, plus frequencies and matrices: csv or
	 * xlsx.
	 */
	@GetMapping("/projects/{id}/export.{format:csv|xlsx}")
	ResponseEntity<byte[]> export(@AuthenticationPrincipal BalconyUser user, @PathVariable long id,
			@PathVariable String format) {
		List<TableExport.Table> tables = this.analysis.tables(user, id);
		boolean csv = format.equals("csv");
		return download("evidence-" + id + "-codings." + format, csv ? Downloads.CSV : Downloads.XLSX,
				csv ? TableExport.csv(tables.get(0)) : TableExport.xlsx(tables));
	}

	/** The codebook as REFI-QDA (.qdc). */
	@GetMapping("/projects/{id}/codebook.qdc")
	ResponseEntity<byte[]> exportCodebook(@AuthenticationPrincipal BalconyUser user, @PathVariable long id) {
		return download("codebook-" + id + ".qdc", MediaType.APPLICATION_XML, this.exchange.exportCodebook(user, id));
	}

	/** Adds the codes of a REFI-QDA codebook (.qdc) to the project. Multipart "files". */
	@PostMapping(path = "/projects/{id}/codebook", consumes = "multipart/form-data")
	ResponseEntity<Map<String, Integer>> importCodebook(@AuthenticationPrincipal BalconyUser user,
			@PathVariable long id, @RequestParam("files") MultipartFile file) throws IOException {
		int added = this.exchange.importCodebook(user, id, name(file, "codebook.qdc"), file.getBytes());
		return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("added", added));
	}

	/**
	 * The whole project as REFI-QDA (.qdpx), for NVivo, ATLAS.ti, MAXQDA or QualCoder.
	 */
	@GetMapping("/projects/{id}/project.qdpx")
	ResponseEntity<byte[]> exportProject(@AuthenticationPrincipal BalconyUser user, @PathVariable long id) {
		return download("project-" + id + ".qdpx", MediaType.APPLICATION_OCTET_STREAM,
				this.exchange.exportProject(user, id));
	}

	/**
	 * A new project from a REFI-QDA project (.qdpx). Multipart "file" and optional
	 * "name".
	 */
	@PostMapping(path = "/projects/import", consumes = "multipart/form-data")
	ResponseEntity<QdaExchange.ImportSummary> importProject(@AuthenticationPrincipal BalconyUser user,
			@RequestParam("files") MultipartFile file, @RequestParam(required = false) String name) throws IOException {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(this.exchange.importProject(user, name, name(file, "project.qdpx"), file.getBytes()));
	}

	private static String name(MultipartFile file, String fallback) {
		return file.getOriginalFilename() == null || file.getOriginalFilename().isBlank() ? fallback
				: file.getOriginalFilename();
	}

	private static ResponseEntity<byte[]> download(String fileName, MediaType type, byte[] body) {
		return Downloads.file(fileName, type, body);
	}

}
