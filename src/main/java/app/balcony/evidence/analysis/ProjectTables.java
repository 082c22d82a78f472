package app.balcony.evidence.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import app.balcony.evidence.EvidenceViews;
import app.balcony.evidence.EvidenceViews.Code;
import app.balcony.evidence.EvidenceViews.Source;
import app.balcony.evidence.EvidenceViews.SourceSummary;
import app.balcony.shared.TableExport;

/**
 * A project's coded data as tables for CSV or XLSX: every coding with its source's and
 * its speaker's case attributes, the codebook with code frequencies, and counts as grids
 * (co-occurrence, code by attribute). Reading the project, the audit, and computing the
 * counts are the caller's.
 */
public final class ProjectTables {

	private ProjectTables() {
	}

	/**
	 * Every coding of the given sources, one row each: the source and its case
	 * attributes, the speaker and theirs, the coder, code, parent code, origin, span and
	 * text.
	 * @param attributes the case attributes, in column order
	 * @param codes the project's codebook
	 * @param speakers recorded speaker attributes, by speaker
	 * @param sources the project's sources with every coder's codings
	 */
	public static TableExport.Table codings(List<String> attributes, List<Code> codes,
			Map<String, Map<String, String>> speakers, List<Source> sources) {
		Map<Long, Code> byId = byId(codes);
		List<String> header = new ArrayList<>(List.of("source"));
		header.addAll(attributes);
		header.add("speaker");
		attributes.forEach(a -> header.add("speaker_" + a));
		header.addAll(List.of("coder", "code", "parent_code", "origin", "start", "end", "text"));
		List<List<Object>> rows = new ArrayList<>();
		for (Source source : sources) {
			for (EvidenceViews.Coding c : source.codings()) {
				List<Object> row = new ArrayList<>();
				row.add(source.name());
				attributes.forEach(a -> row.add(source.attributes().getOrDefault(a, "")));
				String speaker = source.segments()
					.stream()
					.filter(g -> g.start() <= c.start() && g.end() > c.start())
					.map(EvidenceViews.Segment::speaker)
					.filter(Objects::nonNull)
					.findFirst()
					.orElse("");
				Code code = byId.get(c.codeId());
				Code parent = code.parentId() == null ? null : byId.get(code.parentId());
				row.add(speaker);
				Map<String, String> own = speakers.getOrDefault(speaker, Map.of());
				attributes.forEach(a -> row.add(own.getOrDefault(a, "")));
				row.addAll(List.of(c.coder(), code.name(), parent == null ? "" : parent.name(), c.origin(), c.start(),
						c.end(), c.text()));
				rows.add(row);
			}
		}
		return new TableExport.Table("Codings", header, rows);
	}

	/** The codebook, one row per code, with how often each code is used. */
	public static TableExport.Table codes(List<Code> codes) {
		Map<Long, Code> byId = byId(codes);
		return new TableExport.Table("Codes", List.of("code", "key", "parent_code", "definition", "codings"),
				codes.stream()
					.map(c -> List.<Object>of(c.name(), c.key(),
							c.parentId() == null ? "" : byId.get(c.parentId()).name(), c.definition(), c.codings()))
					.toList());
	}

	/**
	 * The case attributes recorded for any speaker or source of the project, in order.
	 */
	public static Set<String> recorded(Map<String, Map<String, String>> speakers, List<SourceSummary> sources) {
		Set<String> recorded = new TreeSet<>();
		speakers.values().forEach(a -> recorded.addAll(a.keySet()));
		sources.forEach(s -> recorded.addAll(s.attributes().keySet()));
		return recorded;
	}

	/** Counts as a table: a row per code, a column per value. */
	public static TableExport.Table grid(String name, List<String> rows, List<String> columns, long[][] counts) {
		List<String> header = new ArrayList<>(List.of("code"));
		header.addAll(columns);
		List<List<Object>> out = new ArrayList<>();
		for (int r = 0; r < rows.size(); r++) {
			List<Object> row = new ArrayList<>(List.of(rows.get(r)));
			for (long n : counts[r]) {
				row.add(n);
			}
			out.add(row);
		}
		return new TableExport.Table(name, header, out);
	}

	private static Map<Long, Code> byId(List<Code> codes) {
		Map<Long, Code> byId = new HashMap<>();
		codes.forEach(c -> byId.put(c.id(), c));
		return byId;
	}

}
