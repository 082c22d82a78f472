package app.balcony.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.balcony.evidence.agreement.Agreement;
import app.balcony.evidence.autocode.AutoCoder;
import app.balcony.evidence.autocode.Codebook;
import app.balcony.evidence.autocode.LabelledExample;
import app.balcony.evidence.autocode.Stems;
import app.balcony.evidence.autocode.TextEmbedder;
import app.balcony.framework.BuiltInFrameworks;
import app.balcony.framework.Framework;

/**
 * {@code bench/run evidence [FILE]}: auto-coding quality against a published study's
 * coding, by leave-one-out (each quote coded with the framework's other quotes as analyst
 * examples), next to two baselines (majority class; keyword matching on the definitions),
 * and throughput and memory. FILE defaults to ../shared/data/labelled-quotes-dev.jsonl.
 * {@code --tune} also prints a grid of the method's global weights (for choosing
 * defaults, never per quote).
 */
public final class EvidenceBenchmark {

	record Quote(String id, String framework, String label, String text) {
	}

	record Scores(double accuracy, double macroF1, double kappa, int n) {
	}

	public static void main(String[] args) throws Exception {
		Path file = Path.of("../shared/data/labelled-quotes-dev.jsonl");
		boolean tune = false;
		for (String arg : args) {
			if (arg.equals("--tune")) {
				tune = true;
			}
			else {
				file = Path.of(arg);
			}
		}
		ObjectMapper json = new ObjectMapper();
		List<Quote> quotes = new ArrayList<>();
		for (String line : Files.readAllLines(file)) {
			if (!line.isBlank()) {
				JsonNode node = json.readTree(line);
				quotes.add(new Quote(node.path("id").asText(), node.path("framework").asText(),
						node.path("label").asText(), node.path("text").asText()));
			}
		}
		Map<String, List<Quote>> byFramework = new TreeMap<>();
		quotes.forEach(q -> byFramework.computeIfAbsent(q.framework(), k -> new ArrayList<>()).add(q));
		System.err.printf("%d quotes in %d frameworks from %s%n", quotes.size(), byFramework.size(), file);

		long heapBefore = usedHeap();
		long rssBefore = residentKb();
		long t0 = System.nanoTime();
		TextEmbedder embedder = TextEmbedder.shared();
		embedder.embed("warm up");
		double loadMs = (System.nanoTime() - t0) / 1e6;
		long heapAfter = usedHeap();
		long rssAfter = residentKb();

		if (tune) {
			tune(byFramework, embedder);
		}

		Map<String, Map<String, Scores>> table = new LinkedHashMap<>();
		List<String> allGold = new ArrayList<>();
		Map<String, List<String>> allPredicted = new LinkedHashMap<>();
		for (Map.Entry<String, List<Quote>> entry : byFramework.entrySet()) {
			Framework framework = BuiltInFrameworks.find(entry.getKey()).orElseThrow();
			Codebook codebook = Codebook.of(framework);
			List<Quote> fq = entry.getValue();
			List<String> gold = fq.stream().map(Quote::label).toList();
			Map<String, List<String>> predictions = new LinkedHashMap<>();
			List<String> zeroShot = zeroShot(codebook, fq, embedder);
			predictions.put("balcony", leaveOneOut(codebook, fq, embedder, AutoCoder.Settings.DEFAULT));
			predictions.put("balcony_with_rejections", withRejections(codebook, fq, embedder, zeroShot));
			predictions.put("balcony_zero_shot", zeroShot);
			predictions.put("majority", majority(fq));
			predictions.put("keywords", keywords(codebook, fq));
			Map<String, Scores> row = new LinkedHashMap<>();
			predictions.forEach((method, predicted) -> {
				row.put(method, scores(gold, predicted, framework.codeKeys()));
				allPredicted.computeIfAbsent(method, k -> new ArrayList<>()).addAll(predicted);
			});
			allGold.addAll(gold);
			table.put(entry.getKey(), row);
		}

		System.out.println();
		System.out.printf("%-16s %-24s %4s %8s %8s %8s%n", "framework", "method", "n", "top1", "macroF1", "kappa");
		table.forEach((framework, row) -> row
			.forEach((method, s) -> System.out.printf(Locale.ROOT, "%-16s %-24s %4d %8.3f %8.3f %8.3f%n", framework,
					method, s.n(), s.accuracy(), s.macroF1(), s.kappa())));
		System.out.println();
		for (String method : allPredicted.keySet()) {
			// Pooled over frameworks: labels are framework-qualified, so chance agreement
			// stays within a framework's codes.
			List<String> gold = qualify(byFramework, allGold);
			List<String> predicted = qualify(byFramework, allPredicted.get(method));
			Set<String> labels = new HashSet<>(gold);
			Scores pooled = scores(gold, predicted, List.copyOf(labels));
			double meanKappa = table.values()
				.stream()
				.mapToDouble(r -> r.get(method).kappa())
				.filter(d -> !Double.isNaN(d))
				.average()
				.orElse(Double.NaN);
			System.out.printf(Locale.ROOT, "%s_top1=%.3f ratio%n", method, pooled.accuracy());
			System.out.printf(Locale.ROOT, "%s_macro_f1=%.3f ratio%n", method, pooled.macroF1());
			System.out.printf(Locale.ROOT, "%s_kappa_pooled=%.3f kappa%n", method, pooled.kappa());
			double[] interval = bootstrapKappa(gold, predicted);
			System.out.printf(Locale.ROOT, "%s_kappa_pooled_ci95_low=%.3f kappa%n", method, interval[0]);
			System.out.printf(Locale.ROOT, "%s_kappa_pooled_ci95_high=%.3f kappa%n", method, interval[1]);
			System.out.printf(Locale.ROOT, "%s_kappa_mean_per_framework=%.3f kappa%n", method, meanKappa);
		}

		// Throughput: distinct segments (no cache hits), whole pipeline incl. tension.
		Framework programme = BuiltInFrameworks.find("programme_theme").orElseThrow();
		AutoCoder coder = new AutoCoder(Codebook.of(programme), List.of(), embedder, AutoCoder.Settings.DEFAULT);
		List<String> segments = new ArrayList<>();
		for (int i = 0; i < 2000; i++) {
			Quote q = quotes.get(i % quotes.size());
			String[] sentences = q.text().split("(?<=[.!?])\\s+");
			segments.add(sentences[i % sentences.length] + " (" + i + ")");
		}
		coder.suggestAll(segments.subList(0, 100));
		long s0 = System.nanoTime();
		coder.suggestAll(segments.subList(100, segments.size()));
		double seconds = (System.nanoTime() - s0) / 1e9;
		System.out.printf(Locale.ROOT, "throughput=%.0f segments/s%n", (segments.size() - 100) / seconds);
		System.out.printf(Locale.ROOT, "model_load=%.0f ms%n", loadMs);
		System.out.printf(Locale.ROOT, "model_heap=%.1f MB%n", Math.max(0, heapAfter - heapBefore) / 1e6);
		// ONNX Runtime keeps the model outside the Java heap: the process's resident
		// memory growth is the honest figure.
		System.out.printf(Locale.ROOT, "model_resident=%.1f MB%n", Math.max(0, rssAfter - rssBefore) / 1024.0);
		System.out.printf(Locale.ROOT, "cores=%d count%n", Runtime.getRuntime().availableProcessors());
	}

	private static List<String> qualify(Map<String, List<Quote>> byFramework, List<String> labels) {
		List<String> frameworks = new ArrayList<>();
		byFramework.forEach((k, v) -> v.forEach(q -> frameworks.add(k)));
		List<String> out = new ArrayList<>();
		for (int i = 0; i < labels.size(); i++) {
			out.add(frameworks.get(i) + ":" + labels.get(i));
		}
		return out;
	}

	/**
	 * A 95% percentile bootstrap interval for the pooled kappa: the quotes resampled with
	 * replacement 2,000 times (fixed seed, so reruns agree). With 40 quotes it is wide,
	 * and differences between methods smaller than it are noise.
	 */
	static double[] bootstrapKappa(List<String> gold, List<String> predicted) {
		java.util.Random random = new java.util.Random(20261126L);
		int n = gold.size();
		List<Double> kappas = new ArrayList<>();
		for (int b = 0; b < 2000; b++) {
			List<String> g = new ArrayList<>(n);
			List<String> p = new ArrayList<>(n);
			for (int i = 0; i < n; i++) {
				int pick = random.nextInt(n);
				g.add(gold.get(pick));
				p.add(predicted.get(pick));
			}
			double kappa = Agreement.cohensKappa(g, p);
			if (!Double.isNaN(kappa)) {
				kappas.add(kappa);
			}
		}
		kappas.sort(null);
		return new double[] { kappas.get((int) Math.floor(0.025 * (kappas.size() - 1))),
				kappas.get((int) Math.ceil(0.975 * (kappas.size() - 1))) };
	}

	static List<String> leaveOneOut(Codebook codebook, List<Quote> quotes, TextEmbedder embedder,
			AutoCoder.Settings settings) {
		List<String> predicted = new ArrayList<>();
		for (int i = 0; i < quotes.size(); i++) {
			List<LabelledExample> examples = new ArrayList<>();
			for (int j = 0; j < quotes.size(); j++) {
				if (j != i) {
					examples.add(new LabelledExample(quotes.get(j).text(), quotes.get(j).label()));
				}
			}
			AutoCoder coder = new AutoCoder(codebook, examples, embedder, settings);
			predicted.add(coder.suggest(quotes.get(i).text()).best().code());
		}
		return predicted;
	}

	/**
	 * Leave-one-out as in {@link #leaveOneOut}, plus the rejections an analyst would have
	 * made while coding the other quotes: wherever the zero-shot suggestion for another
	 * quote was wrong, it was rejected. The held-out quote's label is never used.
	 */
	static List<String> withRejections(Codebook codebook, List<Quote> quotes, TextEmbedder embedder,
			List<String> zeroShot) {
		List<String> predicted = new ArrayList<>();
		for (int i = 0; i < quotes.size(); i++) {
			List<LabelledExample> examples = new ArrayList<>();
			List<LabelledExample> rejections = new ArrayList<>();
			for (int j = 0; j < quotes.size(); j++) {
				if (j != i) {
					examples.add(new LabelledExample(quotes.get(j).text(), quotes.get(j).label()));
					if (!zeroShot.get(j).equals(quotes.get(j).label())) {
						rejections.add(new LabelledExample(quotes.get(j).text(), zeroShot.get(j)));
					}
				}
			}
			AutoCoder coder = new AutoCoder(codebook, examples, rejections, embedder, AutoCoder.Settings.DEFAULT);
			predicted.add(coder.suggest(quotes.get(i).text()).best().code());
		}
		return predicted;
	}

	static List<String> zeroShot(Codebook codebook, List<Quote> quotes, TextEmbedder embedder) {
		AutoCoder coder = new AutoCoder(codebook, List.of(), embedder, AutoCoder.Settings.DEFAULT);
		return quotes.stream().map(q -> coder.suggest(q.text()).best().code()).toList();
	}

	/**
	 * Baseline: the most frequent label among the other quotes (ties: first in codebook
	 * order).
	 */
	static List<String> majority(List<Quote> quotes) {
		List<String> predicted = new ArrayList<>();
		for (int i = 0; i < quotes.size(); i++) {
			Map<String, Integer> counts = new HashMap<>();
			for (int j = 0; j < quotes.size(); j++) {
				if (j != i) {
					counts.merge(quotes.get(j).label(), 1, Integer::sum);
				}
			}
			predicted.add(counts.entrySet()
				.stream()
				.max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
				.map(Map.Entry::getKey)
				.orElseThrow());
		}
		return predicted;
	}

	/**
	 * Baseline: the code whose name and definition share most (stemmed) words with the
	 * quote.
	 */
	static List<String> keywords(Codebook codebook, List<Quote> quotes) {
		List<String> predicted = new ArrayList<>();
		for (Quote quote : quotes) {
			Set<String> words = new HashSet<>(Stems.of(quote.text()));
			String best = codebook.codes().get(0).key();
			int bestHits = -1;
			for (Codebook.Code code : codebook.codes()) {
				Set<String> definition = new HashSet<>(Stems.of(code.name() + " " + code.definition()));
				definition.retainAll(words);
				if (definition.size() > bestHits) {
					bestHits = definition.size();
					best = code.key();
				}
			}
			predicted.add(best);
		}
		return predicted;
	}

	static Scores scores(List<String> gold, List<String> predicted, List<String> codes) {
		int correct = 0;
		for (int i = 0; i < gold.size(); i++) {
			if (gold.get(i).equals(predicted.get(i))) {
				correct++;
			}
		}
		// Macro-F1 over the labels that occur in the gold standard.
		double f1Sum = 0;
		Set<String> labels = new HashSet<>(gold);
		for (String label : labels) {
			int tp = 0;
			int fp = 0;
			int fn = 0;
			for (int i = 0; i < gold.size(); i++) {
				boolean g = gold.get(i).equals(label);
				boolean p = predicted.get(i).equals(label);
				if (g && p) {
					tp++;
				}
				else if (p) {
					fp++;
				}
				else if (g) {
					fn++;
				}
			}
			f1Sum += tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
		}
		return new Scores((double) correct / gold.size(), f1Sum / labels.size(), Agreement.cohensKappa(gold, predicted),
				gold.size());
	}

	private static void tune(Map<String, List<Quote>> byFramework, TextEmbedder embedder) {
		List<AutoCoder.Settings> grid = new ArrayList<>();
		for (double c : new double[] { 0.3, 0.6, 1.0 }) {
			for (double shot : new double[] { 0, 0.3, 0.6, 1.0 }) {
				for (double sentence : new double[] { 0, 0.3 }) {
					grid.add(new AutoCoder.Settings(1.0, c, shot, 0.6, sentence));
				}
			}
		}
		List<String[]> rows = new ArrayList<>();
		for (AutoCoder.Settings settings : grid) {
			List<String> gold = new ArrayList<>();
			List<String> predicted = new ArrayList<>();
			byFramework.forEach((key, fq) -> {
				Codebook codebook = Codebook.of(BuiltInFrameworks.find(key).orElseThrow());
				fq.forEach(q -> gold.add(key + ":" + q.label()));
				leaveOneOut(codebook, fq, embedder, settings).forEach(p -> predicted.add(key + ":" + p));
			});
			Scores pooled = scores(gold, predicted, List.copyOf(new HashSet<>(gold)));
			rows.add(new String[] { settings.toString(), String.format(Locale.ROOT, "%.3f", pooled.accuracy()),
					String.format(Locale.ROOT, "%.3f", pooled.kappa()) });
		}
		rows.sort(Comparator.comparing((String[] r) -> r[2]).reversed());
		rows.forEach(r -> System.err.println("tune " + r[0] + " top1=" + r[1] + " kappa=" + r[2]));
	}

	private static long residentKb() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		}
		catch (java.io.IOException ex) {
			// not Linux
		}
		return 0;
	}

	private static long usedHeap() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		Runtime rt = Runtime.getRuntime();
		return rt.totalMemory() - rt.freeMemory();
	}

}
