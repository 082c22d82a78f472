package app.balcony.evidence.autocode;

import java.util.List;

/**
 * How strongly a passage holds two poles at once (0..1), the cues that fired, and the
 * paradox it most resembles (null when the score is zero).
 */
public record Tension(double score, List<String> cues, String paradox) {

	public static final Tension NONE = new Tension(0, List.of(), null);

}
