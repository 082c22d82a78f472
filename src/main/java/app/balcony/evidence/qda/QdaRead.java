package app.balcony.evidence.qda;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.w3c.dom.Element;

import app.balcony.evidence.EvidenceViews.Code;
import app.balcony.evidence.EvidenceViews.Coding;
import app.balcony.shared.BadRequestException;

import app.balcony.evidence.EvidenceService;
import static app.balcony.evidence.qda.QdaXml.*;

/**
 * Reading a REFI-QDA project or codebook into plain records, checking everything before
 * anything is written: codes (depth and number limited), text sources with their
 * selections (positions in code points, or UTF-16 units for NVivo), cases and variables.
 */
final class QdaRead {

	private QdaRead() {
	}

	record CodeNode(String guid, String name, String colour, String description, List<String> noteRefs,
			List<CodeNode> children) {
	}

	/** How deep a codebook may nest, and how many codes it may hold. */
	static final int MAX_CODE_DEPTH = 50;

	static final int MAX_CODES = 5_000;

	static List<CodeNode> readCodes(String fileName, Element codes) {
		int[] count = { 0 };
		return readCodes(fileName, codes, 1, count);
	}

	static List<CodeNode> readCodes(String fileName, Element codes, int depth, int[] count) {
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

	/** A coded selection; {@code memo} is the selection's own description, if any. */
	record SelectionIn(String codeGuid, String coder, int start, int end, List<String> noteRefs, String memo,
			boolean first) {
	}

	/** A selection with a memo but no code. */
	record SelectionMemo(int start, int end, String memo) {
	}

	/**
	 * A text source as read: its own memo, variables Balcony has no attribute for (as
	 * "name = value"), and selections that only carry a memo.
	 */
	record SourceIn(String name, String text, Map<String, String> attributes, List<SelectionIn> selections,
			List<String> noteRefs, List<CaseSpan> caseSpans, String memo, List<String> otherVariables,
			List<SelectionMemo> selectionMemos) {
	}

	/**
	 * A selection that a case points at: the case's attributes belong to whoever speaks
	 * there.
	 */
	record CaseSpan(String caseName, Map<String, String> attributes, int start, int end) {
	}

	static List<SourceIn> readSources(String fileName, Element root, Map<String, byte[]> entries,
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
	static boolean countsUnits(String text, List<Element> selections) {
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
	static int wholeCharacter(String text, int offset) {
		if (offset > 0 && offset < text.length() && Character.isLowSurrogate(text.charAt(offset))
				&& Character.isHighSurrogate(text.charAt(offset - 1))) {
			return offset - 1;
		}
		return offset;
	}

	static String caseName(Element kase) {
		return kase.getAttribute("name").isBlank() ? kase.getAttribute("guid") : kase.getAttribute("name").strip();
	}

	static Map<String, String> variableValues(Element owner, Map<String, String> variableNames) {
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

	static int position(String where, Element selection, String attribute, int length) {
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

	static byte[] sourceFile(Map<String, byte[]> entries, String path) {
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

	static List<CodeNode> flatten(List<CodeNode> nodes) {
		List<CodeNode> out = new ArrayList<>();
		for (CodeNode n : nodes) {
			out.add(n);
			out.addAll(flatten(n.children()));
		}
		return out;
	}

	/**
	 * Variables that are none of Balcony's attributes, as "name = value": kept as a memo
	 * on the source rather than dropped.
	 */
	static List<String> otherVariables(Element owner, Map<String, String> variableNames, Map<String, String> labels) {
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

}
