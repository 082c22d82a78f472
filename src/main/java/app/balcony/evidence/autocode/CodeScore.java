package app.balcony.evidence.autocode;

import java.util.List;

/**
 * One code's score for a segment (0..1; the scores of all codes of a codebook add up to
 * 1) and why: the cue words that matched and the closest definition or example.
 */
public record CodeScore(String code, double score, List<String> matchedCues, String nearest, double nearestSimilarity) {

}
