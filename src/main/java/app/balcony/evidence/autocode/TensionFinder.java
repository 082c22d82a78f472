package app.balcony.evidence.autocode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds language that holds two poles at once, the cues researchers of paradox look for:
 * contrastive connectives ("but", "yet", "on the one hand ... on the other"), balancing
 * ("balance", "fine line", "trade-off") and "how can you ... and still ...". Each cue has
 * a weight; the score is {@code 1 - exp(-sum of weights)}, so one "but" scores about 0.2,
 * an explicit "on the one hand ... on the other" about 0.7, and several cues approach 1.
 * A plain "but" counts at most twice.
 */
public final class TensionFinder {

	private record Cue(String label, Pattern pattern, double weight, int maxCount) {
	}

	private static final List<Cue> CUES = List.of(
			cue("on the one hand ... on the other", "on the one hand\\b.*\\bon the other", 1.2, 1),
			cue("how can ... and still", "how (can|do|could|would) (you|we|i|they)\\b.{1,120}?\\b(and|while) still\\b",
					1.2, 1),
			cue("fine line", "\\bfine line\\b", 1.0, 1), cue("tightrope", "\\btightrope\\b", 1.0, 1),
			cue("balancing act", "\\bbalancing act\\b", 1.0, 1), cue("torn between", "\\btorn between\\b", 1.0, 1),
			cue("pulled in different directions",
					"\\bpull(ed|ing|s)? (us |me |you |them )?(in )?(two|different|opposite) (directions|ways)\\b", 1.0,
					1),
			cue("paradox", "\\bparadox(es|ical)?\\b", 1.0, 1),
			cue("contradiction", "\\bcontradict(ion|ions|ory|s)?\\b", 0.8, 1),
			cue("trade-off", "\\btrade[- ]?offs?\\b", 0.8, 1), cue("tension", "\\btensions?\\b", 0.8, 1),
			cue("dilemma", "\\bdilemmas?\\b", 0.8, 1), cue("catch-22", "\\bcatch[- ]22\\b", 0.8, 1),
			cue("double-edged", "\\bdouble[- ]edged\\b", 0.8, 1),
			cue("both ... and", "\\bboth\\b.{1,80}?\\band\\b.{1,80}?\\b(at the same time|simultaneously)\\b", 0.6, 1),
			cue("at the same time", "\\bat the same time\\b", 0.6, 1),
			cue("balance", "\\b(balance|balancing|rebalance)\\b", 0.6, 1),
			cue("on the other hand", "\\bon the other hand\\b", 0.6, 1),
			cue("juggle", "\\bjuggl(e|es|ed|ing)\\b", 0.5, 1),
			cue("competing", "\\b(competing|conflicting) (demands|priorities|pressures|goals|agendas|interests)\\b",
					0.6, 1),
			cue("yet", "(^|[,;.]\\s*|\\band\\s)yet\\b", 0.45, 2), cue("however", "\\bhowever\\b", 0.4, 2),
			cue("whereas", "\\bwhereas\\b", 0.4, 1), cue("although", "\\b(although|even though|though)\\b", 0.3, 2),
			cue("but", "\\bbut\\b", 0.25, 2), cue("while", "(^|[,;.]\\s*)while\\b", 0.25, 1));

	private static Cue cue(String label, String regex, double weight, int maxCount) {
		return new Cue(label, Pattern.compile(regex, Pattern.DOTALL), weight, maxCount);
	}

	/**
	 * The tension cues in this text and the score they add up to (no paradox attached).
	 */
	public Tension find(String text) {
		String lower = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
		double sum = 0;
		List<String> fired = new ArrayList<>();
		for (Cue cue : CUES) {
			Matcher matcher = cue.pattern().matcher(lower);
			int count = 0;
			while (count < cue.maxCount() && matcher.find()) {
				count++;
			}
			if (count > 0) {
				fired.add(cue.label());
				sum += cue.weight() * count;
			}
		}
		if (fired.isEmpty()) {
			return Tension.NONE;
		}
		double score = Math.round((1 - Math.exp(-sum)) * 1000) / 1000.0;
		return new Tension(score, List.copyOf(fired), null);
	}

}
