package app.balcony.evidence.sources;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import app.balcony.evidence.EvidenceService;
import app.balcony.system.demo.DemoIcsGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import app.balcony.system.importing.Rows;

/**
 * Redaction benchmark: the names of the 60,000-person demo ICS (people and organisations)
 * against the demo interviews. Reports how long the name index takes to build, how fast
 * text is redacted, how many words of the name-free interviews are wrongly taken for
 * people (speakers replaced by "Participant N", so every person found is a false alarm),
 * and, for mentions of random known people written into the interviews the ways
 * transcripts write them, how many are found and how many get their person's pseudonym.
 * Usage: {@code bench/run redaction [mentions]}.
 */
public final class RedactionBenchmark {

	private static final String[] FILES = { "system-01.txt", "system-02.txt", "place-01.txt", "place-02.txt",
			"neighbourhood-01.txt", "neighbourhood-02.txt", "neighbourhood-03.txt", "workshop-kingsmere.vtt" };

	private RedactionBenchmark() {
	}

	public static void main(String[] args) throws IOException {
		int mentions = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
		Rows.Batch batch = new DemoIcsGenerator(42, 60_000).generate();
		List<String> people = batch.people.stream().map(Rows.PersonRow::name).toList();
		List<String> organisations = batch.organisations.stream().map(Rows.OrganisationRow::name).toList();
		long t0 = System.nanoTime();
		Redactor redactor = new Redactor(people, organisations);
		double buildMs = (System.nanoTime() - t0) / 1e6;

		List<String> texts = new ArrayList<>();
		for (String file : FILES) {
			String text = read("/demo/evidence/" + file);
			for (int i = 1; i <= 7; i++) {
				text = text.replace("{{PERSON_" + i + "}}", "Participant " + i);
			}
			texts.add(text);
		}
		long chars = texts.stream().mapToLong(String::length).sum();
		long words = texts.stream().mapToLong(t -> t.split("\\s+").length).sum();

		// Throughput: every interview, repeatedly, after warm-up.
		for (int i = 0; i < 20; i++) {
			texts.forEach(redactor::find);
		}
		int rounds = 200;
		long t1 = System.nanoTime();
		for (int i = 0; i < rounds; i++) {
			texts.forEach(redactor::find);
		}
		double seconds = (System.nanoTime() - t1) / 1e9;

		// False alarms on name-free text.
		Map<String, Integer> falseAlarms = new TreeMap<>();
		for (String text : texts) {
			for (Redactor.Found f : redactor.find(text)) {
				if (f.kind() == Redactor.Kind.PERSON) {
					falseAlarms.merge(f.value(), 1, Integer::sum);
				}
			}
		}
		int falseTotal = falseAlarms.values().stream().mapToInt(Integer::intValue).sum();
		Path quotesFile = Path.of(args.length > 1 ? args[1] : "../shared/data/labelled-quotes-dev.jsonl");
		Map<String, Integer> quoteAlarms = new TreeMap<>();
		long quoteWords = 0;
		if (Files.exists(quotesFile)) {
			ObjectMapper json = new ObjectMapper();
			for (String line : Files.readAllLines(quotesFile)) {
				if (line.isBlank()) {
					continue;
				}
				String quote = json.readTree(line).get("text").asText();
				quoteWords += quote.split("\\s+").length;
				for (Redactor.Found f : redactor.find(quote)) {
					if (f.kind() == Redactor.Kind.PERSON) {
						quoteAlarms.merge(f.value(), 1, Integer::sum);
					}
				}
			}
		}

		// Mentions of known people written into the interviews.
		Random random = new Random(11);
		String[] titles = { "Dr", "Mr", "Mrs", "Ms", "Cllr" };
		Map<String, int[]> byForm = new LinkedHashMap<>();
		for (String form : List.of("full name", "full name, lower case", "title and surname", "first name, after full",
				"surname, after full", "first name alone", "full name, one letter wrong")) {
			byForm.put(form, new int[3]);
		}
		for (int m = 0; m < mentions; m++) {
			String name = people.get(random.nextInt(people.size()));
			String first = name.substring(0, name.indexOf(' '));
			String last = name.substring(name.lastIndexOf(' ') + 1);
			String base = texts.get(random.nextInt(texts.size()));
			int at = base.indexOf(". ", random.nextInt(Math.max(1, base.length() - 200))) + 1;
			if (at <= 0) {
				at = base.length();
			}
			for (Map.Entry<String, int[]> form : byForm.entrySet()) {
				String mention;
				String prefix = "";
				switch (form.getKey()) {
					case "full name" -> mention = name;
					case "full name, lower case" -> mention = name.toLowerCase(Locale.ROOT);
					case "title and surname" -> mention = titles[random.nextInt(titles.length)] + " " + last;
					case "first name, after full" -> {
						prefix = " " + name + " joined us.";
						mention = first;
					}
					case "surname, after full" -> {
						prefix = " " + name + " joined us.";
						mention = last;
					}
					case "first name alone" -> mention = first;
					default -> {
						if (last.length() < 5) {
							continue;
						}
						int k = 1 + random.nextInt(last.length() - 1);
						char c = (char) ('a' + random.nextInt(26));
						if (c == last.charAt(k)) {
							c = c == 'z' ? 'a' : (char) (c + 1);
						}
						mention = first + " " + last.substring(0, k) + c + last.substring(k + 1);
					}
				}
				String inserted = prefix + " I spoke to " + mention + " about it.";
				String text = base.substring(0, at) + inserted + base.substring(at);
				int start = at + inserted.indexOf(" I spoke to ") + " I spoke to ".length();
				int end = start + mention.length();
				int[] counts = form.getValue();
				counts[0]++;
				for (Redactor.Found f : redactor.find(text)) {
					if (f.kind() == Redactor.Kind.PERSON && f.start() <= start && f.end() >= end) {
						counts[1]++;
						if (f.key().equals(name.toLowerCase(Locale.ROOT))) {
							counts[2]++;
						}
						break;
					}
				}
			}
		}

		System.out.printf(Locale.ROOT, "roster_people=%d count%n", people.size());
		System.out.printf(Locale.ROOT, "index_build=%.0f ms%n", buildMs);
		System.out.printf(Locale.ROOT, "throughput=%.0f kchars/s%n", chars * rounds / seconds / 1000);
		System.out.printf(Locale.ROOT, "false_person_redactions_demo=%.2f per_1000_words%n",
				falseTotal * 1000.0 / words);
		if (quoteWords > 0) {
			System.out.printf(Locale.ROOT, "false_person_redactions_quotes=%.2f per_1000_words%n",
					quoteAlarms.values().stream().mapToInt(Integer::intValue).sum() * 1000.0 / quoteWords);
		}
		for (Map.Entry<String, int[]> form : byForm.entrySet()) {
			String key = form.getKey().replaceAll("[^a-z]+", "_");
			int[] c = form.getValue();
			System.out.printf(Locale.ROOT, "found_%s=%.3f share%n", key, c[1] / (double) c[0]);
			System.out.printf(Locale.ROOT, "same_pseudonym_%s=%.3f share%n", key, c[2] / (double) c[0]);
		}
		// Adversarial text: long runs that made the old e-mail pattern quadratic (80 KB
		// took 17 s), and the largest source accepted.
		String[][] hostile = { { "adversarial_word_run_80k", "a".repeat(80_000) },
				{ "adversarial_word_run_2m", "a".repeat(EvidenceService.MAX_SOURCE_CHARS) },
				{ "adversarial_dots_2m", "a.".repeat(EvidenceService.MAX_SOURCE_CHARS / 2) },
				{ "adversarial_at_runs_2m", ("b".repeat(999) + "@").repeat(EvidenceService.MAX_SOURCE_CHARS / 1000) },
				{ "adversarial_digits_2m", "0".repeat(EvidenceService.MAX_SOURCE_CHARS) } };
		for (String[] h : hostile) {
			long began = System.nanoTime();
			String outcome;
			try {
				redactor.find(h[1]);
				outcome = "";
			}
			catch (Redactor.TooSlow ex) {
				outcome = " (over the budget: refused)";
			}
			System.out.printf(Locale.ROOT, "%s=%.0f ms%s%n", h[0], (System.nanoTime() - began) / 1e6, outcome);
		}
		System.err.println(words + " words in " + texts.size() + " name-free interviews; taken for people: "
				+ falseAlarms + "; " + quoteWords + " words of published quotes; taken for people: " + quoteAlarms);
	}

	private static String read(String resource) throws IOException {
		try (InputStream in = RedactionBenchmark.class.getResourceAsStream(resource)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
