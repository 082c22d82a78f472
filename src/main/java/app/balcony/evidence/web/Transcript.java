package app.balcony.evidence.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import app.balcony.evidence.EvidenceViews.Coding;
import app.balcony.evidence.EvidenceViews.Segment;
import app.balcony.evidence.EvidenceViews.SegmentSuggestions;
import app.balcony.evidence.EvidenceViews.Source;

/**
 * A source laid out for reading and coding: speaker turns, their sentences, and each
 * sentence cut into pieces at coding boundaries so coded text can be marked. The pieces
 * of a sentence join up to exactly its text, so the browser can turn a selection back
 * into offsets.
 */
public record Transcript(List<Turn> turns) {

	public record Piece(String text, List<Coding> codings) {

		public String colour() {
			return this.codings.isEmpty() ? null : this.codings.get(0).colour();
		}

		public String label() {
			return String.join(", ", new TreeSet<>(this.codings.stream().map(Coding::codeName).toList()));
		}

	}

	public record Line(Segment segment, int number, List<Piece> pieces, List<String> codeNames,
			SegmentSuggestions suggestions) {
	}

	public record Turn(String speaker, List<Line> lines) {
	}

	static Transcript of(Source source, List<SegmentSuggestions> suggestions) {
		Map<Long, SegmentSuggestions> bySegment = new HashMap<>();
		if (suggestions != null) {
			suggestions.forEach(s -> bySegment.put(s.segmentId(), s));
		}
		List<Turn> turns = new ArrayList<>();
		int number = 0;
		for (Segment segment : source.segments()) {
			// Consecutive turns of one speaker read as one block.
			if (turns.isEmpty()
					|| !java.util.Objects.equals(turns.get(turns.size() - 1).speaker(), segment.speaker())) {
				turns.add(new Turn(segment.speaker(), new ArrayList<>()));
			}
			List<Coding> touching = source.codings()
				.stream()
				.filter(c -> c.start() < segment.end() && c.end() > segment.start())
				.toList();
			TreeSet<Integer> cuts = new TreeSet<>(List.of(segment.start(), segment.end()));
			for (Coding c : touching) {
				cuts.add(Math.max(segment.start(), c.start()));
				cuts.add(Math.min(segment.end(), c.end()));
			}
			List<Piece> pieces = new ArrayList<>();
			Integer from = null;
			for (int cut : cuts) {
				if (from != null) {
					int a = from;
					List<Coding> covering = touching.stream().filter(c -> c.start() <= a && c.end() >= cut).toList();
					pieces.add(new Piece(source.content().substring(a, cut), covering));
				}
				from = cut;
			}
			List<String> names = new ArrayList<>(new TreeSet<>(touching.stream().map(Coding::codeName).toList()));
			turns.get(turns.size() - 1)
				.lines()
				.add(new Line(segment, ++number, pieces, names, bySegment.get(segment.id())));
		}
		return new Transcript(turns);
	}

}
