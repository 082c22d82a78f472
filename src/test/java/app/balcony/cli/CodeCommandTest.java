package app.balcony.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
		assertThat(sum).isCloseTo(1.0, within(0.002));
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

}
