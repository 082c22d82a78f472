package app.balcony.evidence;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import app.balcony.evidence.EvidenceService.Memo;
import app.balcony.evidence.EvidenceViews.Code;
import app.balcony.evidence.EvidenceViews.Coding;
import app.balcony.evidence.EvidenceViews.Project;
import app.balcony.evidence.EvidenceViews.Source;
import app.balcony.evidence.EvidenceViews.SourceSummary;
import app.balcony.identity.AuditLog;
import app.balcony.identity.BalconyUser;
import app.balcony.shared.BadRequestException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exchange with other qualitative analysis tools through the REFI-QDA standard: codebooks
 * ({@code .qdc}, namespace {@code urn:QDA-XML:codebook:1.0}) and whole projects
 * ({@code .qdpx}: a zip holding {@code project.qde} in {@code urn:QDA-XML:project:1.0}
 * and the source texts in a {@code sources/} folder).
 * <p>
 * Positions in REFI-QDA count Unicode characters (code points); Balcony keeps UTF-16
 * offsets, so every position is converted on the way out and back. Each coder's codings
 * become their own selections, so several coders survive a round trip. Case attributes
 * travel as text variables on each source; a speaker's attributes as a case holding that
 * speaker's turns (one uncoded selection per turn); memos as notes.
 */
@Service
public class QdaExchange {

	static final String CODEBOOK_NS = "urn:QDA-XML:codebook:1.0";

	static final String PROJECT_NS = "urn:QDA-XML:project:1.0";

	private final EvidenceService evidence;

	private final AuditLog audit;

	QdaExchange(EvidenceService evidence, AuditLog audit) {
		this.evidence = evidence;
		this.audit = audit;
	}

	/** What an import did. */
	public record ImportSummary(long projectId, int codes, int sources, int codings, int memos, int redactions,
			List<String> notes) {
	}

	// ---------------------------------------------------------------- export

	/** The project's codebook as a REFI-QDA .qdc document. */
	@Transactional(readOnly = true)
	public byte[] exportCodebook(BalconyUser user, long projectId) {
		this.evidence.project(user, projectId);
		List<Code> codes = this.evidence.codes(user, projectId);
		return xml(w -> {
			w.writeStartElement("CodeBook");
			w.writeDefaultNamespace(CODEBOOK_NS);
			w.writeAttribute("origin", "Balcony");
			w.writeStartElement("Codes");
			writeCodes(w, codes, null, Map.of(), Map.of());
			w.writeEndElement();
			w.writeEndElement();
		});
	}

	/**
	 * The whole project (codebook, coders, sources, codings, attributes, memos) as .qdpx.
	 */
	@Transactional
	public byte[] exportProject(BalconyUser user, long projectId) {
		Project project = this.evidence.project(user, projectId);
		List<Code> codes = this.evidence.codes(user, projectId);
		List<Source> sources = new ArrayList<>();
		for (SourceSummary summary : this.evidence.sources(user, projectId)) {
			sources.add(this.evidence.source(user, summary.id(), true));
		}
		List<Memo> memos = this.evidence.memos(user, projectId, null, null);
		Map<String, List<Memo>> memosByTarget = new HashMap<>();
		memos.forEach(
				m -> memosByTarget.computeIfAbsent(m.targetType() + ":" + m.targetId(), k -> new ArrayList<>()).add(m));
		Map<String, String> users = new TreeMap<>();
		users.put(user.getUsername(), guid("user", user.getUsername()));
		sources.forEach(s -> s.codings().forEach(c -> users.put(c.coder(), guid("user", c.coder()))));
		memos.forEach(m -> users.put(m.author(), guid("user", m.author())));
		Map<String, Map<String, String>> speakerAttributes = new TreeMap<>(this.evidence.speakerAttributes(projectId));
		speakerAttributes.values().removeIf(Map::isEmpty);
		Map<Long, List<TurnSelection>> turns = new HashMap<>();
		Map<String, List<String>> turnsBySpeaker = new TreeMap<>();
		for (Source source : sources) {
			List<TurnSelection> ofSource = turns(source, speakerAttributes.keySet());
			turns.put(source.id(), ofSource);
			ofSource.forEach(t -> turnsBySpeaker.computeIfAbsent(t.speaker(), k -> new ArrayList<>()).add(t.guid()));
		}
		speakerAttributes.keySet().retainAll(turnsBySpeaker.keySet());
		Map<String, String> variables = new LinkedHashMap<>();
		for (String attribute : EvidenceService.ATTRIBUTES) {
			if (sources.stream().anyMatch(s -> s.attributes().containsKey(attribute))
					|| speakerAttributes.values().stream().anyMatch(a -> a.containsKey(attribute))) {
				variables.put(attribute, guid("variable:" + projectId, attribute));
			}
		}
		String now = LocalDateTime.now(ZoneOffset.UTC).withNano(0).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) + "Z";
		Map<Long, String> sourceGuids = new HashMap<>();
		sources.forEach(s -> sourceGuids.put(s.id(), guid("source", s.id())));
		byte[] qde = xml(w -> {
			w.writeStartElement("Project");
			w.writeDefaultNamespace(PROJECT_NS);
			w.writeAttribute("name", project.name());
			w.writeAttribute("origin", "Balcony");
			w.writeAttribute("creatingUserGUID", users.get(user.getUsername()));
			w.writeAttribute("creationDateTime", now);
			w.writeStartElement("Users");
			for (Map.Entry<String, String> u : users.entrySet()) {
				w.writeEmptyElement("User");
				w.writeAttribute("guid", u.getValue());
				w.writeAttribute("name", u.getKey());
			}
			w.writeEndElement();
			if (!codes.isEmpty()) {
				w.writeStartElement("CodeBook");
				w.writeStartElement("Codes");
				writeCodes(w, codes, null, memosByTarget, users);
				w.writeEndElement();
				w.writeEndElement();
			}
			if (!variables.isEmpty()) {
				w.writeStartElement("Variables");
				for (Map.Entry<String, String> v : variables.entrySet()) {
					w.writeEmptyElement("Variable");
					w.writeAttribute("guid", v.getValue());
					w.writeAttribute("name", v.getKey());
					w.writeAttribute("typeOfVariable", "Text");
				}
				w.writeEndElement();
			}
			if (!speakerAttributes.isEmpty()) {
				// One case per speaker with attributes: its variables and its turns.
				w.writeStartElement("Cases");
				for (Map.Entry<String, Map<String, String>> speaker : speakerAttributes.entrySet()) {
					w.writeStartElement("Case");
					w.writeAttribute("guid", guid("speaker:" + projectId, speaker.getKey()));
					w.writeAttribute("name", speaker.getKey());
					writeVariableValues(w, speaker.getValue(), variables);
					for (String selection : turnsBySpeaker.get(speaker.getKey())) {
						w.writeEmptyElement("SelectionRef");
						w.writeAttribute("targetGUID", selection);
					}
					w.writeEndElement();
				}
				w.writeEndElement();
			}
			if (!sources.isEmpty()) {
				w.writeStartElement("Sources");
				for (Source source : sources) {
					writeSource(w, source, sourceGuids.get(source.id()), users, variables, memosByTarget,
							turns.get(source.id()));
				}
				w.writeEndElement();
			}
			if (!memos.isEmpty()) {
				w.writeStartElement("Notes");
				for (Memo memo : memos) {
					w.writeStartElement("Note");
					w.writeAttribute("guid", guid("memo", memo.id()));
					w.writeAttribute("name", memoName(memo));
					w.writeAttribute("creatingUser", users.get(memo.author()));
					w.writeAttribute("creationDateTime",
							memo.at().withNano(0).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
					element(w, "PlainTextContent", memo.body());
					w.writeEndElement();
				}
				w.writeEndElement();
			}
			if (project.description() != null && !project.description().isBlank()) {
				element(w, "Description", project.description());
			}
			for (Memo memo : memosByTarget.getOrDefault("PROJECT:" + projectId, List.of())) {
				w.writeEmptyElement("NoteRef");
				w.writeAttribute("targetGUID", guid("memo", memo.id()));
			}
			w.writeEndElement();
		});
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
			zip.putNextEntry(new ZipEntry("project.qde"));
			zip.write(qde);
			zip.closeEntry();
			for (Source source : sources) {
				zip.putNextEntry(new ZipEntry("sources/" + sourceGuids.get(source.id()) + ".txt"));
				zip.write(source.content().getBytes(StandardCharsets.UTF_8));
				zip.closeEntry();
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.audit.record(user.tenantId(), user.getUsername(), "EVIDENCE_EXPORTED", "project " + projectId,
				"REFI-QDA project, " + sources.size() + " sources");
		return bytes.toByteArray();
	}

	private static String memoName(Memo memo) {
		String first = memo.body().lines().findFirst().orElse("Memo");
		return first.length() > 60 ? first.substring(0, 57) + "…" : first;
	}

	private void writeCodes(XMLStreamWriter w, List<Code> codes, Long parent, Map<String, List<Memo>> memos,
			Map<String, String> users) throws XMLStreamException {
		for (Code code : codes) {
			if (parent == null ? code.parentId() != null : !parent.equals(code.parentId())) {
				continue;
			}
			w.writeStartElement("Code");
			w.writeAttribute("guid", guid("code", code.id()));
			w.writeAttribute("name", code.name());
			w.writeAttribute("isCodable", "true");
			w.writeAttribute("color", code.colour().toUpperCase(Locale.ROOT));
			if (code.definition() != null && !code.definition().isBlank()) {
				element(w, "Description", code.definition());
			}
			for (Memo memo : memos.getOrDefault("CODE:" + code.id(), List.of())) {
				w.writeEmptyElement("NoteRef");
				w.writeAttribute("targetGUID", guid("memo", memo.id()));
			}
			writeCodes(w, codes, code.id(), memos, users);
			w.writeEndElement();
		}
	}

	/** An uncoded selection covering one speaker turn, for the speaker's case. */
	private record TurnSelection(String guid, String speaker, int start, int end) {
	}

	/** The turns of the given speakers in a source, each as one selection. */
	private static List<TurnSelection> turns(Source source, java.util.Set<String> speakers) {
		Map<Integer, int[]> spans = new LinkedHashMap<>();
		Map<Integer, String> speakerOf = new HashMap<>();
		for (EvidenceViews.Segment segment : source.segments()) {
			if (segment.speaker() != null && speakers.contains(segment.speaker())) {
				spans.merge(segment.turn(), new int[] { segment.start(), segment.end() },
						(a, b) -> new int[] { Math.min(a[0], b[0]), Math.max(a[1], b[1]) });
				speakerOf.put(segment.turn(), segment.speaker());
			}
		}
		List<TurnSelection> out = new ArrayList<>();
		spans.forEach((turn, span) -> out
			.add(new TurnSelection(guid("turn", source.id() + "|" + turn), speakerOf.get(turn), span[0], span[1])));
		return out;
	}

	private static void writeVariableValues(XMLStreamWriter w, Map<String, String> values,
			Map<String, String> variables) throws XMLStreamException {
		for (Map.Entry<String, String> v : variables.entrySet()) {
			String value = values.get(v.getKey());
			if (value != null) {
				w.writeStartElement("VariableValue");
				w.writeEmptyElement("VariableRef");
				w.writeAttribute("targetGUID", v.getValue());
				element(w, "TextValue", value);
				w.writeEndElement();
			}
		}
	}

	private static void writeSource(XMLStreamWriter w, Source source, String sourceGuid, Map<String, String> users,
			Map<String, String> variables, Map<String, List<Memo>> memos, List<TurnSelection> turns)
			throws XMLStreamException {
		w.writeStartElement("TextSource");
		w.writeAttribute("guid", sourceGuid);
		w.writeAttribute("name", source.name());
		w.writeAttribute("plainTextPath", "internal://" + sourceGuid + ".txt");
		// One selection per coder and span, holding that coder's codes for the span.
		Map<String, List<Coding>> selections = new LinkedHashMap<>();
		for (Coding coding : source.codings()) {
			selections
				.computeIfAbsent(coding.coder() + "|" + coding.start() + "|" + coding.end(), k -> new ArrayList<>())
				.add(coding);
		}
		String content = source.content();
		for (List<Coding> selection : selections.values()) {
			Coding first = selection.get(0);
			w.writeStartElement("PlainTextSelection");
			w.writeAttribute("guid",
					guid("selection", first.coder() + "|" + source.id() + "|" + first.start() + "|" + first.end()));
			String text = first.text().replaceAll("\\s+", " ").strip();
			w.writeAttribute("name", text.length() > 60 ? text.substring(0, 57) + "…" : text);
			w.writeAttribute("startPosition", String.valueOf(content.codePointCount(0, first.start())));
			w.writeAttribute("endPosition", String.valueOf(content.codePointCount(0, first.end())));
			w.writeAttribute("creatingUser", users.get(first.coder()));
			for (Coding coding : selection) {
				w.writeStartElement("Coding");
				w.writeAttribute("guid", guid("coding", coding.id()));
				w.writeAttribute("creatingUser", users.get(coding.coder()));
				w.writeEmptyElement("CodeRef");
				w.writeAttribute("targetGUID", guid("code", coding.codeId()));
				for (Memo memo : memos.getOrDefault("CODING:" + coding.id(), List.of())) {
					w.writeEmptyElement("NoteRef");
					w.writeAttribute("targetGUID", guid("memo", memo.id()));
				}
				w.writeEndElement();
			}
			w.writeEndElement();
		}
		for (TurnSelection turn : turns) {
			w.writeEmptyElement("PlainTextSelection");
			w.writeAttribute("guid", turn.guid());
			w.writeAttribute("name", turn.speaker() + " (turn)");
			w.writeAttribute("startPosition", String.valueOf(content.codePointCount(0, turn.start())));
			w.writeAttribute("endPosition", String.valueOf(content.codePointCount(0, turn.end())));
		}
		for (Memo memo : memos.getOrDefault("SOURCE:" + source.id(), List.of())) {
			w.writeEmptyElement("NoteRef");
			w.writeAttribute("targetGUID", guid("memo", memo.id()));
		}
		writeVariableValues(w, source.attributes(), variables);
		w.writeEndElement();
	}

	private static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
		w.writeStartElement(name);
		w.writeCharacters(text);
		w.writeEndElement();
	}

	/**
	 * Stable identifiers, so that exporting the same project twice gives the same GUIDs.
	 */
	private static String guid(String kind, Object id) {
		return UUID.nameUUIDFromBytes(("balcony:" + kind + ":" + id).getBytes(StandardCharsets.UTF_8)).toString();
	}

	private interface XmlBody {

		void write(XMLStreamWriter writer) throws XMLStreamException;

	}

	private static byte[] xml(XmlBody body) {
		try {
			StringWriter out = new StringWriter();
			XMLStreamWriter w = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
			w.writeStartDocument("UTF-8", "1.0");
			body.write(w);
			w.writeEndDocument();
			w.close();
			return out.toString().getBytes(StandardCharsets.UTF_8);
		}
		catch (XMLStreamException ex) {
			throw new IllegalStateException(ex);
		}
	}

	// ---------------------------------------------------------------- import

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

	private record CodeNode(String guid, String name, String colour, String description, List<String> noteRefs,
			List<CodeNode> children) {
	}

	/** How deep a codebook may nest, and how many codes it may hold. */
	static final int MAX_CODE_DEPTH = 50;

	static final int MAX_CODES = 5_000;

	private static List<CodeNode> readCodes(String fileName, Element codes) {
		int[] count = { 0 };
		return readCodes(fileName, codes, 1, count);
	}

	private static List<CodeNode> readCodes(String fileName, Element codes, int depth, int[] count) {
		List<CodeNode> out = new ArrayList<>();
		List<Element> level = children(codes, "Code");
		if (!level.isEmpty() && depth > MAX_CODE_DEPTH) {
			throw new BadRequestException(fileName + ": codes nest more than " + MAX_CODE_DEPTH
					+ " levels deep (under '" + codes.getAttribute("name") + "'), more than Balcony accepts");
		}
		count[0] += level.size();
		if (count[0] > MAX_CODES) {
			throw new BadRequestException(
					fileName + ": the codebook has more than " + MAX_CODES + " codes, more than Balcony accepts");
		}
		for (Element code : level) {
			String name = code.getAttribute("name").strip();
			if (name.isEmpty()) {
				throw new BadRequestException(
						fileName + ": a Code has no name (guid " + code.getAttribute("guid") + ")");
			}
			String colour = code.getAttribute("color").strip();
			if (colour.matches("#[0-9a-fA-F]{3}")) {
				colour = "#" + colour.charAt(1) + colour.charAt(1) + colour.charAt(2) + colour.charAt(2)
						+ colour.charAt(3) + colour.charAt(3);
			}
			Element description = child(code, "Description");
			String about = description == null ? "" : description.getTextContent().strip();
			if ("false".equalsIgnoreCase(code.getAttribute("isCodable").strip())) {
				// Kept, not dropped: Balcony codes have no such flag, so the definition
				// says
				// it.
				about = "Category, not for coding (in the tool it came from)." + (about.isEmpty() ? "" : " " + about);
			}
			out.add(new CodeNode(code.getAttribute("guid"), name,
					colour.matches("#[0-9a-fA-F]{6}") ? colour.toLowerCase(Locale.ROOT) : null, about,
					refs(code, "NoteRef"), readCodes(fileName, code, depth + 1, count)));
		}
		return out;
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
			variableNames.put(v.getAttribute("guid"), EvidenceService.attributeKey(v.getAttribute("name")));
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
		Redactor redactor = this.evidence.redactor(user.tenantId());
		Map<String, Map<String, String>> speakerAttributes = new TreeMap<>();
		int codings = 0;
		int redactions = 0;
		int memos = 0;
		for (SourceIn in : sourcesIn) {
			EvidenceService.AddedSource added = this.evidence.addSource(user.tenantId(), user.getUsername(), projectId,
					in.name(), in.name() + ".txt", in.text(), in.attributes(), redactor);
			redactions += added.redactions().size();
			this.evidence.confirmNow(user.tenantId(), user.getUsername(), added.id());
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
				long codingId = this.evidence.insertCoding(user.tenantId(), projectId, added.id(), codeId,
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
				String quoted = end > start ? "On “" + abbreviate(this.evidence.sourceText(added.id(), start, end))
						+ "” (" + start + "–" + end + "): " : "";
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

	/** A coded selection; {@code memo} is the selection's own description, if any. */
	private record SelectionIn(String codeGuid, String coder, int start, int end, List<String> noteRefs, String memo,
			boolean first) {
	}

	/** A selection with a memo but no code. */
	private record SelectionMemo(int start, int end, String memo) {
	}

	/**
	 * A text source as read: its own memo, variables Balcony has no attribute for (as
	 * "name = value"), and selections that only carry a memo.
	 */
	private record SourceIn(String name, String text, Map<String, String> attributes, List<SelectionIn> selections,
			List<String> noteRefs, List<CaseSpan> caseSpans, String memo, List<String> otherVariables,
			List<SelectionMemo> selectionMemos) {
	}

	/**
	 * A selection that a case points at: the case's attributes belong to whoever speaks
	 * there.
	 */
	private record CaseSpan(String caseName, Map<String, String> attributes, int start, int end) {
	}

	private static List<SourceIn> readSources(String fileName, Element root, Map<String, byte[]> entries,
			Map<String, String> userNames, Map<String, String> variableNames, List<String> notes) {
		Element sources = child(root, "Sources");
		// The standard counts positions in characters (code points). NVivo (Windows 12.6,
		// Mac 12.7) counts UTF-16 units instead, so after an emoji or another character
		// outside the Basic Multilingual Plane every position would land too far on.
		String origin = root.getAttribute("origin");
		boolean utf16 = origin.toLowerCase(Locale.ROOT).contains("nvivo");
		int[] moved = { 0 };
		Map<String, Map<String, String>> caseAttributes = new HashMap<>();
		Map<String, Element> caseOfSelection = new HashMap<>();
		for (Element kase : children(child(root, "Cases"), "Case")) {
			Map<String, String> values = variableValues(kase, variableNames);
			for (String ref : refs(kase, "SourceRef")) {
				caseAttributes.computeIfAbsent(ref, k -> new TreeMap<>()).putAll(values);
			}
			for (String ref : refs(kase, "SelectionRef")) {
				caseOfSelection.put(ref, kase);
			}
		}
		Map<String, String> variableLabels = new HashMap<>();
		for (Element v : children(child(root, "Variables"), "Variable")) {
			variableLabels.put(v.getAttribute("guid"), v.getAttribute("name").strip());
		}
		List<SourceIn> out = new ArrayList<>();
		java.util.Set<String> names = new java.util.HashSet<>();
		int skipped = 0;
		for (Element source : sources == null ? List.<Element>of() : elements(sources)) {
			if (!"TextSource".equals(source.getLocalName())) {
				skipped++;
				continue;
			}
			String guid = source.getAttribute("guid");
			String name = source.getAttribute("name").isBlank() ? guid : source.getAttribute("name").strip();
			String where = fileName + ": source '" + name + "'";
			if (!names.add(name)) {
				// Two sources may share a name in other tools; here each needs its own.
				String base = name;
				for (int n = 2; !names.add(name); n++) {
					name = base + " (" + n + ")";
				}
				notes.add(where + ": another source has the same name, so this one is called '" + name + "'");
				where = fileName + ": source '" + name + "'";
			}
			String text;
			Element inline = child(source, "PlainTextContent");
			if (inline != null) {
				text = inline.getTextContent();
			}
			else {
				String path = source.getAttribute("plainTextPath");
				if (path.isBlank()) {
					throw new BadRequestException(where + ": no plainTextPath and no PlainTextContent");
				}
				byte[] data = sourceFile(entries, path);
				if (data == null) {
					throw new BadRequestException(where + ": " + path + " is not in the archive's sources folder");
				}
				try {
					// Strict: bytes that are not UTF-8 would become replacement
					// characters
					// and move every later position.
					text = app.balcony.shared.Utf8.decode(data);
				}
				catch (app.balcony.shared.Utf8.Invalid ex) {
					throw new BadRequestException(where + ": " + path + ", " + ex.getMessage());
				}
			}
			if (text.isBlank()) {
				throw new BadRequestException(where + ": the text is empty");
			}
			boolean units = utf16 || countsUnits(text, children(source, "PlainTextSelection"));
			int length = units ? text.length() : text.codePointCount(0, text.length());
			List<SelectionIn> selections = new ArrayList<>();
			List<SelectionMemo> selectionMemos = new ArrayList<>();
			List<CaseSpan> caseSpans = new ArrayList<>();
			for (Element selection : children(source, "PlainTextSelection")) {
				int start = position(where, selection, "startPosition", length);
				int end = position(where, selection, "endPosition", length);
				if (end < start) {
					throw new BadRequestException(where + ": selection " + selection.getAttribute("guid") + " ends ("
							+ end + ") before it starts (" + start + ")");
				}
				int from = units ? wholeCharacter(text, start) : text.offsetByCodePoints(0, start);
				int to = units ? wholeCharacter(text, end) : text.offsetByCodePoints(0, end);
				if (units && (from != text.offsetByCodePoints(0, Math.min(start, text.codePointCount(0, text.length())))
						|| to != text.offsetByCodePoints(0, Math.min(end, text.codePointCount(0, text.length()))))) {
					moved[0]++;
				}
				Element kase = caseOfSelection.remove(selection.getAttribute("guid"));
				if (kase != null) {
					caseSpans.add(new CaseSpan(caseName(kase), variableValues(kase, variableNames), from, to));
				}
				String selectionUser = userNames.getOrDefault(selection.getAttribute("creatingUser"), null);
				Element selectionDescription = child(selection, "Description");
				String selectionMemo = selectionDescription == null || selectionDescription.getTextContent().isBlank()
						? null : selectionDescription.getTextContent().strip();
				if (selectionMemo != null && children(selection, "Coding").isEmpty()) {
					selectionMemos.add(new SelectionMemo(from, to, selectionMemo));
				}
				boolean firstCoding = true;
				for (Element coding : children(selection, "Coding")) {
					Element ref = child(coding, "CodeRef");
					if (ref == null) {
						throw new BadRequestException(where + ": a Coding has no CodeRef");
					}
					String coder = userNames.getOrDefault(coding.getAttribute("creatingUser"), selectionUser);
					List<String> noteRefs = new ArrayList<>(refs(coding, "NoteRef"));
					noteRefs.addAll(refs(selection, "NoteRef"));
					selections.add(new SelectionIn(ref.getAttribute("targetGUID"), coder, from, to, noteRefs,
							selectionMemo, firstCoding));
					firstCoding = false;
				}
			}
			if (!children(source, "Coding").isEmpty()) {
				notes.add(where + ": codings of the whole source were not imported (code a span instead)");
			}
			Map<String, String> attributes = new TreeMap<>(caseAttributes.getOrDefault(guid, Map.of()));
			attributes.putAll(variableValues(source, variableNames));
			Element sourceDescription = child(source, "Description");
			String sourceMemo = sourceDescription == null || sourceDescription.getTextContent().isBlank() ? null
					: sourceDescription.getTextContent().strip();
			out.add(new SourceIn(name, text, attributes, selections, refs(source, "NoteRef"), caseSpans, sourceMemo,
					otherVariables(source, variableNames, variableLabels), selectionMemos));
		}
		if (moved[0] > 0) {
			notes.add("positions were counted in UTF-16 units" + (utf16 ? ", as " + origin + " writes them," : "")
					+ " not in characters as the standard says; converted, which kept " + moved[0]
					+ " selections after emoji and similar characters in place");
		}
		// Cases that point at selections in no text source (a picture's, or missing).
		new TreeMap<>(caseOfSelection).forEach((ref, kase) -> notes.add("case '" + caseName(kase) + "': selection "
				+ ref + " is not in any text source, so nobody there got its attributes"));
		if (skipped > 0) {
			notes.add(skipped + " picture, PDF, audio or video sources were left out (Balcony codes text)");
		}
		return out;
	}

	/**
	 * Whether a file that does not say where it comes from counts positions in UTF-16
	 * units: some position lies beyond the text counted in characters but within it
	 * counted in units.
	 */
	private static boolean countsUnits(String text, List<Element> selections) {
		int characters = text.codePointCount(0, text.length());
		if (characters == text.length()) {
			return false;
		}
		for (Element selection : selections) {
			for (String attribute : List.of("startPosition", "endPosition")) {
				try {
					int value = Integer.parseInt(selection.getAttribute(attribute).strip());
					if (value > characters && value <= text.length()) {
						return true;
					}
				}
				catch (NumberFormatException ex) {
					// Reported when the position is read.
				}
			}
		}
		return false;
	}

	/** A UTF-16 offset moved off the middle of a surrogate pair. */
	private static int wholeCharacter(String text, int offset) {
		if (offset > 0 && offset < text.length() && Character.isLowSurrogate(text.charAt(offset))
				&& Character.isHighSurrogate(text.charAt(offset - 1))) {
			return offset - 1;
		}
		return offset;
	}

	/**
	 * Variables that are none of Balcony's attributes, as "name = value": kept as a memo
	 * on the source rather than dropped.
	 */
	private static List<String> otherVariables(Element owner, Map<String, String> variableNames,
			Map<String, String> labels) {
		List<String> out = new ArrayList<>();
		for (Element value : children(owner, "VariableValue")) {
			Element ref = child(value, "VariableRef");
			String guid = ref == null ? null : ref.getAttribute("targetGUID");
			String key = guid == null ? null : variableNames.get(guid);
			if (key != null && EvidenceService.ATTRIBUTES.contains(key)) {
				continue;
			}
			for (Element v : elements(value)) {
				if (!"VariableRef".equals(v.getLocalName()) && !v.getTextContent().isBlank()) {
					out.add(labels.getOrDefault(guid, guid) + " = " + v.getTextContent().strip());
				}
			}
		}
		return out;
	}

	private static String caseName(Element kase) {
		return kase.getAttribute("name").isBlank() ? kase.getAttribute("guid") : kase.getAttribute("name").strip();
	}

	private static Map<String, String> variableValues(Element owner, Map<String, String> variableNames) {
		Map<String, String> values = new TreeMap<>();
		for (Element value : children(owner, "VariableValue")) {
			Element ref = child(value, "VariableRef");
			String key = ref == null ? null : variableNames.get(ref.getAttribute("targetGUID"));
			if (key == null || !EvidenceService.ATTRIBUTES.contains(key)) {
				continue;
			}
			for (Element v : elements(value)) {
				if (!"VariableRef".equals(v.getLocalName()) && !v.getTextContent().isBlank()) {
					values.put(key, v.getTextContent().strip());
				}
			}
		}
		return values;
	}

	private static int position(String where, Element selection, String attribute, int length) {
		String raw = selection.getAttribute(attribute);
		try {
			int value = Integer.parseInt(raw.strip());
			if (value < 0 || value > length) {
				throw new BadRequestException(where + ": selection " + selection.getAttribute("guid") + " has "
						+ attribute + "=" + value + ", outside the text (0.." + length + " characters)");
			}
			return value;
		}
		catch (NumberFormatException ex) {
			throw new BadRequestException(where + ": selection " + selection.getAttribute("guid") + " has " + attribute
					+ "='" + raw + "', not a whole number");
		}
	}

	private static byte[] sourceFile(Map<String, byte[]> entries, String path) {
		String file = path.replaceFirst("^(internal|relative|absolute)://", "");
		file = file.substring(file.lastIndexOf('/') + 1);
		for (Map.Entry<String, byte[]> e : entries.entrySet()) {
			String key = e.getKey();
			if (key.equalsIgnoreCase("sources/" + file)) {
				return e.getValue();
			}
		}
		return null;
	}

	/**
	 * Gives a case's attributes to the speaker of the first turn its selection reaches
	 * (by the name the imported turn carries, so after redaction the pseudonym). A
	 * selection that is not in a speaker's turn, or a speaker given different values by
	 * two cases, is reported in the import notes.
	 */
	private void speakerCases(BalconyUser user, SourceIn in, EvidenceService.AddedSource added,
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
	private static int shift(int offset, EvidenceService.AddedSource added, boolean start) {
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
		this.evidence.insertMemo(user.tenantId(), projectId, targetType, targetId, user.getUsername(),
				text.length() > 8000 ? text.substring(0, 8000) : text);
		return 1;
	}

	private static String abbreviate(String text) {
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
		this.evidence.insertMemo(tenantId, projectId, targetType, targetId, author,
				body.strip().length() > 8000 ? body.strip().substring(0, 8000) : body.strip());
		return 1;
	}

	private static List<CodeNode> flatten(List<CodeNode> nodes) {
		List<CodeNode> out = new ArrayList<>();
		for (CodeNode n : nodes) {
			out.add(n);
			out.addAll(flatten(n.children()));
		}
		return out;
	}

	// ---------------------------------------------------------------- XML and zip
	// helpers

	private static Map<String, byte[]> unzip(String fileName, byte[] bytes) {
		Map<String, byte[]> entries = app.balcony.shared.SafeZip.read(fileName, bytes, name -> true);
		if (entries.isEmpty()) {
			throw new BadRequestException(fileName + ": not a .qdpx file (an empty or unreadable zip)");
		}
		return entries;
	}

	/** Parses XML with DTDs and external entities refused. */
	static Element parse(String fileName, byte[] bytes) {
		try {
			return app.balcony.shared.SafeXml.parse(bytes).getDocumentElement();
		}
		catch (SAXException ex) {
			throw new BadRequestException(fileName + ": not well-formed XML (" + ex.getMessage() + ")");
		}
		catch (IOException ex) {
			throw new BadRequestException(fileName + ": could not be read (" + ex.getMessage() + ")");
		}
	}

	private static List<Element> elements(Element parent) {
		List<Element> out = new ArrayList<>();
		if (parent == null) {
			return out;
		}
		for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
			if (n instanceof Element e) {
				out.add(e);
			}
		}
		return out;
	}

	private static List<Element> children(Element parent, String localName) {
		return elements(parent).stream().filter(e -> localName.equals(e.getLocalName())).toList();
	}

	private static Element child(Element parent, String localName) {
		List<Element> found = children(parent, localName);
		return found.isEmpty() ? null : found.get(0);
	}

	private static List<String> refs(Element parent, String localName) {
		return children(parent, localName).stream().map(e -> e.getAttribute("targetGUID")).toList();
	}

}
