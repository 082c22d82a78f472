package app.balcony.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The exact contract of {@code code}: its output lines and its errors. */
class CodeCommandTest {

	@TempDir
	Path dir;

	@Test
	void writesOneLinePerInputInOrderWithEveryCodeAndTension() throws Exception {
		Path in = CliHarness.write(this.dir, "in.jsonl",
				"""
						{"id": "a", "text": "Staff are exhausted by one restructure after another, yet we are asked to transform at pace."}
						{"id": 7, "text": "Each neighbourhood knows its own residents best."}

						{"id": "c", "text": "The partnership board agreed one shared purpose: reducing inequalities."}
						""");
		Path out = this.dir.resolve("out/out.jsonl");
		CliHarness.Result result = CliHarness.run("code", "--framework", "paradox", "--input", in.toString(),
				"--output", out.toString());
		assertThat(result.exit()).as(result.err()).isZero();
		assertThat(result.err()).contains("Coded 3 of 3 segments");
		List<String> lines = Files.readAllLines(out);
		assertThat(lines).hasSize(3);
		ObjectMapper json = new ObjectMapper();
		JsonNode first = json.readTree(lines.get(0));
		assertThat(first.fieldNames()).toIterable().containsExactly("id", "codes", "tension");
		assertThat(first.get("id").asText()).isEqualTo("a");
		assertThat(json.readTree(lines.get(1)).get("id").isInt()).isTrue();
		assertThat(json.readTree(lines.get(2)).get("id").asText()).isEqualTo("c");
		JsonNode codes = first.get("codes");
		assertThat(codes).hasSize(4);
		double sum = 0;
		double previous = 1;
		for (JsonNode code : codes) {
			assertThat(code.fieldNames()).toIterable().containsExactly("code", "score");
			assertThat(code.get("score").asDouble()).isBetween(0.0, 1.0).isLessThanOrEqualTo(previous);
			previous = code.get("score").asDouble();
			sum += previous;
		}
		assertThat(sum).as("scores sum to exactly 1").isEqualTo(1.0);
		assertThat(codes.get(0).get("code").asText()).isEqualTo("change");
		assertThat(first.get("tension").get("score").asDouble()).isGreaterThan(0);
		assertThat(first.get("tension").get("cues")).extracting(JsonNode::asText).contains("yet");
		assertThat(json.readTree(lines.get(1)).get("tension").get("score").asDouble()).isZero();
	}

	@Test
	void learnsFromExamples() throws Exception {
		Path in = CliHarness.write(this.dir, "in.jsonl",
				"{\"id\":1,\"text\":\"Another quarterly flumpet meeting.\"}\n");
		Path ex = CliHarness.write(this.dir, "ex.jsonl", """
				{"text": "The flumpet meeting is all about who decides.", "label": "power"}
				{"text": "At the flumpet meeting the centre decides for us.", "label": "power"}
				""");
		Path plain = this.dir.resolve("plain.jsonl");
		Path taught = this.dir.resolve("taught.jsonl");
		assertThat(CliHarness
			.run("code", "--framework", "disconnect", "--input", in.toString(), "--output", plain.toString())
			.exit()).isZero();
		assertThat(CliHarness
			.run("code", "--framework", "disconnect", "--input", in.toString(), "--examples", ex.toString(), "--output",
					taught.toString())
			.exit()).isZero();
		assertThat(powerScore(taught)).isGreaterThan(powerScore(plain));
	}

	private static double powerScore(Path file) throws Exception {
		for (JsonNode code : new ObjectMapper().readTree(Files.readAllLines(file).get(0)).get("codes")) {
			if (code.get("code").asText().equals("power")) {
				return code.get("score").asDouble();
			}
		}
		throw new AssertionError("no power code");
	}

	@Test
	void reportsBadInputWithItsLineAndWritesNothing() throws Exception {
		Path out = this.dir.resolve("out.jsonl");
		Path good = CliHarness.write(this.dir, "good.jsonl", "{\"id\":1,\"text\":\"fine\"}\n");
		CliHarness.Result unknown = CliHarness.run("code", "--framework", "paradoxes", "--input", good.toString(),
				"--output", out.toString());
		assertThat(unknown.exit()).isEqualTo(1);
		assertThat(unknown.err()).contains("Unknown framework 'paradoxes'").contains("paradox, ");

		Path malformed = CliHarness.write(this.dir, "bad.jsonl",
				"{\"id\":1,\"text\":\"fine\"}\n{\"id\":2,\"text\": \n");
		CliHarness.Result bad = CliHarness.run("code", "--framework", "paradox", "--input", malformed.toString(),
				"--output", out.toString());
		assertThat(bad.exit()).isEqualTo(1);
		assertThat(bad.err()).contains("bad.jsonl line 2: malformed JSON");

		Path empty = CliHarness.write(this.dir, "empty.jsonl",
				"{\"id\":1,\"text\":\"fine\"}\n{\"id\":2,\"text\":\"   \"}\n");
		assertThat(CliHarness
			.run("code", "--framework", "paradox", "--input", empty.toString(), "--output", out.toString())
			.err()).contains("empty.jsonl line 2: empty text");

		Path noId = CliHarness.write(this.dir, "noid.jsonl", "{\"text\":\"fine\"}\n");
		assertThat(
				CliHarness.run("code", "--framework", "paradox", "--input", noId.toString(), "--output", out.toString())
					.err())
			.contains("noid.jsonl line 1: missing \"id\"");

		Path badLabel = CliHarness.write(this.dir, "ex.jsonl", "{\"text\":\"x\",\"label\":\"identity\"}\n");
		CliHarness.Result label = CliHarness.run("code", "--framework", "disconnect", "--input", good.toString(),
				"--examples", badLabel.toString(), "--output", out.toString());
		assertThat(label.exit()).isEqualTo(1);
		assertThat(label.err()).contains("ex.jsonl line 1: label 'identity' is not a code of disconnect");
		assertThat(out).doesNotExist();

		// Every problem of both files at once, each with its file and line.
		Path several = CliHarness.write(this.dir, "several.jsonl",
				"{\"id\":1,\"text\":\"\"}\n{\"id\":2,\"text\":\"fine\"}\n{\"text\":\"no id\"}\nnot json\n");
		CliHarness.Result all = CliHarness.run("code", "--framework", "disconnect", "--input", several.toString(),
				"--examples", badLabel.toString(), "--output", out.toString());
		assertThat(all.exit()).isEqualTo(1);
		assertThat(all.err()).contains("4 problems, nothing written")
			.contains("several.jsonl line 1: empty text")
			.contains("several.jsonl line 3: missing \"id\"")
			.contains("several.jsonl line 4: malformed JSON")
			.contains("ex.jsonl line 1: label 'identity'")
			.doesNotContain("line 2");
		assertThat(out).doesNotExist();
	}

	@Test
	void acceptsAByteOrderMarkAndNamesWrongTypesAsSuch() throws Exception {
		Path in = this.dir.resolve("bom.jsonl");
		Files.write(in, ("\uFEFF{\"id\": \"a\", \"text\": \"We share one purpose across the system.\"}\n")
			.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		Path out = this.dir.resolve("bom-out.jsonl");
		CliHarness.Result ok = CliHarness.run("code", "--framework", "paradox", "--input", in.toString(), "--output",
				out.toString());
		assertThat(ok.exit()).as(ok.err()).isZero();
		double sum = 0;
		for (JsonNode code : new ObjectMapper().readTree(Files.readAllLines(out).get(0)).get("codes")) {
			sum += code.get("score").asDouble();
		}
		assertThat(sum).isEqualTo(1.0);
		Path wrong = CliHarness.write(this.dir, "types.jsonl", """
				{"id": "a", "text": 42}
				{"id": ["x"], "text": "fine"}
				""");
		CliHarness.Result bad = CliHarness.run("code", "--framework", "paradox", "--input", wrong.toString(),
				"--output", this.dir.resolve("never.jsonl").toString());
		assertThat(bad.exit()).isEqualTo(1);
		assertThat(bad.err()).contains("line 1: \"text\" must be a string, not a number")
			.contains("line 2: \"id\" must be a string or number, not a list");
	}

	@Test
	void exactSharesSumToOneInAnyOrderAndKeepTheOrder() {
		java.util.Random random = new java.util.Random(3);
		for (int trial = 0; trial < 1000; trial++) {
			int n = 1 + random.nextInt(12);
			double[] scores = new double[n];
			for (int i = 0; i < n; i++) {
				scores[i] = random.nextDouble() * (random.nextBoolean() ? 1 : 1e-9);
			}
			double[] shares = CodeCommand.exactShares(scores);
			double forward = 0;
			double backward = 0;
			for (int i = 0; i < n; i++) {
				forward += shares[i];
				backward += shares[n - 1 - i];
				assertThat(shares[i]).isBetween(0.0, 1.0);
			}
			assertThat(forward).isEqualTo(1.0);
			assertThat(backward).isEqualTo(1.0);
		}
	}

}
