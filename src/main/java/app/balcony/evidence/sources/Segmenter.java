package app.balcony.evidence.sources;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into speaker turns ("Name:" at the start of a line; lines without one
 * continue the turn) and each turn into sentences. Offsets are exact UTF-16 positions in
 * the text, so codings keep their place through export and import.
 */
public final class Segmenter {

	/** A sentence of a turn: [start, end) in the text. */
	public record Segment(int start, int end, String speaker, int turn) {
	}

	private static final Pattern SPEAKER = Pattern.compile(
			"^[ \\t]*(\\[[A-Za-z ]+ \\d+\\]|[A-Z][\\p{L}.'\u2019-]*(?: [A-Z0-9\\[][\\p{L}0-9.'\u2019\\]-]*){0,3}|[A-Z]\\d{1,3})[ \\t]*:[ \\t]+");

	private Segmenter() {
	}

	public static List<Segment> segment(String text) {
		List<Segment> segments = new ArrayList<>();
		int turn = -1;
		String speaker = null;
		boolean paragraphBreak = true;
		int lineStart = 0;
		while (lineStart < text.length()) {
			int lineEnd = text.indexOf('\n', lineStart);
			if (lineEnd < 0) {
				lineEnd = text.length();
			}
			String line = text.substring(lineStart, lineEnd);
			int contentStart = lineStart;
			Matcher m = SPEAKER.matcher(line);
			if (m.find()) {
				speaker = m.group(1);
				turn++;
				contentStart = lineStart + m.end();
				paragraphBreak = false;
			}
			else if (line.isBlank()) {
				paragraphBreak = true;
			}
			else if (speaker == null && paragraphBreak) {
				// Without speakers, each paragraph is a turn.
				turn++;
				paragraphBreak = false;
			}
			if (!line.isBlank()) {
				sentences(text, contentStart, lineEnd, speaker, Math.max(turn, 0), segments);
			}
			lineStart = lineEnd + 1;
		}
		return segments;
	}

	private static void sentences(String text, int from, int to, String speaker, int turn, List<Segment> out) {
		BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.UK);
		String part = text.substring(from, to);
		sentences.setText(part);
		int start = sentences.first();
		for (int end = sentences.next(); end != BreakIterator.DONE; start = end, end = sentences.next()) {
			int s = start;
			int e = end;
			while (s < e && Character.isWhitespace(part.charAt(s))) {
				s++;
			}
			while (e > s && Character.isWhitespace(part.charAt(e - 1))) {
				e--;
			}
			if (e > s) {
				out.add(new Segment(from + s, from + e, speaker, turn));
			}
		}
	}

}
