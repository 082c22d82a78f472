package app.balcony.evidence;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** What the evidence pages and API show. */
public final class EvidenceViews {

	private EvidenceViews() {
	}

	public record Project(long id, String name, String description, String frameworkKey, Integer frameworkVersion,
			long sources, long codings, String createdBy) {
	}

	public record Code(long id, String key, String name, Long parentId, String definition, String colour, int depth,
			long codings) {
	}

	/**
	 * A speaker of a project (by pseudonym or label): how many sentences and sources, and
	 * their case attributes.
	 */
	public record Speaker(String name, long segments, long sources, Map<String, String> attributes) {
	}

	public record SourceSummary(long id, String name, String format, String redactionState,
			Map<String, String> attributes, long segments, long codings, LocalDate importedOn) {
	}

	public record Segment(long id, int start, int end, String speaker, int turn, String text) {
	}

	public record Coding(long id, long codeId, String codeKey, String codeName, String colour, String coder, int start,
			int end, String origin, Double score, String text) {
	}

	public record Redaction(long id, String kind, String pseudonym, String original, boolean applied) {
	}

	/**
	 * A source; {@code personId} is the person in the system model it is linked to, when
	 * the analyst chose to link it (else null).
	 */
	public record Source(long id, long projectId, String projectName, String name, String format, String redactionState,
			Map<String, String> attributes, String content, List<Segment> segments, List<Coding> codings,
			List<Redaction> redactions, boolean originalKept, Long personId) {
	}

	public record ImportResult(boolean applied, List<String> errors, List<Long> sourceIds, int redactions) {
	}

	/**
	 * A suggested code; {@code loweredBy} is the passage, similar to this one, where the
	 * code was rejected, which lowered its score (null if none).
	 */
	public record CodeSuggestion(long codeId, String codeKey, String codeName, double score, List<String> cues,
			String nearest, boolean rejected, String loweredBy) {
	}

	public record SegmentSuggestions(long segmentId, String text, List<CodeSuggestion> codes, double tension,
			List<String> tensionCues, String paradox) {
	}

	public record TensionPassage(long sourceId, String sourceName, long segmentId, String speaker, String text,
			double score, List<String> cues, String paradox, String kind) {
	}

	public record CodeAgreement(String codeKey, String codeName, int units, double percent, double kappa,
			double alpha) {
	}

	public record Disagreement(long sourceId, String sourceName, long segmentId, String text, String codeName,
			List<String> codersWith, List<String> codersWithout) {
	}

	public record AgreementReport(List<String> coders, int units, List<CodeAgreement> codes, double overallPercent,
			double overallKappa, double overallAlpha, List<Disagreement> disagreements) {
	}

	public record Matrix(String attribute, List<String> columns, List<String> rows, long[][] counts) {
	}

	public record CoOccurrence(List<String> codes, long[][] counts) {
	}

	public record Retrieval(String codeName, String definition, List<RetrievedSegment> segments) {
	}

	public record RetrievedSegment(long sourceId, String sourceName, String coder, String before, String text,
			String after, String origin) {
	}

}
