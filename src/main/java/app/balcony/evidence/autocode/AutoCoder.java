package app.balcony.evidence.autocode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import app.balcony.framework.BuiltInFrameworks;

/**
 * Suggests codes for text from a codebook, offline. Each code gets three kinds of
 * evidence, each standardised across the codes of the codebook (z-scores) and then
 * weighted:
 * <ol>
 * <li><b>meaning</b>: cosine similarity of the text's sentence embedding to the code's
 * definition and to its closest example statements, blended with the same for the text's
 * best-matching sentence (a long passage may touch a code in one sentence);</li>
 * <li><b>cue words</b>: the code's cue words and phrases found in the text (stemmed),
 * each weighted by how specific it is to the code (a cue that several codes share counts
 * less), plus a smaller weight for words of the definition;</li>
 * <li><b>analyst examples</b> (few-shot): similarity, in meaning and in words, to
 * passages already coded with the code. With no examples for a code, this evidence is
 * neutral.</li>
 * <li><b>analyst rejections</b>: a passage close in meaning to one where the analyst
 * rejected a code's suggestion has that code lowered, by as much as a coded example of it
 * would have lifted it. Far from every rejected passage, this evidence is neutral.</li>
 * </ol>
 * The weighted sum goes through a softmax, so scores are between 0 and 1 and add up to 1
 * across the codebook. Every score comes with the cues that matched and the nearest
 * definition, example or coded passage, so an analyst can see why.
 */
public final class AutoCoder {

	/**
	 * The method's weights. Chosen once for all frameworks (see the evidence benchmark);
	 * never per quote.
	 */
	public record Settings(double meaning, double cues, double fewShot, double temperature, double sentences) {

		public static final Settings DEFAULT = new Settings(1.0, 0.3, 0.6, 0.6, 0.3);

	}

	private record Prepared(Codebook.Code code, float[] definition, List<float[]> examples, List<String> exampleTexts,
			List<List<String>> cuePhrases, List<String> cueLabels, double[] cueWeights, Set<String> definitionStems) {
	}

	/** Typical similarity of unrelated passages, and its spread, for this model. */
	private static final double SHOT_BASELINE = 0.25;

	private static final double SHOT_SCALE = 0.15;

	private final Codebook codebook;

	private final TextEmbedder embedder;

	private final Settings settings;

	private final TensionFinder tensionFinder = new TensionFinder();

	private final List<Prepared> prepared = new ArrayList<>();

	private final Map<String, List<float[]>> shotEmbeddings = new HashMap<>();

	private final Map<String, List<String>> shotTexts = new HashMap<>();

	private final Map<String, List<float[]>> rejectedEmbeddings = new HashMap<>();

	private final Map<String, List<String>> rejectedTexts = new HashMap<>();

	private final Map<String, Map<String, Double>> shotTerms = new HashMap<>();

	private final Map<String, Double> idf = new HashMap<>();

	private volatile AutoCoder paradoxCoder;

	public AutoCoder(Codebook codebook, List<LabelledExample> examples) {
		this(codebook, examples, TextEmbedder.shared(), Settings.DEFAULT);
	}

	public AutoCoder(Codebook codebook, List<LabelledExample> examples, TextEmbedder embedder, Settings settings) {
		this(codebook, examples, List.of(), embedder, settings);
	}

	/**
	 * A coder that learns from the analyst's codings ({@code examples}) and from the
	 * suggestions they rejected ({@code rejections}: a passage and the code it should not
	 * have).
	 */
	public AutoCoder(Codebook codebook, List<LabelledExample> examples, List<LabelledExample> rejections,
			TextEmbedder embedder, Settings settings) {
		this.codebook = codebook;
		this.embedder = embedder;
		this.settings = settings;
		Set<String> keys = new HashSet<>();
		codebook.codes().forEach(c -> keys.add(c.key()));
		for (LabelledExample example : examples) {
			if (!keys.contains(example.label())) {
				throw new IllegalArgumentException(
						"Example label '" + example.label() + "' is not a code of " + codebook.key() + " " + keys);
			}
		}
		for (LabelledExample rejection : rejections) {
			if (!keys.contains(rejection.label())) {
				throw new IllegalArgumentException(
						"Rejected code '" + rejection.label() + "' is not a code of " + codebook.key() + " " + keys);
			}
		}
		prepareCodes();
		prepareExamples(examples);
		List<float[]> rejected = this.embedder.embedAll(rejections.stream().map(LabelledExample::text).toList());
		for (int i = 0; i < rejections.size(); i++) {
			String label = rejections.get(i).label();
			this.rejectedEmbeddings.computeIfAbsent(label, k -> new ArrayList<>()).add(rejected.get(i));
			this.rejectedTexts.computeIfAbsent(label, k -> new ArrayList<>()).add(rejections.get(i).text());
		}
	}

	public Codebook codebook() {
		return this.codebook;
	}

	public Suggestion suggest(String text) {
		return suggestAll(List.of(text)).get(0);
	}

	/** Suggestions for many texts, using every core; same order as given. */
	public List<Suggestion> suggestAll(List<String> texts) {
		List<float[]> embeddings = this.embedder.embedAll(texts);
		List<Suggestion> out = new ArrayList<>(texts.size());
		Suggestion[] results = new Suggestion[texts.size()];
		IntStream.range(0, texts.size()).parallel().forEach(i -> results[i] = score(texts.get(i), embeddings.get(i)));
		for (Suggestion s : results) {
			out.add(s);
		}
		return out;
	}

	private Suggestion score(String text, float[] embedding) {
		return new Suggestion(rank(text, embedding), tension(text, embedding));
	}

	/** Sentences of a passage long enough to carry meaning on their own. */
	static List<String> sentences(String text) {
		List<String> out = new ArrayList<>();
		for (String s : text.split("(?<=[.!?])\\s+|\\s*\\.\\.\\.+\\s*")) {
			if (s.trim().split("\\s+").length >= 5) {
				out.add(s.trim());
			}
		}
		return out.size() > 1 ? out : List.of();
	}

	private List<CodeScore> rank(String text, float[] embedding) {
		int n = this.prepared.size();
		List<String> stems = Stems.of(text);
		double[] meaning = new double[n];
		double[] cues = new double[n];
		double[] shots = new double[n];
		double[] penalty = new double[n];
		String[] lowered = new String[n];
		boolean anyShots = !this.shotEmbeddings.isEmpty();
		String[] nearest = new String[n];
		double[] nearestSim = new double[n];
		List<List<String>> matched = new ArrayList<>();
		List<float[]> sentenceVectors = this.settings.sentences() > 0 ? this.embedder.embedAll(sentences(text))
				: List.of();
		Map<String, Double> terms = termVector(stems);
		Set<String> stemSet = new HashSet<>(stems);
		for (int c = 0; c < n; c++) {
			Prepared p = this.prepared.get(c);
			double definition = TextEmbedder.dot(embedding, p.definition());
			nearest[c] = p.code().name() + ": " + p.code().definition();
			nearestSim[c] = definition;
			double[] sims = new double[p.examples().size()];
			for (int e = 0; e < sims.length; e++) {
				sims[e] = TextEmbedder.dot(embedding, p.examples().get(e));
				if (sims[e] > nearestSim[c]) {
					nearestSim[c] = sims[e];
					nearest[c] = p.exampleTexts().get(e);
				}
			}
			meaning[c] = 0.5 * definition + 0.5 * topMean(sims, 2, definition);
			double bestSentence = Double.NEGATIVE_INFINITY;
			for (float[] sv : sentenceVectors) {
				double d = TextEmbedder.dot(sv, p.definition());
				double[] ss = new double[p.examples().size()];
				for (int e = 0; e < ss.length; e++) {
					ss[e] = TextEmbedder.dot(sv, p.examples().get(e));
				}
				bestSentence = Math.max(bestSentence, 0.5 * d + 0.5 * topMean(ss, 2, d));
			}
			if (!sentenceVectors.isEmpty()) {
				meaning[c] = (1 - this.settings.sentences()) * meaning[c] + this.settings.sentences() * bestSentence;
			}
			List<String> hits = new ArrayList<>();
			double cueScore = 0;
			for (int q = 0; q < p.cuePhrases().size(); q++) {
				if (containsPhrase(stems, p.cuePhrases().get(q))) {
					hits.add(p.cueLabels().get(q));
					cueScore += p.cueWeights()[q];
				}
			}
			int definitionHits = 0;
			for (String stem : stemSet) {
				if (p.definitionStems().contains(stem)) {
					definitionHits++;
				}
			}
			cueScore += 0.15 * definitionHits;
			cues[c] = Math.log1p(cueScore);
			matched.add(List.copyOf(hits));
			List<float[]> codeShots = this.shotEmbeddings.getOrDefault(p.code().key(), List.of());
			if (!codeShots.isEmpty()) {
				double[] shotSims = new double[codeShots.size()];
				for (int s = 0; s < shotSims.length; s++) {
					shotSims[s] = TextEmbedder.dot(embedding, codeShots.get(s));
					if (shotSims[s] > nearestSim[c]) {
						nearestSim[c] = shotSims[s];
						nearest[c] = this.shotTexts.get(p.code().key()).get(s);
					}
				}
				double lexical = cosine(terms, this.shotTerms.get(p.code().key()));
				shots[c] = topMean(shotSims, 2, 0) + 0.5 * lexical;
			}
			else {
				shots[c] = Double.NaN;
			}
			List<float[]> codeRejected = this.rejectedEmbeddings.getOrDefault(p.code().key(), List.of());
			double closest = Double.NEGATIVE_INFINITY;
			for (int r = 0; r < codeRejected.size(); r++) {
				double similarity = TextEmbedder.dot(embedding, codeRejected.get(r));
				if (similarity > closest) {
					closest = similarity;
					lowered[c] = this.rejectedTexts.get(p.code().key()).get(r);
				}
			}
			penalty[c] = codeRejected.isEmpty() ? 0 : Math.max(0, (closest - SHOT_BASELINE) / SHOT_SCALE);
			if (penalty[c] < 1) {
				// Named only when the passages are clearly alike (a lowering of at least
				// one few-shot unit), not for every faint resemblance.
				lowered[c] = null;
			}
		}
		double[] z = new double[n];
		add(z, standardise(meaning), this.settings.meaning());
		add(z, standardise(cues), this.settings.cues());
		if (anyShots) {
			// Few-shot evidence is absolute, not relative: a passage close to what the
			// analyst already coded with a code lifts that code, whatever the other codes
			// have (codes without examples get no lift and no penalty).
			double[] lift = new double[n];
			for (int c = 0; c < n; c++) {
				lift[c] = Double.isNaN(shots[c]) ? 0 : Math.max(0, (shots[c] - SHOT_BASELINE) / SHOT_SCALE);
			}
			add(z, lift, this.settings.fewShot());
		}
		add(z, penalty, -this.settings.fewShot());
		double[] probabilities = softmax(z, this.settings.temperature());
		List<CodeScore> scores = new ArrayList<>(n);
		for (int c = 0; c < n; c++) {
			scores.add(new CodeScore(this.prepared.get(c).code().key(), round(probabilities[c]), matched.get(c),
					nearest[c], round(nearestSim[c]), lowered[c]));
		}
		scores.sort(Comparator.comparingDouble(CodeScore::score).reversed());
		return List.copyOf(scores);
	}

	private Tension tension(String text, float[] embedding) {
		Tension found = this.tensionFinder.find(text);
		if (found.score() == 0) {
			return found;
		}
		AutoCoder paradox = paradoxCoder();
		String key = paradox.rank(text, embedding).get(0).code();
		return new Tension(found.score(), found.cues(), key);
	}

	private AutoCoder paradoxCoder() {
		if ("paradox".equals(this.codebook.key())) {
			return this;
		}
		AutoCoder local = this.paradoxCoder;
		if (local == null) {
			local = new AutoCoder(Codebook.of(BuiltInFrameworks.find("paradox").orElseThrow()), List.of(),
					this.embedder, this.settings);
			this.paradoxCoder = local;
		}
		return local;
	}

	private void prepareCodes() {
		Map<String, Integer> cueCodeCount = new HashMap<>();
		Map<Codebook.Code, List<List<String>>> phrases = new HashMap<>();
		for (Codebook.Code code : this.codebook.codes()) {
			Set<String> seen = new LinkedHashSet<>();
			List<List<String>> codePhrases = new ArrayList<>();
			for (String cue : code.cues()) {
				List<String> stems = Stems.of(cue);
				if (!stems.isEmpty() && seen.add(String.join(" ", stems))) {
					codePhrases.add(stems);
				}
			}
			phrases.put(code, codePhrases);
			seen.forEach(s -> cueCodeCount.merge(s, 1, Integer::sum));
		}
		int codes = this.codebook.codes().size();
		List<String> definitions = new ArrayList<>();
		List<String> allExamples = new ArrayList<>();
		for (Codebook.Code code : this.codebook.codes()) {
			definitions.add(code.name() + ": " + code.definition());
			allExamples.addAll(exampleTexts(code));
		}
		List<float[]> definitionVectors = this.embedder.embedAll(definitions);
		List<float[]> exampleVectors = this.embedder.embedAll(allExamples);
		int offset = 0;
		for (int i = 0; i < codes; i++) {
			Codebook.Code code = this.codebook.codes().get(i);
			List<String> texts = exampleTexts(code);
			List<float[]> vectors = exampleVectors.subList(offset, offset + texts.size());
			offset += texts.size();
			List<List<String>> codePhrases = phrases.get(code);
			double[] weights = new double[codePhrases.size()];
			List<String> labels = new ArrayList<>();
			for (int q = 0; q < codePhrases.size(); q++) {
				String joined = String.join(" ", codePhrases.get(q));
				int shared = cueCodeCount.getOrDefault(joined, 1);
				double specificity = Math.log((double) (codes + 1) / shared);
				weights[q] = specificity * (codePhrases.get(q).size() > 1 ? 1.5 : 1.0);
				labels.add(joined);
			}
			Set<String> definitionStems = new HashSet<>(Stems.of(code.name() + " " + code.definition()));
			this.prepared.add(new Prepared(code, definitionVectors.get(i), List.copyOf(vectors), texts, codePhrases,
					labels, weights, definitionStems));
		}
	}

	private static List<String> exampleTexts(Codebook.Code code) {
		List<String> texts = new ArrayList<>(code.examples());
		texts.addAll(code.poles());
		if (texts.isEmpty()) {
			texts.add(code.name() + ": " + code.definition());
		}
		return texts;
	}

	private void prepareExamples(List<LabelledExample> examples) {
		if (examples.isEmpty()) {
			return;
		}
		List<float[]> vectors = this.embedder.embedAll(examples.stream().map(LabelledExample::text).toList());
		Map<String, Integer> df = new HashMap<>();
		List<List<String>> stemmed = new ArrayList<>();
		for (LabelledExample example : examples) {
			List<String> stems = Stems.of(example.text());
			stemmed.add(stems);
			new HashSet<>(stems).forEach(s -> df.merge(s, 1, Integer::sum));
		}
		df.forEach((term, count) -> this.idf.put(term, Math.log((examples.size() + 1.0) / count)));
		Map<String, Map<String, Double>> sums = new HashMap<>();
		for (int i = 0; i < examples.size(); i++) {
			String label = examples.get(i).label();
			this.shotEmbeddings.computeIfAbsent(label, k -> new ArrayList<>()).add(vectors.get(i));
			this.shotTexts.computeIfAbsent(label, k -> new ArrayList<>()).add(examples.get(i).text());
			Map<String, Double> vector = termVector(stemmed.get(i));
			Map<String, Double> sum = sums.computeIfAbsent(label, k -> new HashMap<>());
			vector.forEach((t, w) -> sum.merge(t, w, Double::sum));
		}
		this.shotTerms.putAll(sums);
	}

	private Map<String, Double> termVector(List<String> stems) {
		Map<String, Double> tf = new HashMap<>();
		for (String stem : stems) {
			tf.merge(stem, 1.0, Double::sum);
		}
		Map<String, Double> out = new HashMap<>();
		double norm = 0;
		for (Map.Entry<String, Double> e : tf.entrySet()) {
			double w = (1 + Math.log(e.getValue())) * this.idf.getOrDefault(e.getKey(), 0.0);
			if (w > 0) {
				out.put(e.getKey(), w);
				norm += w * w;
			}
		}
		double length = Math.sqrt(norm);
		if (length > 0) {
			out.replaceAll((k, v) -> v / length);
		}
		return out;
	}

	private static double cosine(Map<String, Double> a, Map<String, Double> b) {
		if (a.isEmpty() || b == null || b.isEmpty()) {
			return 0;
		}
		double dot = 0;
		double nb = 0;
		for (Map.Entry<String, Double> e : b.entrySet()) {
			nb += e.getValue() * e.getValue();
			Double w = a.get(e.getKey());
			if (w != null) {
				dot += w * e.getValue();
			}
		}
		return nb == 0 ? 0 : dot / Math.sqrt(nb);
	}

	private static boolean containsPhrase(List<String> stems, List<String> phrase) {
		outer: for (int i = 0; i + phrase.size() <= stems.size(); i++) {
			for (int j = 0; j < phrase.size(); j++) {
				if (!stems.get(i + j).equals(phrase.get(j))) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}

	private static double topMean(double[] values, int k, double fallback) {
		if (values.length == 0) {
			return fallback;
		}
		double[] sorted = values.clone();
		java.util.Arrays.sort(sorted);
		int take = Math.min(k, sorted.length);
		double sum = 0;
		for (int i = 0; i < take; i++) {
			sum += sorted[sorted.length - 1 - i];
		}
		return sum / take;
	}

	private static double[] standardise(double[] values) {
		double mean = 0;
		for (double v : values) {
			mean += v;
		}
		mean /= values.length;
		double var = 0;
		for (double v : values) {
			var += (v - mean) * (v - mean);
		}
		double sd = Math.sqrt(var / values.length);
		double[] out = new double[values.length];
		for (int i = 0; i < values.length; i++) {
			out[i] = sd < 1e-9 ? 0 : (values[i] - mean) / sd;
		}
		return out;
	}

	private static void add(double[] target, double[] values, double weight) {
		for (int i = 0; i < target.length; i++) {
			target[i] += weight * values[i];
		}
	}

	private static double[] softmax(double[] z, double temperature) {
		double max = Double.NEGATIVE_INFINITY;
		for (double v : z) {
			max = Math.max(max, v);
		}
		double sum = 0;
		double[] out = new double[z.length];
		for (int i = 0; i < z.length; i++) {
			out[i] = Math.exp((z[i] - max) / temperature);
			sum += out[i];
		}
		for (int i = 0; i < z.length; i++) {
			out[i] /= sum;
		}
		return out;
	}

	private static double round(double value) {
		return Math.round(value * 10000) / 10000.0;
	}

}
