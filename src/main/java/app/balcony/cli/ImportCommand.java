package app.balcony.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import app.balcony.identity.Tenant;
import app.balcony.identity.TenantAccounts;
import app.balcony.system.ImportError;
import app.balcony.system.ImportKind;
import app.balcony.system.ImportReport;
import app.balcony.system.ImportSource;
import app.balcony.system.SystemImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code balcony import --tenant SLUG FILE…}: imports CSV/XLSX files into a tenant, all
 * or nothing. Exit status 0 when applied, 1 when the files had problems (all listed), 2
 * for usage errors.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
		description = { "Import an ICS from CSV or XLSX files (or a folder of them), all or nothing.",
				"Each file's kind comes from its name (places, organisations, people, governance-bodies,",
				"memberships) unless --kind is given. Problems are listed by file, row and column." })
class ImportCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--tenant", required = true, description = "Tenant slug, e.g. northvale")
	String tenant;

	@Option(names = "--kind",
			description = "Kind of every file: places, organisations, people, governance-bodies, memberships")
	String kind;

	@Parameters(arity = "1..*", paramLabel = "FILE", description = "CSV or XLSX files, or folders holding them")
	List<Path> files;

	@Unmatched
	List<String> springArgs = new java.util.ArrayList<>();

	@Override
	public Integer call() throws IOException {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		ImportKind chosen = null;
		if (this.kind != null) {
			chosen = ImportKind.parse(this.kind).orElse(null);
			if (chosen == null) {
				err.println("Unknown --kind '" + this.kind
						+ "'; use places, organisations, people, governance-bodies or memberships");
				return 2;
			}
		}
		List<ImportSource> sources = new ArrayList<>();
		for (Path path : this.files) {
			if (Files.isDirectory(path)) {
				try (Stream<Path> listing = Files.list(path)) {
					for (Path file : listing.sorted().toList()) {
						String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
						if (name.endsWith(".csv") || name.endsWith(".xlsx")) {
							sources
								.add(new ImportSource(file.getFileName().toString(), chosen, Files.readAllBytes(file)));
						}
					}
				}
			}
			else if (Files.isRegularFile(path)) {
				sources.add(new ImportSource(path.getFileName().toString(), chosen, Files.readAllBytes(path)));
			}
			else {
				err.println("No such file: " + path);
				return 2;
			}
		}
		if (sources.isEmpty()) {
			err.println("No CSV or XLSX files found in " + this.files);
			return 2;
		}
		try (var context = BalconyCommand.startHeadless(this.springArgs)) {
			Tenant target = context.getBean(TenantAccounts.class).findTenant(this.tenant).orElse(null);
			if (target == null) {
				err.println("No tenant '" + this.tenant + "'. Create it with: balcony admin create-admin --tenant "
						+ this.tenant + " …");
				return 2;
			}
			ConsoleProgress progress = new ConsoleProgress(err);
			ImportReport report = context.getBean(SystemImport.class)
				.importNow(target.id(), "cli:" + System.getProperty("user.name", "unknown"), sources, progress);
			progress.finish();
			if (!report.applied()) {
				err.println(report.summary());
				for (ImportError error : report.errors()) {
					err.println("  " + error);
				}
				if (report.moreErrors() > 0) {
					err.println("  …and " + report.moreErrors() + " more problems, not listed.");
				}
				return 1;
			}
			out.println(report.summary());
			report.counts()
				.entrySet()
				.stream()
				.filter(e -> e.getValue().total() > 0)
				.forEach(e -> printCounts(out, e.getKey(), e.getValue()));
			return 0;
		}
	}

	private static void printCounts(PrintWriter out, String kind, app.balcony.system.ImportReport.Counts c) {
		out.printf("  %-18s %6d created %6d updated %6d unchanged%n", kind, c.created(), c.updated(), c.unchanged());
	}

}
