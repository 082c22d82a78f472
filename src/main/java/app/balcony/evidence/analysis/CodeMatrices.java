package app.balcony.evidence.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import app.balcony.evidence.EvidenceViews;
import app.balcony.evidence.EvidenceViews.CoOccurrence;
import app.balcony.evidence.EvidenceViews.Code;
import app.balcony.evidence.EvidenceViews.Matrix;
import app.balcony.evidence.EvidenceViews.Source;
import app.balcony.evidence.EvidenceViews.SourceSummary;
import app.balcony.evidence.analysis.AnalysisStore.CodingPlace;

/**
 * Counts over a project's codings: the code-by-attribute matrix and code co-occurrence.
 * Reading the codebook, sources and codings is the caller's.
 */
public final class CodeMatrices {

	/** The column of passages whose case has no value for the attribute. */
	private static final String NOT_RECORDED = "(not recorded)";

	private CodeMatrices() {
	}

	/**
	 * How many coded passages each code has per value of a case attribute: the speaker's
	 * attribute when recorded, else the source's, else "(not recorded)".
	 * @param codes the project's codebook (the rows, in order)
	 * @param sources the project's sources, with their case attributes
	 * @param speakers recorded speaker attributes, by speaker
	 * @param codings every live coding of the project
	 */
	public static Matrix matrix(String attribute, List<Code> codes, List<SourceSummary> sources,
			Map<String, Map<String, String>> speakers, List<CodingPlace> codings) {
		Map<Long, String> valueBySource = new HashMap<>();
		sources.forEach(s -> valueBySource.put(s.id(), s.attributes().getOrDefault(attribute, NOT_RECORDED)));
		// A speaker's own attribute, when recorded, counts instead of the source's.
		Map<String, String> valueBySpeaker = new HashMap<>();
		speakers.forEach((speaker, attributes) -> {
			if (attributes.containsKey(attribute)) {
				valueBySpeaker.put(speaker, attributes.get(attribute));
			}
		});
		Map<Long, Map<String, Long>> counts = new HashMap<>();
		Set<String> values = new TreeSet<>();
		for (CodingPlace coding : codings) {
			String speaker = coding.speaker();
			String value = speaker != null && valueBySpeaker.containsKey(speaker) ? valueBySpeaker.get(speaker)
					: valueBySource.get(coding.sourceId());
			values.add(value);
			counts.computeIfAbsent(coding.codeId(), k -> new HashMap<>()).merge(value, 1L, Long::sum);
		}
		values.addAll(valueBySource.values());
		List<String> columns = new ArrayList<>(values);
		List<String> rows = codes.stream().map(Code::name).toList();
		long[][] cells = new long[codes.size()][columns.size()];
		for (int r = 0; r < codes.size(); r++) {
			Map<String, Long> row = counts.getOrDefault(codes.get(r).id(), Map.of());
			for (int c = 0; c < columns.size(); c++) {
				cells[r][c] = row.getOrDefault(columns.get(c), 0L);
			}
		}
		return new Matrix(attribute, columns, rows, cells);
	}

	/**
	 * Code co-occurrence: for each pair of codes, the number of segments that both codes
	 * touch (any coder). The diagonal holds the number of segments each code touches.
	 * @param codes the project's codebook (rows and columns, in order)
	 * @param sources the project's sources with every coder's codings
	 */
	public static CoOccurrence coOccurrence(List<Code> codes, List<Source> sources) {
		Map<Long, Integer> index = new HashMap<>();
		for (int i = 0; i < codes.size(); i++) {
			index.put(codes.get(i).id(), i);
		}
		long[][] counts = new long[codes.size()][codes.size()];
		for (Source source : sources) {
			for (EvidenceViews.Segment segment : source.segments()) {
				Set<Integer> touched = new TreeSet<>();
				for (EvidenceViews.Coding c : source.codings()) {
					if (c.start() < segment.end() && c.end() > segment.start()) {
						touched.add(index.get(c.codeId()));
					}
				}
				for (int a : touched) {
					for (int b : touched) {
						counts[a][b]++;
					}
				}
			}
		}
		return new CoOccurrence(codes.stream().map(Code::name).toList(), counts);
	}

}
