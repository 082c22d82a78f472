package app.balcony.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import app.balcony.BalconyApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line as a script uses it: the commands it lists, creating the first admin,
 * and an all-or-nothing import with errors by file, row and column and a meaningful exit
 * status.
 */
class CliTest {

	@TempDir
	Path dir;

	final String db = "--spring.datasource.url=jdbc:h2:mem:cli-" + UUID.randomUUID()
			+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

	record Result(int exit, String out, String err) {
	}

	Result run(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		CommandLine cli = new CommandLine(new BalconyCommand(BalconyApplication.class));
		cli.setOut(new PrintWriter(out, true));
		cli.setErr(new PrintWriter(err, true));
		int exit = cli.execute(args);
		return new Result(exit, out.toString(), err.toString());
	}

	@Test
	void listsTheCommands() {
		Result help = run("--help");
		assertThat(help.exit()).isZero();
		assertThat(help.out()).contains("serve").contains("demo").contains("import").contains("admin");
		assertThat(run("admin", "--help").out()).contains("create-admin")
			.contains("reset-password")
			.contains("create-token");
	}

	@Test
	void createsAnAdminThenImportFilesAllOrNothing() throws Exception {
		Result created = run("admin", "create-admin", "--tenant", "westbrook", "--tenant-name", "Westbrook ICS",
				"--username", "Ops@Westbrook.example", "--password", "a-good-long-password", this.db);
		assertThat(created.exit()).as(created.err()).isZero();
		assertThat(created.out()).contains("Created admin 'ops@westbrook.example' in tenant 'westbrook'");

		Path places = this.dir.resolve("places.csv");
		Files.writeString(places, """
				place_id,name,level,parent_place_id,population,valid_from,valid_to,predecessor_place_ids
				SYS,Westbrook,system,,600000,2022-07-01,,
				P-A,Alderton,place,SYS,abc,2022-07-01,,
				P-B,Brookfield,village,SYS,300000,2022-07-01,,
				""", StandardCharsets.UTF_8);
		Result rejected = run("import", "--tenant", "westbrook", places.toString(), this.db);
		assertThat(rejected.exit()).isEqualTo(1);
		assertThat(rejected.err()).contains("Nothing was imported: 2 problems")
			.contains("places.csv, row 3, column population: 'abc' is not a whole number")
			.contains("places.csv, row 4, column level: 'village' is not one of: system, place or neighbourhood");

		Files.writeString(places, Files.readString(places).replace(",abc,", ",300000,").replace("village", "place"));
		Result imported = run("import", "--tenant", "westbrook", this.dir.toString(), this.db);
		assertThat(imported.exit()).as(imported.err()).isZero();
		assertThat(imported.out()).contains("Imported 3 rows: 3 created, 0 updated, 0 unchanged.");

		Result again = run("import", "--tenant", "westbrook", places.toString(), this.db);
		assertThat(again.out()).contains("0 created, 0 updated, 3 unchanged");
	}

	@Test
	void refusesUnknownTenantsKindsAndFiles() {
		assertThat(run("import", "--tenant", "nowhere", "missing.csv", this.db).err()).contains("No such file");
		Result kind = run("import", "--tenant", "x", "--kind", "budgets", "a.csv", this.db);
		assertThat(kind.exit()).isEqualTo(2);
		assertThat(kind.err()).contains("Unknown --kind 'budgets'");
		Result weak = run("admin", "create-admin", "--tenant", "t1", "--username", "a@b.example", "--password", "short",
				this.db);
		assertThat(weak.exit()).isEqualTo(1);
		assertThat(weak.err()).contains("Password must be at least 10 characters");
	}

}
