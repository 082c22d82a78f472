package app.balcony.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import app.balcony.BalconyApplication;
import picocli.CommandLine;

/** Runs Balcony's command line in process for the file-based command tests. */
final class CliHarness {

	record Result(int exit, String err) {
	}

	private CliHarness() {
	}

	static Result run(String... args) {
		StringWriter err = new StringWriter();
		CommandLine cli = new CommandLine(new BalconyCommand(BalconyApplication.class));
		cli.setErr(new PrintWriter(err, true));
		cli.setOut(new PrintWriter(new StringWriter(), true));
		return new Result(cli.execute(args), err.toString());
	}

	static Path write(Path dir, String name, String content) throws Exception {
		Path file = dir.resolve(name);
		Files.writeString(file, content, StandardCharsets.UTF_8);
		return file;
	}

}
