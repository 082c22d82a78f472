package app.balcony.evidence;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import app.balcony.evidence.EvidenceViews.Code;
import app.balcony.evidence.EvidenceViews.ImportResult;
import app.balcony.evidence.EvidenceViews.Project;
import app.balcony.evidence.EvidenceViews.Source;
import app.balcony.evidence.EvidenceViews.SourceSummary;
import app.balcony.evidence.coding.CodingStore;
import app.balcony.evidence.coding.ProjectStore;
import app.balcony.evidence.sources.PersonLinks;
import app.balcony.evidence.sources.Pseudonyms;
import app.balcony.evidence.sources.SourceFiles;
import app.balcony.evidence.sources.SourceImport;
import app.balcony.evidence.sources.SourceStore;
import app.balcony.framework.Framework;
import app.balcony.framework.FrameworkCatalog;
import app.balcony.identity.AuditLog;
import app.balcony.identity.BalconyUser;
import app.balcony.identity.Role;
import app.balcony.jobs.Progress;
import app.balcony.shared.BadRequestException;
import app.balcony.shared.NotFoundException;
import app.balcony.system.Views;
import app.balcony.system.directory.Attribute;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The evidence module's API: projects, their sources (imported, redacted, segmented),
 * codes, codings, cases and memos. It checks who may do what (only analysts and admins
 * work here; every read is scoped to the caller's tenant), audits, and leaves the work
 * and the SQL to {@code evidence.sources} and {@code evidence.coding}.
 */
@Service
public class EvidenceService {

	/** Case attributes a source can carry (all optional). */
	public static final List<String> ATTRIBUTES = java.util.stream.Stream
		.of(Attribute.LEVEL, Attribute.PLACE, Attribute.SECTOR, Attribute.ROLE, Attribute.STAFF_GROUP)
		.map(Attribute::key)
		.toList();

	/** The longest code name (MAXQDA writes whole category paths). */
	public static final int MAX_CODE_NAME = 1000;

	/**
	 * The most text one source may hold (about 300,000 words, far beyond any interview or
	 * workshop transcript); longer files are refused with their size, not cut.
	 */
	public static final int MAX_SOURCE_CHARS = SourceImport.MAX_SOURCE_CHARS;

	/** One uploaded file. */
	public record Upload(String name, byte[] bytes) {
	}

	/** A memo on a source, code, coding or the project. */
	public record Memo(long id, String targetType, long targetId, String author, String body, LocalDateTime at) {
	}

	private final ProjectStore projects;

	private final SourceStore sources;

	private final SourceImport imports;

	private final CodingStore codings;

	private final FrameworkCatalog frameworks;

	private final PersonLinks people;

	private final AuditLog audit;

	EvidenceService(ProjectStore projects, SourceStore sources, SourceImport imports, CodingStore codings,
			FrameworkCatalog frameworks, PersonLinks people, AuditLog audit) {
		this.projects = projects;
		this.sources = sources;
		this.imports = imports;
		this.codings = codings;
		this.frameworks = frameworks;
		this.people = people;
		this.audit = audit;
	}

	/**
	 * @throws AccessDeniedException unless the user is an analyst or admin
	 */
	public static void requireAnalyst(BalconyUser user) {
		if (user.role() != Role.ADMIN && user.role() != Role.ANALYST) {
			throw new AccessDeniedException("Evidence is for analysts and admins");
		}
	}

	@Transactional(readOnly = true)
	public boolean keepOriginals(long tenantId) {
		return this.sources.keepOriginals(tenantId);
	}

	@Transactional
	public void setKeepOriginals(BalconyUser user, boolean keep) {
		if (!user.isAdmin()) {
			throw new AccessDeniedException("Only admins change what is kept");
		}
		this.sources.setKeepOriginals(user.tenantId(), keep);
		this.audit.record(user.tenantId(), user.getUsername(), "EVIDENCE_KEEP_ORIGINALS", String.valueOf(keep), null);
	}

	@Transactional(readOnly = true)
	public List<Project> projects(BalconyUser user) {
		requireAnalyst(user);
		return this.projects.projects(user.tenantId());
	}

	@Transactional(readOnly = true)
	public Project project(BalconyUser user, long projectId) {
		return projects(user).stream()
			.filter(p -> p.id() == projectId)
			.findFirst()
			.orElseThrow(() -> new NotFoundException("No such project"));
	}

	/**
	 * A new project whose codebook starts as a copy of a framework's elements (or empty).
	 */
	@Transactional
	public long createProject(BalconyUser user, String name, String description, String frameworkKey) {
		requireAnalyst(user);
		if (name == null || name.isBlank()) {
			throw new BadRequestException("name: required");
		}
		if (this.projects.projectId(user.tenantId(), name.strip()).isPresent()) {
			throw new BadRequestException("name: a project called '" + name.strip() + "' already exists");
		}
		Framework framework = null;
		if (frameworkKey != null && !frameworkKey.isBlank()) {
			framework = this.frameworks.find(user.tenantId(), frameworkKey, null)
				.orElseThrow(() -> new BadRequestException("framework: unknown framework '" + frameworkKey + "'"));
		}
		long id = this.projects.create(user.tenantId(), user.getUsername(), name.strip(),
				description == null ? "" : description.strip(), framework);
		this.audit.record(user.tenantId(), user.getUsername(), "EVIDENCE_PROJECT_CREATED", "project " + id,
				name.strip());
		return id;
	}

	/** The analyst's own code (optionally under a parent). */
	@Transactional
	public long addCode(BalconyUser user, long projectId, String name, Long parentId, String definition,
			String colour) {
		project(user, projectId);
		if (name == null || name.isBlank()) {
			throw new BadRequestException("name: required");
		}
		if (name.strip().length() > MAX_CODE_NAME) {
			throw new BadRequestException(
					"name: at most " + MAX_CODE_NAME + " characters (this one has " + name.strip().length() + ")");
		}
		if (colour != null && !colour.isBlank() && !colour.matches("#[0-9a-fA-F]{6}")) {
			throw new BadRequestException("colour: use #rrggbb");
		}
		if (parentId != null && codes(user, projectId).stream().noneMatch(c -> c.id() == parentId)) {
			throw new BadRequestException("parent: not a code of this project");
		}
		return this.projects.addCode(user.tenantId(), projectId, name.strip(), parentId, definition, colour);
	}

	/** The project's codebook in tree order, with how often each code is used. */
	@Transactional(readOnly = true)
	public List<Code> codes(BalconyUser user, long projectId) {
		requireAnalyst(user);
		return this.projects.codes(user.tenantId(), projectId);
	}

	/**
	 * Imports files (a .zip is opened and its supported files imported) into a project.
	 * All or nothing: every file is read first, and one bad file stops the whole import.
	 * Each source is redacted at once and waits for the analyst's review.
	 */
	public ImportResult importSources(BalconyUser user, long projectId, List<Upload> uploads,
			Map<String, String> attributes, Progress progress) {
		project(user, projectId);
		return importNow(user.tenantId(), user.getUsername(), projectId, uploads, attributes, progress);
	}

	/**
	 * The import itself, for a caller already checked (the page, the API, or a background
	 * job run for the analyst who queued it); see {@link SourceImport}.
	 */
	public ImportResult importNow(long tenantId, String username, long projectId, List<Upload> uploads,
			Map<String, String> attributes, Progress progress) {
		return this.imports.importNow(tenantId, username, projectId, uploads, attributes, progress);
	}

	/** Undo or redo one redaction while the source is still in review. */
	@Transactional
	public void setRedactionApplied(BalconyUser user, long redactionId, boolean applied) {
		requireAnalyst(user);
		SourceStore.RedactionOf row = this.sources.redaction(user.tenantId(), redactionId)
			.orElseThrow(() -> new NotFoundException("No such redaction"));
		if (!"REVIEW".equals(row.state())) {
			throw new BadRequestException("Redaction of this source is confirmed; it can no longer be undone");
		}
		this.sources.setApplied(user.tenantId(), redactionId, row.sourceId(), applied);
		this.audit.record(user.tenantId(), user.getUsername(), applied ? "REDACTION_REDONE" : "REDACTION_UNDONE",
				"source " + row.sourceId(), "redaction " + redactionId);
	}

	/**
	 * Ends the review: the text is fixed for coding, and the original text and redacted
	 * values are discarded unless the tenant keeps originals.
	 */
	@Transactional
	public void confirmRedaction(BalconyUser user, long sourceId) {
		Source source = source(user, sourceId, false);
		if (!"REVIEW".equals(source.redactionState())) {
			return;
		}
		confirmNow(user.tenantId(), user.getUsername(), sourceId);
	}

	void confirmNow(long tenantId, String username, long sourceId) {
		this.imports.confirm(tenantId, username, sourceId);
	}

	/** Replaces a source's case attributes (blank ones are removed). */
	@Transactional
	public void setAttributes(BalconyUser user, long sourceId, Map<String, String> attributes) {
		source(user, sourceId, false);
		this.sources.setAttributes(user.tenantId(), sourceId, attributes);
	}

	/**
	 * Links a source to a person in the system model, when the analyst chooses to (a
	 * pseudonymised interview becomes identifiable again through the link, so it is
	 * audited). With {@code fillAttributes}, the source's empty case attributes are
	 * filled from the person's record today: level, place, sector, role (job title) and
	 * staff group.
	 * @throws BadRequestException for a person not in this ICS
	 */
	@Transactional
	public void linkPerson(BalconyUser user, long sourceId, long personId, boolean fillAttributes) {
		Source source = source(user, sourceId, false);
		Views.Profile profile = this.people.profile(user.tenantId(), personId)
			.orElseThrow(() -> new BadRequestException("personId: " + personId + " is not a person in this ICS"));
		Map<String, String> attributes = new TreeMap<>(source.attributes());
		if (fillAttributes) {
			this.people.attributes(user.tenantId(), profile).forEach(attributes::putIfAbsent);
		}
		this.sources.setPerson(user.tenantId(), sourceId, personId, attributes);
		this.audit.record(user.tenantId(), user.getUsername(), "EVIDENCE_SOURCE_LINKED", "source " + sourceId,
				"person " + personId + (fillAttributes ? ", attributes filled from their record" : ""));
	}

	/** Removes a source's link to a person (audited); its attributes stay. */
	@Transactional
	public void unlinkPerson(BalconyUser user, long sourceId) {
		Source source = source(user, sourceId, false);
		if (source.personId() == null) {
			return;
		}
		this.sources.setPerson(user.tenantId(), sourceId, null, source.attributes());
		this.audit.record(user.tenantId(), user.getUsername(), "EVIDENCE_SOURCE_UNLINKED", "source " + sourceId,
				"person " + source.personId());
	}

	/**
	 * Who a source is linked to, for the analyst choosing or checking the link (audited:
	 * it names the person behind a pseudonymised interview).
	 */
	@Transactional
	public Optional<Views.RosterEntry> linkedPerson(BalconyUser user, long sourceId) {
		Source source = source(user, sourceId, false);
		if (source.personId() == null) {
			return Optional.empty();
		}
		this.audit.record(user.tenantId(), user.getUsername(), "EVIDENCE_LINKED_PERSON_VIEWED", "source " + sourceId,
				"person " + source.personId());
		return this.people.rosterEntry(user.tenantId(), source.personId());
	}

	/**
	 * People of the ICS whose name, job title or organisation matches, to link a source
	 * to.
	 */
	@Transactional(readOnly = true)
	public List<Views.RosterEntry> findPeople(BalconyUser user, String query) {
		requireAnalyst(user);
		return this.people.find(user.tenantId(), query);
	}

	/**
	 * The project's speakers, by the name (pseudonym or label) their turns carry, with
	 * their case attributes.
	 */
	@Transactional(readOnly = true)
	public List<EvidenceViews.Speaker> speakers(BalconyUser user, long projectId) {
		project(user, projectId);
		return this.sources.speakers(user.tenantId(), projectId);
	}

	/**
	 * Records a speaker's case attributes (all of them: blank ones are removed).
	 * @throws BadRequestException without a speaker
	 * @throws NotFoundException for a speaker with no turns in the project
	 */
	@Transactional
	public EvidenceViews.Speaker setSpeakerAttributes(BalconyUser user, long projectId, String speaker,
			Map<String, String> attributes) {
		if (speaker == null || speaker.isBlank()) {
			throw new BadRequestException("speaker: say whose attributes these are (as their turns name them)");
		}
		if (speakers(user, projectId).stream().noneMatch(s -> s.name().equals(speaker))) {
			throw new NotFoundException("Speaker '" + speaker + "' in this project");
		}
		if (!this.sources.setSpeakerAttributes(user.tenantId(), projectId, speaker, attributes)) {
			// PostgreSQL has ended the transaction: say so rather than retry in it.
			throw new BadRequestException("Someone saved " + speaker
					+ "'s attributes at the same moment; look at them and save again if needed");
		}
		return speakers(user, projectId).stream().filter(s -> s.name().equals(speaker)).findFirst().orElseThrow();
	}

	@Transactional(readOnly = true)
	public List<SourceSummary> sources(BalconyUser user, long projectId) {
		project(user, projectId);
		return this.sources.sources(user.tenantId(), projectId);
	}

	/**
	 * A source with its segments, redactions and codings (the viewer's own, or every
	 * coder's when {@code allCoders}). Redacted values are shown only while in review or
	 * when originals are kept; showing them is audited.
	 */
	@Transactional
	public Source source(BalconyUser user, long sourceId, boolean allCoders) {
		requireAnalyst(user);
		Source source = this.sources.source(user.tenantId(), sourceId, allCoders ? null : user.getUsername());
		if (source.redactions().stream().anyMatch(r -> r.original() != null)) {
			this.audit.record(user.tenantId(), user.getUsername(), "EVIDENCE_ORIGINAL_VIEWED", "source " + sourceId,
					null);
		}
		return source;
	}

	/**
	 * Applies codes to a span of a confirmed source. Re-applying the same code to the
	 * same span is a no-op.
	 */
	@Transactional
	public List<Long> code(BalconyUser user, long sourceId, List<Long> codeIds, int start, int end, String origin,
			Double score) {
		Source source = source(user, sourceId, false);
		if (!"CONFIRMED".equals(source.redactionState())) {
			throw new BadRequestException("Confirm the redaction of '" + source.name() + "' before coding it");
		}
		if (start < 0 || end > source.content().length() || start >= end) {
			throw new BadRequestException(
					"span: " + start + ".." + end + " is not inside the text (0.." + source.content().length() + ")");
		}
		if (codeIds == null || codeIds.isEmpty()) {
			throw new BadRequestException("codes: choose at least one code");
		}
		Set<Long> valid = this.codings.codeIds(user.tenantId(), source.projectId());
		this.codings.lockSource(user.tenantId(), sourceId);
		List<Long> ids = new ArrayList<>();
		for (Long codeId : codeIds) {
			if (!valid.contains(codeId)) {
				throw new BadRequestException("codes: " + codeId + " is not a code of this project");
			}
			ids.add(this.codings.existing(user.tenantId(), sourceId, codeId, user.getUsername(), start, end)
				.orElseGet(() -> this.codings.insert(user.tenantId(), source.projectId(), sourceId, codeId,
						user.getUsername(), start, end, origin, score)));
		}
		return ids;
	}

	/** Removes one of the viewer's own codings (undoable). */
	@Transactional
	public void uncode(BalconyUser user, long codingId) {
		requireAnalyst(user);
		if (!this.codings.remove(user.tenantId(), codingId, user.getUsername())) {
			throw new NotFoundException("No such coding of yours");
		}
	}

	/** Undoes the viewer's last coding action on a source (a coding added or removed). */
	@Transactional
	public String undo(BalconyUser user, long sourceId) {
		source(user, sourceId, false);
		return this.codings.undo(user.tenantId(), sourceId, user.getUsername());
	}

	@Transactional
	public long addMemo(BalconyUser user, long projectId, String targetType, long targetId, String body) {
		project(user, projectId);
		if (body == null || body.isBlank()) {
			throw new BadRequestException("body: write something");
		}
		if (body.strip().length() > 8000) {
			throw new BadRequestException("body: keep a memo under 8,000 characters");
		}
		String table = switch (targetType == null ? "" : targetType) {
			case "SOURCE" -> "evidence_source";
			case "CODE" -> "evidence_code";
			case "CODING" -> "evidence_coding";
			case "PROJECT" -> "evidence_project";
			default -> throw new BadRequestException("targetType: use SOURCE, CODE, CODING or PROJECT");
		};
		boolean belongs = "PROJECT".equals(targetType) ? targetId == projectId
				: this.codings.belongs(user.tenantId(), table, targetId, projectId);
		if (!belongs) {
			throw new BadRequestException(
					"targetId: " + targetId + " is not a " + targetType.toLowerCase(Locale.ROOT) + " of this project");
		}
		return this.codings.insertMemo(user.tenantId(), projectId, targetType, targetId, user.getUsername(),
				body.strip());
	}

	@Transactional(readOnly = true)
	public List<Memo> memos(BalconyUser user, long projectId, String targetType, Long targetId) {
		project(user, projectId);
		return this.codings.memos(user.tenantId(), projectId, targetType, targetId);
	}

	/** Recorded speaker attributes of a project, by speaker. */
	Map<String, Map<String, String>> speakerAttributes(BalconyUser user, long projectId) {
		return this.sources.speakerAttributes(user.tenantId(), projectId);
	}

	/** The id of the tenant's project with this name, or null. */
	Long projectId(long tenantId, String name) {
		return this.projects.projectId(tenantId, name).orElse(null);
	}

	void auditExport(BalconyUser user, long projectId, int codings) {
		this.audit.record(user.tenantId(), user.getUsername(), "EVIDENCE_EXPORTED", "project " + projectId,
				codings + " codings as a table");
	}

	Framework projectFramework(long tenantId, Project project) {
		if (project.frameworkKey() == null) {
			return null;
		}
		return this.frameworks.find(tenantId, project.frameworkKey(), project.frameworkVersion()).orElse(null);
	}

	/**
	 * The attribute a column or variable name means (see
	 * {@link SourceFiles#attributeKey}).
	 */
	static String attributeKey(String name) {
		return SourceFiles.attributeKey(name);
	}

	/** HMAC-SHA256 of a value, in hex (see {@link Pseudonyms}). */
	static String hmac(byte[] key, String value) {
		return Pseudonyms.hmac(key, value);
	}

}
