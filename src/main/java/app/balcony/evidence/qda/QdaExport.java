package app.balcony.evidence.qda;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import app.balcony.evidence.EvidenceService.Memo;
import app.balcony.evidence.EvidenceViews.Code;
import app.balcony.evidence.EvidenceViews.Coding;
import app.balcony.evidence.EvidenceViews.Project;
import app.balcony.evidence.EvidenceViews.Source;
import app.balcony.evidence.EvidenceViews.SourceSummary;
import app.balcony.identity.AuditLog;
import app.balcony.identity.BalconyUser;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import app.balcony.evidence.EvidenceService;
import app.balcony.evidence.EvidenceViews;
import app.balcony.evidence.sources.SourceStore;
import static app.balcony.evidence.qda.QdaXml.*;

/**
 * Writing REFI-QDA: a project's codebook (.qdc) and the whole project (.qdpx) with its
 * sources, codings per coder, speakers' turns, cases and memos.
 */
@Service
public class QdaExport {

	private final EvidenceService evidence;

	private final SourceStore sources;

	private final AuditLog audit;

	QdaExport(EvidenceService evidence, SourceStore sources, AuditLog audit) {
		this.evidence = evidence;
		this.sources = sources;
		this.audit = audit;
	}

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
		Map<String, Map<String, String>> speakerAttributes = new TreeMap<>(
				this.sources.speakerAttributes(user.tenantId(), projectId));
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

	static String memoName(Memo memo) {
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
	record TurnSelection(String guid, String speaker, int start, int end) {
	}

	/** The turns of the given speakers in a source, each as one selection. */
	static List<TurnSelection> turns(Source source, java.util.Set<String> speakers) {
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

	static void writeVariableValues(XMLStreamWriter w, Map<String, String> values, Map<String, String> variables)
			throws XMLStreamException {
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

	static void writeSource(XMLStreamWriter w, Source source, String sourceGuid, Map<String, String> users,
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

}
