package app.balcony.evidence.autocode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds pairs of statements by the same speaker in one source that lean to opposite poles
 * of the same two-pole code (for the paradoxes: one system identity against distinct
 * identities, the big story against the small story, and so on), even when no contrastive
 * word joins them.
 * <p>
 * Method: each statement and each pole description is embedded; a statement's
 * <em>relevance</em> to a code is its larger similarity to the two poles and its
 * <em>lean</em> the difference between them. A statement takes a side when its relevance
 * is at least {@link #MIN_RELEVANCE} and its lean at least {@link #MIN_LEAN}; a pair is
 * two statements of one speaker taking opposite sides of one code. Its score (0..1) grows
 * with the weaker statement's relevance and lean. Only the strongest pair per speaker and
 * code is kept. Cost: one embedding per statement, then O(statements² × codes)
 * comparisons within a speaker.
 */
public final class OpposedStatements {

	/** Similarity to a pole below which a statement is not about that code. */
	public static final double MIN_RELEVANCE = 0.30;

	/** How much closer to one pole than the other a statement must be to take a side. */
	public static final double MIN_LEAN = 0.08;

	private final TextEmbedder embedder;

	private final List<Codebook.Code> codes;

	private final List<float[][]> poles = new ArrayList<>();

	/** A statement: an id the caller knows it by, who said it, and what they said. */
	public record Statement(long id, String speaker, String text) {
	}

	/** Two statements leaning to opposite poles of a code. */
	public record Pair(Statement first, Statement second, String code, String firstPole, String secondPole,
			double score) {
	}

	/** Uses the codes of the codebook that have exactly two poles. */
	public OpposedStatements(TextEmbedder embedder, Codebook codebook) {
		this.embedder = embedder;
		this.codes = codebook.codes().stream().filter(c -> c.poles().size() == 2).toList();
		for (Codebook.Code code : this.codes) {
			this.poles.add(new float[][] { embedder.embed(code.poles().get(0)), embedder.embed(code.poles().get(1)) });
		}
	}

	public List<Pair> find(List<Statement> statements) {
		if (this.codes.isEmpty() || statements.size() < 2) {
			return List.of();
		}
		List<float[]> vectors = this.embedder.embedAll(statements.stream().map(Statement::text).toList());
		int n = statements.size();
		int k = this.codes.size();
		double[][] relevance = new double[n][k];
		double[][] lean = new double[n][k];
		for (int i = 0; i < n; i++) {
			for (int c = 0; c < k; c++) {
				double a = TextEmbedder.dot(vectors.get(i), this.poles.get(c)[0]);
				double b = TextEmbedder.dot(vectors.get(i), this.poles.get(c)[1]);
				relevance[i][c] = Math.max(a, b);
				lean[i][c] = a - b;
			}
		}
		Map<String, Pair> best = new LinkedHashMap<>();
		for (int i = 0; i < n; i++) {
			for (int j = i + 1; j < n; j++) {
				Statement s = statements.get(i);
				Statement t = statements.get(j);
				if (s.speaker() == null || !s.speaker().equals(t.speaker())) {
					continue;
				}
				for (int c = 0; c < k; c++) {
					if (relevance[i][c] < MIN_RELEVANCE || relevance[j][c] < MIN_RELEVANCE
							|| Math.abs(lean[i][c]) < MIN_LEAN || Math.abs(lean[j][c]) < MIN_LEAN
							|| Math.signum(lean[i][c]) == Math.signum(lean[j][c])) {
						continue;
					}
					double weakRelevance = Math.min(relevance[i][c], relevance[j][c]);
					double weakLean = Math.min(Math.abs(lean[i][c]), Math.abs(lean[j][c]));
					double score = Math.sqrt(clamp((weakRelevance - MIN_RELEVANCE) / 0.25 + 0.2)
							* clamp((weakLean - MIN_LEAN) / 0.08 + 0.2));
					Codebook.Code code = this.codes.get(c);
					String key = s.speaker() + "|" + code.key();
					Pair pair = new Pair(s, t, code.key(), code.poles().get(lean[i][c] > 0 ? 0 : 1),
							code.poles().get(lean[j][c] > 0 ? 0 : 1), Math.round(score * 1000) / 1000.0);
					if (!best.containsKey(key) || best.get(key).score() < pair.score()) {
						best.put(key, pair);
					}
				}
			}
		}
		List<Pair> pairs = new ArrayList<>(best.values());
		pairs.sort(Comparator.comparingDouble(Pair::score).reversed());
		return pairs;
	}

	private static double clamp(double value) {
		return Math.max(0, Math.min(1, value));
	}

}
