package app.balcony.evidence.qda;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.w3c.dom.Element;

import app.balcony.evidence.EvidenceViews.Code;
import app.balcony.evidence.EvidenceViews.Project;
import app.balcony.identity.AuditLog;
import app.balcony.identity.BalconyUser;
import app.balcony.shared.BadRequestException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import app.balcony.evidence.EvidenceService;
import app.balcony.evidence.EvidenceViews;
import app.balcony.evidence.coding.CodingStore;
import app.balcony.evidence.sources.Redactor;
import app.balcony.evidence.sources.SourceImport;
import app.balcony.evidence.sources.SourceStore;
import app.balcony.evidence.QdaExchange.ImportSummary;
import static app.balcony.evidence.qda.QdaXml.*;
import static app.balcony.evidence.qda.QdaRead.*;

/**
 * Importing REFI-QDA: codes into a project, or a whole project (.qdpx) from NVivo,
 * ATLAS.ti, MAXQDA, QualCoder or Balcony, read first ({@link QdaRead}) and then written
 * in one transaction (all or nothing).
 */
@Service
public class QdaImport {

	private final EvidenceService evidence;

	private final SourceImport imports;

	private final CodingStore codings;

	private final SourceStore sources;

	private final AuditLog audit;

	QdaImport(EvidenceService evidence, SourceImport imports, CodingStore codings, SourceStore sources,
			AuditLog audit) {
		this.evidence = evidence;
		this.imports = imports;
		this.codings = codings;
		this.sources = sources;
		this.audit = audit;
	}

	/**
	 * Adds the codes of a REFI-QDA codebook (.qdc, or the codebook inside a .qde/.qdpx)
	 * to a project. Codes already there (same name under the same parent) are kept, not
	 * duplicated. All or nothing.
	 */
	@Transactional
	public int importCodebook(BalconyUser user, long projectId, String fileName, byte[] bytes) {
		this.evidence.project(user, projectId);
		Element root = parse(fileName, bytes);
		Element codesElement = switch (root.getLocalName()) {
			case "CodeBook" -> child(root, "Codes");
			case "Project" -> child(child(root, "CodeBook"), "Codes");
			default -> null;
		};
		if (codesElement == null) {
			throw new BadRequestException(fileName + ": not a REFI-QDA codebook (no CodeBook/Codes element)");
		}
		List<CodeNode> tree = readCodes(fileName, codesElement);
		int added = addCodes(user, projectId, tree, null, new HashMap<>());
		this.audit.record(user.tenantId(), user.getUsername(), "EVIDENCE_CODEBOOK_IMPORTED", "project " + projectId,
				added + " codes from " + fileName);
		return added;
	}

	private int addCodes(BalconyUser user, long projectId, List<CodeNode> nodes, Long parentId,
			Map<String, Long> idsByGuid) {
		int added = 0;
		List<Code> existing = this.evidence.codes(user, projectId);
		for (CodeNode node : nodes) {
			Long id = existing.stream()
				.filter(c -> c.name().equalsIgnoreCase(node.name())
						&& (parentId == null ? c.parentId() == null : parentId.equals(c.parentId())))
				.map(Code::id)
				.findFirst()
				.orElse(null);
			if (id == null) {
				String definition = node.description().length() > 4000 ? node.description().substring(0, 4000)
						: node.description();
				id = this.evidence.addCode(user, projectId, node.name(), parentId, definition, node.colour());
				added++;
			}
			idsByGuid.put(node.guid(), id);
			added += addCodes(user, projectId, node.children(), id, idsByGuid);
		}
		return added;
	}

	/**
	 * Creates a new project from a REFI-QDA project (.qdpx) exported by NVivo, ATLAS.ti,
	 * MAXQDA, QualCoder or Balcony. Text sources come with their codings (kept per coder,
	 * marked as imported), case variables that match Balcony's attributes, and notes as
	 * memos. The text is redacted on the way in like any import, and coded spans are
	 * moved with the text; the source is then confirmed so coding can go on. All or
	 * nothing.
	 */
	@Transactional
	public ImportSummary importProject(BalconyUser user, String projectName, String fileName, byte[] bytes) {
		EvidenceService.requireAnalyst(user);
		Map<String, byte[]> entries = unzip(fileName, bytes);
		byte[] qde = entries.entrySet()
			.stream()
			.filter(e -> e.getKey().toLowerCase(Locale.ROOT).endsWith(".qde") && !e.getKey().contains("/"))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElseThrow(() -> new BadRequestException(fileName + ": no project.qde at the top of the archive"));
		Element root = parse(fileName + "/project.qde", qde);
		// Real tools write the namespace as the standard does (1.0), as 1:0 (NVivo for
		// Mac), or not at all.
		String ns = root.getNamespaceURI();
		boolean knownNamespace = ns == null || ns.isEmpty() || PROJECT_NS.equals(ns)
				|| "urn:QDA-XML:project:1:0".equals(ns);
		if (!"Project".equals(root.getLocalName()) || !knownNamespace) {
			throw new BadRequestException(fileName + ": project.qde is not a REFI-QDA project (" + PROJECT_NS + ")");
		}
		String name = projectName == null || projectName.isBlank() ? root.getAttribute("name").strip()
				: projectName.strip();
		if (name.isEmpty()) {
			name = fileName.replaceFirst("\\.[^.]+$", "");
		}
		List<String> notes = new ArrayList<>();
		Map<String, String> userNames = new HashMap<>();
		for (Element u : children(child(root, "Users"), "User")) {
			String n = u.getAttribute("name").isBlank() ? u.getAttribute("id") : u.getAttribute("name");
			userNames.put(u.getAttribute("guid"), n.isBlank() ? user.getUsername() : n.strip());
		}
		Map<String, String> variableNames = new HashMap<>();
		for (Element v : children(child(root, "Variables"), "Variable")) {
			variableNames.put(v.getAttribute("guid"),
					app.balcony.evidence.sources.SourceFiles.attributeKey(v.getAttribute("name")));
		}
		Map<String, Element> noteElements = new HashMap<>();
		for (Element note : children(child(root, "Notes"), "Note")) {
			noteElements.put(note.getAttribute("guid"), note);
		}
		// Read and check everything before writing anything.
		List<SourceIn> sourcesIn = readSources(fileName, root, entries, userNames, variableNames, notes);
		Element description = child(root, "Description");
		String about = description == null ? "Imported from " + fileName : description.getTextContent().strip();
		long projectId = this.evidence.createProject(user, name,
				about.length() > 4000 ? about.substring(0, 4000) : about, null);
		Element codebook = child(root, "CodeBook");
		Map<String, Long> codeIds = new HashMap<>();
		List<CodeNode> tree = codebook == null ? List.of() : readCodes(fileName, child(codebook, "Codes"));
		int codes = addCodes(user, projectId, tree, null, codeIds);
		Redactor redactor = this.imports.redactor(user.tenantId());
		Map<String, Map<String, String>> speakerAttributes = new TreeMap<>();
		int codings = 0;
		int redactions = 0;
		int memos = 0;
		for (SourceIn in : sourcesIn) {
			SourceStore.Added added = this.imports.addSource(user.tenantId(), user.getUsername(), projectId, in.name(),
					in.name() + ".txt", in.text(), in.attributes(), redactor);
			redactions += added.redactions().size();
			this.imports.confirm(user.tenantId(), user.getUsername(), added.id());
			speakerCases(user, in, added, speakerAttributes, notes);
			for (SelectionIn selection : in.selections()) {
				Long codeId = codeIds.get(selection.codeGuid());
				if (codeId == null) {
					throw new BadRequestException(fileName + ": source '" + in.name() + "' codes with "
							+ selection.codeGuid() + ", which is not in the codebook");
				}
				int start = shift(selection.start(), added, true);
				int end = shift(selection.end(), added, false);
				if (end <= start) {
					continue;
				}
				String coder = selection.coder() == null ? user.getUsername() : selection.coder();
				long codingId = this.codings.insert(user.tenantId(), projectId, added.id(), codeId,
						coder.length() > 120 ? coder.substring(0, 120) : coder, start, end, "IMPORT", null);
				codings++;
				if (selection.memo() != null && selection.first()) {
					memos += textMemo(user, projectId, "CODING", codingId, selection.memo());
				}
				for (String ref : selection.noteRefs()) {
					memos += memo(user.tenantId(), projectId, "CODING", codingId, noteElements.remove(ref), userNames,
							user, entries);
				}
			}
			for (String ref : in.noteRefs()) {
				memos += memo(user.tenantId(), projectId, "SOURCE", added.id(), noteElements.remove(ref), userNames,
						user, entries);
			}
			if (in.memo() != null) {
				memos += textMemo(user, projectId, "SOURCE", added.id(), in.memo());
			}
			if (!in.otherVariables().isEmpty()) {
				memos += textMemo(user, projectId, "SOURCE", added.id(),
						"Variables from " + fileName + ": " + String.join("; ", in.otherVariables()));
			}
			for (SelectionMemo m : in.selectionMemos()) {
				int start = shift(m.start(), added, true);
				int end = shift(m.end(), added, false);
				String quoted = end > start
						? "On “" + abbreviate(this.sources.text(user.tenantId(), added.id(), start, end)) + "” ("
								+ start + "–" + end + "): "
						: "";
				memos += textMemo(user, projectId, "SOURCE", added.id(), quoted + m.memo());
			}
		}
		for (Element kase : children(child(root, "Cases"), "Case")) {
			Element caseMemo = child(kase, "Description");
			if (caseMemo != null && !caseMemo.getTextContent().isBlank()) {
				memos += textMemo(user, projectId, "PROJECT", projectId,
						"Case '" + caseName(kase) + "': " + caseMemo.getTextContent().strip());
			}
		}
		List<Element> sets = children(child(root, "Sets"), "Set");
		if (!sets.isEmpty()) {
			StringBuilder listed = new StringBuilder("Sets from " + fileName + " (Balcony has no sets):");
			for (Element set : sets) {
				int members = children(set, "MemberSource").size() + children(set, "MemberCode").size()
						+ children(set, "MemberNote").size();
				listed.append("\n- ").append(set.getAttribute("name")).append(" (").append(members).append(" members)");
			}
			memos += textMemo(user, projectId, "PROJECT", projectId, listed.toString());
			notes.add(sets.size() + " sets were kept as a project memo listing them (Balcony has no sets)");
		}
		for (Map.Entry<String, Map<String, String>> speaker : speakerAttributes.entrySet()) {
			this.evidence.setSpeakerAttributes(user, projectId, speaker.getKey(), speaker.getValue());
		}
		for (CodeNode node : flatten(tree)) {
			for (String ref : node.noteRefs()) {
				memos += memo(user.tenantId(), projectId, "CODE", codeIds.get(node.guid()), noteElements.remove(ref),
						userNames, user, entries);
			}
		}
		for (String ref : refs(root, "NoteRef")) {
			memos += memo(user.tenantId(), projectId, "PROJECT", projectId, noteElements.remove(ref), userNames, user,
					entries);
		}
		// Notes not attached to anything become project memos, so nothing is lost.
		for (Element note : noteElements.values()) {
			memos += memo(user.tenantId(), projectId, "PROJECT", projectId, note, userNames, user, entries);
		}
		this.audit.record(user.tenantId(), user.getUsername(), "EVIDENCE_PROJECT_IMPORTED", "project " + projectId,
				fileName + ": " + sourcesIn.size() + " sources, " + codings + " codings");
		return new ImportSummary(projectId, codes, sourcesIn.size(), codings, memos, redactions, notes);
	}

	/**
	 * Gives a case's attributes to the speaker of the first turn its selection reaches
	 * (by the name the imported turn carries, so after redaction the pseudonym). A
	 * selection that is not in a speaker's turn, or a speaker given different values by
	 * two cases, is reported in the import notes.
	 */
	private void speakerCases(BalconyUser user, SourceIn in, SourceStore.Added added,
			Map<String, Map<String, String>> speakerAttributes, List<String> notes) {
		if (in.caseSpans().isEmpty()) {
			return;
		}
		List<EvidenceViews.Segment> segments = this.evidence.source(user, added.id(), false).segments();
		for (CaseSpan span : in.caseSpans()) {
			int start = shift(span.start(), added, true);
			int end = shift(span.end(), added, false);
			// The first turn the selection reaches (it may begin with the speaker's
			// label).
			String speaker = segments.stream()
				.filter(g -> g.speaker() != null && g.end() > start && g.start() < Math.max(end, start + 1))
				.map(EvidenceViews.Segment::speaker)
				.findFirst()
				.orElse(null);
			if (speaker == null) {
				notes.add("case '" + span.caseName() + "': a selection in source '" + in.name()
						+ "' is not a speaker's turn, so its attributes were not given to anyone there");
				continue;
			}
			Map<String, String> recorded = speakerAttributes.computeIfAbsent(speaker, k -> new TreeMap<>());
			span.attributes().forEach((key, value) -> {
				String before = recorded.put(key, value);
				if (before != null && !before.equals(value)) {
					notes.add("speaker " + speaker + ": " + key + " given as both '" + before + "' and '" + value
							+ "'; kept '" + value + "'");
				}
			});
		}
	}

	/** Maps an offset in the original text to the redacted text. */
	static int shift(int offset, SourceStore.Added added, boolean start) {
		int delta = 0;
		for (int i = 0; i < added.redactions().size(); i++) {
			Redactor.Found f = added.redactions().get(i);
			int replacement = added.pseudonyms().get(i).length();
			if (offset >= f.end()) {
				delta += replacement - (f.end() - f.start());
			}
			else if (offset > f.start()) {
				return f.start() + delta + (start ? 0 : replacement);
			}
		}
		return offset + delta;
	}

	private int textMemo(BalconyUser user, long projectId, String targetType, long targetId, String body) {
		String text = body.strip();
		this.codings.insertMemo(user.tenantId(), projectId, targetType, targetId, user.getUsername(),
				text.length() > 8000 ? text.substring(0, 8000) : text);
		return 1;
	}

	static String abbreviate(String text) {
		String one = text.replaceAll("\\s+", " ").strip();
		return one.length() > 120 ? one.substring(0, 119) + "…" : one;
	}

	private int memo(long tenantId, long projectId, String targetType, long targetId, Element note,
			Map<String, String> userNames, BalconyUser user, Map<String, byte[]> entries) {
		if (note == null) {
			return 0;
		}
		Element content = child(note, "PlainTextContent");
		String body = content == null ? null : content.getTextContent();
		if ((body == null || body.isBlank()) && !note.getAttribute("plainTextPath").isBlank()) {
			// A journal kept as a file of its own (QualCoder, NVivo).
			byte[] data = sourceFile(entries, note.getAttribute("plainTextPath"));
			if (data != null) {
				body = new String(data, StandardCharsets.UTF_8).replaceFirst("^\uFEFF", "");
			}
		}
		String name = note.getAttribute("name").strip();
		if (body != null && !body.isBlank() && !name.isEmpty() && !body.strip().startsWith(name)) {
			body = name + "\n\n" + body.strip();
		}
		if (body == null || body.isBlank()) {
			body = name;
		}
		if (body == null || body.isBlank()) {
			return 0;
		}
		String author = userNames.getOrDefault(note.getAttribute("creatingUser"), user.getUsername());
		this.codings.insertMemo(tenantId, projectId, targetType, targetId, author,
				body.strip().length() > 8000 ? body.strip().substring(0, 8000) : body.strip());
		return 1;
	}

}
