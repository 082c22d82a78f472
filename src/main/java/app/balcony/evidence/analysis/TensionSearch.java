package app.balcony.evidence.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import app.balcony.evidence.EvidenceViews;
import app.balcony.evidence.EvidenceViews.Source;
import app.balcony.evidence.EvidenceViews.TensionPassage;
import app.balcony.evidence.autocode.AutoCoder;
import app.balcony.evidence.autocode.Codebook;
import app.balcony.evidence.autocode.OpposedStatements;
import app.balcony.evidence.autocode.Suggestion;
import app.balcony.evidence.autocode.Tension;
import app.balcony.evidence.autocode.TensionFinder;
import app.balcony.evidence.autocode.TextEmbedder;
import app.balcony.framework.BuiltInFrameworks;
import app.balcony.framework.Framework;

/**
 * The tension finder over a project's sources: speaker turns where someone holds two
 * poles at once (by the cues that fire in the turn), and pairs of statements by one
 * speaker that lean to opposite poles of a paradox. Reading the sources is the caller's.
 */
public final class TensionSearch {

	/** Who asks rather than answers: their statements are not paired. */
	private static final Pattern ASKERS = Pattern
		.compile("(?i)(interviewer|facilitator|moderator|researcher|chair)\\b.*");

	private TensionSearch() {
	}

	/**
	 * Speaker turns whose tension score is at least {@code minimum} (and above 0), with
	 * the cues that fired and the paradox they most resemble, in source and turn order.
	 */
	public static List<TensionPassage> turns(List<Source> sources, double minimum) {
		TensionFinder finder = new TensionFinder();
		List<TensionPassage> passages = new ArrayList<>();
		record Turn(long sourceId, String sourceName, long firstSegment, String speaker, String text) {
		}
		List<Turn> turns = new ArrayList<>();
		for (Source source : sources) {
			Map<Integer, List<EvidenceViews.Segment>> byTurn = new LinkedHashMap<>();
			source.segments().forEach(s -> byTurn.computeIfAbsent(s.turn(), k -> new ArrayList<>()).add(s));
			byTurn.values().forEach(segments -> {
				String text = source.content()
					.substring(segments.get(0).start(), segments.get(segments.size() - 1).end());
				turns.add(new Turn(source.id(), source.name(), segments.get(0).id(), segments.get(0).speaker(), text));
			});
		}
		List<Turn> flagged = new ArrayList<>();
		List<Tension> found = new ArrayList<>();
		for (Turn turn : turns) {
			var tension = finder.find(turn.text());
			if (tension.score() >= minimum && tension.score() > 0) {
				flagged.add(turn);
				found.add(tension);
			}
		}
		if (!flagged.isEmpty()) {
			Framework paradox = BuiltInFrameworks.find("paradox").orElseThrow();
			AutoCoder coder = new AutoCoder(Codebook.of(paradox), List.of());
			List<Suggestion> named = coder.suggestAll(flagged.stream().map(Turn::text).toList());
			for (int i = 0; i < flagged.size(); i++) {
				Turn t = flagged.get(i);
				passages.add(new TensionPassage(t.sourceId(), t.sourceName(), t.firstSegment(), t.speaker(), t.text(),
						found.get(i).score(), found.get(i).cues(), named.get(i).best().code(), "cues"));
			}
		}
		return passages;
	}

	/**
	 * Pairs of statements by one speaker in one source that lean to opposite poles of a
	 * paradox (see {@link OpposedStatements}) with a score of at least {@code minimum};
	 * interviewers' and facilitators' questions are left out.
	 */
	public static List<TensionPassage> opposedPairs(List<Source> sources, double minimum) {
		OpposedStatements finder = new OpposedStatements(TextEmbedder.shared(),
				Codebook.of(BuiltInFrameworks.find("paradox").orElseThrow()));
		List<TensionPassage> out = new ArrayList<>();
		for (Source source : sources) {
			List<OpposedStatements.Statement> statements = source.segments()
				.stream()
				.filter(s -> s.speaker() != null && !ASKERS.matcher(s.speaker()).matches())
				.map(s -> new OpposedStatements.Statement(s.id(), s.speaker(), s.text()))
				.toList();
			for (OpposedStatements.Pair pair : finder.find(statements)) {
				if (pair.score() >= minimum) {
					out.add(new TensionPassage(source.id(), source.name(), pair.first().id(), pair.first().speaker(),
							pair.first().text() + "\n…\n" + pair.second().text(), pair.score(),
							List.of(pair.firstPole(), pair.secondPole()), pair.code(), "pair"));
				}
			}
		}
		return out;
	}

}
