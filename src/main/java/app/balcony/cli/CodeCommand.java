package app.balcony.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import app.balcony.evidence.autocode.AutoCoder;
import app.balcony.evidence.autocode.CodeScore;
import app.balcony.evidence.autocode.Codebook;
import app.balcony.evidence.autocode.LabelledExample;
import app.balcony.evidence.autocode.Suggestion;
import app.balcony.framework.BuiltInFrameworks;
import app.balcony.framework.Framework;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code balcony code}: offline auto-coding of JSON lines against a built-in framework.
 * Needs no database and sends nothing anywhere. All input is checked before anything is
 * written; the output file appears complete or not at all.
 */
@Command(name = "code", mixinStandardHelpOptions = true,
		description = { "Suggest codes for text segments from a framework, offline.",
				"IN: one JSON object per line with \"id\" and \"text\". EX (optional): lines with \"text\" and",
				"\"label\" (known codings to learn from). OUT: one line per input, same order:",
				"{\"id\":..., \"codes\":[{\"code\":KEY,\"score\":0..1},...] (best first, every code),",
				" \"tension\":{\"score\":0..1,\"cues\":[...]}}", "Frameworks: paradox, dimension, disconnect,",
				"programme_theme, conditions (and the other built-in frameworks). Exit 0 done, 1 bad input." })
class CodeCommand implements Callable<Integer> {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Spec
	CommandSpec spec;

	@Option(names = "--framework", required = true, description = "Framework key, e.g. paradox")
	String framework;

	@Option(names = "--input", required = true, description = "JSON lines with id and text")
	Path input;

	@Option(names = "--output", required = true, description = "Where to write the JSON lines")
	Path output;

	@Option(names = "--examples", description = "JSON lines with text and label to learn from")
	Path examples;

	/** Mistakes in the input, each reported as "file line N: what". */
	static final class InputException extends Exception {

		private final List<String> problems;

		InputException(String message) {
			this(List.of(message));
		}

		InputException(List<String> problems) {
			super(String.join("; ", problems));
			this.problems = List.copyOf(problems);
		}

		List<String> problems() {
			return this.problems;
		}

	}

	/** At most this many problems are listed; the rest are counted. */
	static final int PROBLEMS_SHOWN = 20;

	record Segment(JsonNode id, String text) {
	}

	@Override
	public Integer call() throws IOException {
		PrintWriter err = this.spec.commandLine().getErr();
		quietLibraryLogging();
		try {
			Framework chosen = BuiltInFrameworks.find(this.framework)
				.orElseThrow(() -> new InputException("Unknown framework '" + this.framework + "'. Known: "
						+ String.join(", ", BuiltInFrameworks.KEYS)));
			Codebook codebook = Codebook.of(chosen);
			// Both files are checked in full before anything runs, and every problem is
			// reported at once.
			List<String> problems = new ArrayList<>();
			List<Segment> segments = List.of();
			List<LabelledExample> known = List.of();
			try {
				segments = readSegments(this.input);
			}
			catch (InputException ex) {
				problems.addAll(ex.problems());
			}
			try {
				known = this.examples == null ? List.of() : readExamples(this.examples, chosen);
			}
			catch (InputException ex) {
				problems.addAll(ex.problems());
			}
			if (!problems.isEmpty()) {
				throw new InputException(problems);
			}
			long start = System.nanoTime();
			err.printf("Loading the offline model and %d examples for %s...%n", known.size(), chosen.key());
			err.flush();
			AutoCoder coder = new AutoCoder(codebook, known);
			Path parent = this.output.toAbsolutePath().getParent();
			Files.createDirectories(parent);
			Path temporary = Files.createTempFile(parent, ".balcony-code", ".jsonl");
			try {
				try (BufferedWriter out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
					int batchSize = 256;
					for (int from = 0; from < segments.size(); from += batchSize) {
						List<Segment> batch = segments.subList(from, Math.min(segments.size(), from + batchSize));
						List<Suggestion> suggestions = coder.suggestAll(batch.stream().map(Segment::text).toList());
						for (int i = 0; i < batch.size(); i++) {
							out.write(JSON.writeValueAsString(line(batch.get(i).id(), suggestions.get(i))));
							out.write('\n');
						}
						err.printf("Coded %d of %d segments%n", from + batch.size(), segments.size());
						err.flush();
					}
				}
				Files.move(temporary, this.output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			finally {
				Files.deleteIfExists(temporary);
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			err.printf("Wrote %s (%d segments in %.1f s)%n", this.output, segments.size(), seconds);
			return 0;
		}
		catch (InputException ex) {
			List<String> problems = ex.problems();
			if (problems.size() == 1) {
				err.println("Error: " + problems.get(0));
			}
			else {
				err.printf("Error: %d problems, nothing written:%n", problems.size());
				problems.stream().limit(PROBLEMS_SHOWN).forEach(p -> err.println("  " + p));
				if (problems.size() > PROBLEMS_SHOWN) {
					err.printf("  ... and %d more%n", problems.size() - PROBLEMS_SHOWN);
				}
			}
			return 1;
		}
	}

	/**
	 * The model's libraries log GPU probing and native-library extraction; keep stderr
	 * for our progress.
	 */
	private static void quietLibraryLogging() {
		if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
			context.getLogger("ai.djl").setLevel(ch.qos.logback.classic.Level.ERROR);
			context.getLogger("ai.onnxruntime").setLevel(ch.qos.logback.classic.Level.ERROR);
			context.getLogger("dev.langchain4j").setLevel(ch.qos.logback.classic.Level.WARN);
		}
	}

	private static String type(JsonNode node) {
		return switch (node.getNodeType()) {
			case NUMBER -> "a number";
			case BOOLEAN -> "true or false";
			case ARRAY -> "a list";
			case OBJECT -> "an object";
			case STRING -> "a string";
			default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
		};
	}

	/** Scores are multiples of 2^-20, so any sum of them is exact in binary. */
	static final double GRID = 1 << 20;

	/**
	 * The scores made to sum to exactly 1 (as read back by any JSON parser, summed in any
	 * order): each is a multiple of 2^-20 (about one millionth), the remainder given to
	 * the largest fractional parts, order kept.
	 */
	static double[] exactShares(double[] scores) {
		double total = 0;
		for (double s : scores) {
			total += Math.max(0, s);
		}
		long[] units = new long[scores.length];
		double[] rest = new double[scores.length];
		long given = 0;
		for (int i = 0; i < scores.length; i++) {
			double share = total > 0 ? Math.max(0, scores[i]) / total * GRID : GRID / scores.length;
			units[i] = (long) Math.floor(share);
			rest[i] = share - units[i];
			given += units[i];
		}
		Integer[] order = new Integer[scores.length];
		for (int i = 0; i < order.length; i++) {
			order[i] = i;
		}
		java.util.Arrays.sort(order, (a, b) -> Double.compare(rest[b], rest[a]));
		for (int k = 0; given < (long) GRID && scores.length > 0; k = (k + 1) % scores.length) {
			units[order[k]]++;
			given++;
		}
		double[] out = new double[scores.length];
		for (int i = 0; i < scores.length; i++) {
			out[i] = units[i] / GRID;
		}
		return out;
	}

	private static ObjectNode line(JsonNode id, Suggestion suggestion) {
		ObjectNode node = JSON.createObjectNode();
		node.set("id", id);
		ArrayNode codes = node.putArray("codes");
		double[] shares = exactShares(suggestion.codes().stream().mapToDouble(CodeScore::score).toArray());
		// Codes come best first; rounding must not swap two nearly equal ones.
		java.util.Arrays.sort(shares);
		for (int i = 0, j = shares.length - 1; i < j; i++, j--) {
			double t = shares[i];
			shares[i] = shares[j];
			shares[j] = t;
		}
		for (int i = 0; i < shares.length; i++) {
			codes.addObject().put("code", suggestion.codes().get(i).code()).put("score", shares[i]);
		}
		ObjectNode tension = node.putObject("tension");
		tension.put("score", suggestion.tension().score());
		ArrayNode cues = tension.putArray("cues");
		suggestion.tension().cues().forEach(cues::add);
		return node;
	}

	/**
	 * Turns one JSON object into a value; {@code where} is "file line N" for messages.
	 */
	@FunctionalInterface
	interface LineReader<T> {

		T read(JsonNode node, String where) throws InputException;

	}

	/**
	 * Reads every non-blank line of a JSON-lines file as an object, in order; a bad line
	 * is noted and reading goes on, so every problem of the file is reported together.
	 */
	static <T> List<T> readObjects(Path file, LineReader<T> reader) throws IOException, InputException {
		List<T> values = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		int lineNumber = 0;
		for (String line : readLines(file)) {
			lineNumber++;
			if (!line.isBlank()) {
				try {
					values.add(reader.read(parse(file, lineNumber, line), file + " line " + lineNumber));
				}
				catch (InputException ex) {
					problems.addAll(ex.problems());
				}
			}
		}
		if (!problems.isEmpty()) {
			throw new InputException(problems);
		}
		return values;
	}

	static List<Segment> readSegments(Path file) throws IOException, InputException {
		List<Segment> segments = readObjects(file, (node, where) -> {
			JsonNode id = node.get("id");
			if (id == null || id.isNull()) {
				throw new InputException(where + ": missing \"id\" (a string or number)");
			}
			if (!id.isTextual() && !id.isNumber()) {
				throw new InputException(where + ": \"id\" must be a string or number, not " + type(id));
			}
			return new Segment(id, text(where, node));
		});
		if (segments.isEmpty()) {
			throw new InputException(file + ": no segments (expected one JSON object per line)");
		}
		return segments;
	}

	static List<LabelledExample> readExamples(Path file, Framework framework) throws IOException, InputException {
		return readObjects(file, (node, where) -> {
			String text = text(where, node);
			JsonNode label = node.get("label");
			if (label == null || label.isNull()) {
				throw new InputException(where + ": missing \"label\"");
			}
			if (!label.isTextual()) {
				throw new InputException(where + ": \"label\" must be a string, not " + type(label));
			}
			if (label.asText().isBlank()) {
				throw new InputException(where + ": empty \"label\"");
			}
			if (!framework.codeKeys().contains(label.asText())) {
				throw new InputException(where + ": label '" + label.asText() + "' is not a code of " + framework.key()
						+ " (" + String.join(", ", framework.codeKeys()) + ")");
			}
			return new LabelledExample(text, label.asText());
		});
	}

	private static List<String> readLines(Path file) throws IOException, InputException {
		try {
			List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
			// A byte-order mark (Windows editors write one) is not part of the first
			// line.
			if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
				lines.set(0, lines.get(0).substring(1));
			}
			return lines;
		}
		catch (NoSuchFileException ex) {
			throw new InputException(file + ": no such file");
		}
		catch (java.nio.charset.MalformedInputException ex) {
			throw new InputException(file + ": not UTF-8 text");
		}
	}

	private static JsonNode parse(Path file, int lineNumber, String line) throws InputException {
		try {
			JsonNode node = JSON.readTree(line);
			if (node == null || !node.isObject()) {
				throw new InputException(file + " line " + lineNumber + ": expected a JSON object");
			}
			return node;
		}
		catch (JsonProcessingException ex) {
			throw new InputException(
					file + " line " + lineNumber + ": malformed JSON (" + ex.getOriginalMessage() + ")");
		}
	}

	private static String text(String where, JsonNode node) throws InputException {
		JsonNode text = node.get("text");
		if (text == null || text.isNull()) {
			throw new InputException(where + ": missing \"text\" (a string)");
		}
		if (!text.isTextual()) {
			throw new InputException(where + ": \"text\" must be a string, not " + type(text));
		}
		if (text.asText().isBlank()) {
			throw new InputException(where + ": empty text");
		}
		return text.asText();
	}

}
