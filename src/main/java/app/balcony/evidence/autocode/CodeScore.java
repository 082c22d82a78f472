package app.balcony.evidence.autocode;

import java.util.List;

/**
 * One code's score for a segment (0..1; the scores of all codes of a codebook add up to
 * 1) and why: the cue words that matched, the closest definition or example, and, when
 * the code was lowered because the analyst rejected it on a clearly similar passage, that
 * passage ({@code loweredBy}, else null).
 */
public record CodeScore(String code, double score, List<String> matchedCues, String nearest, double nearestSimilarity,
		String loweredBy) {

}
