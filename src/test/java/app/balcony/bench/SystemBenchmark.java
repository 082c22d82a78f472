package app.balcony.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import app.balcony.identity.BalconyUser;
import app.balcony.identity.Role;
import app.balcony.identity.Tenant;
import app.balcony.jobs.Progress;
import app.balcony.system.ImportError;
import app.balcony.system.ImportReport;
import app.balcony.system.SystemImport;
import app.balcony.system.SystemQueries;
import app.balcony.system.demo.DemoIcsGenerator;
import app.balcony.system.importing.Rows;

/**
 * Foundation benchmark: how long it takes to generate and import a large ICS (all or
 * nothing, in one transaction), to re-import it unchanged, and to answer the overview and
 * a people page. Prints one {@code metric=value unit} line per figure. Usage:
 * {@code bench/run system [people]}.
 */
public final class SystemBenchmark {

	private SystemBenchmark() {
	}

	public static void main(String[] args) {
		int people = args.length > 0 ? Integer.parseInt(args[0]) : 60_000;
		String db = BenchContext.DATABASE;
		try (var context = BenchContext.start()) {
			SystemImport imports = context.getBean(SystemImport.class);
			SystemQueries queries = context.getBean(SystemQueries.class);
			Tenant tenant = BenchContext.newTenant(context);

			long start = System.nanoTime();
			Rows.Batch batch = new DemoIcsGenerator(42, people).generate();
			long generated = System.nanoTime();
			List<ImportError> errors = new ArrayList<>();
			ImportReport first = imports.apply(tenant.id(), batch, LocalDate.of(2022, 7, 1), errors, Progress.NONE);
			long imported = System.nanoTime();
			ImportReport second = imports.apply(tenant.id(), batch, LocalDate.of(2022, 7, 1), new ArrayList<>(),
					Progress.NONE);
			long reimported = System.nanoTime();
			if (!first.applied() || second.created() + second.updated() != 0) {
				throw new IllegalStateException("Import did not behave: " + first.summary() + " / " + second.summary());
			}

			BalconyUser analyst = new BalconyUser(0, "bench", "", true, "Bench", tenant.id(), tenant.slug(),
					tenant.name(), Role.ANALYST);
			double[] overview = Timing.time(60, () -> queries.overview(tenant.id(), LocalDate.now()));
			double[] peoplePage = Timing.time(60, () -> queries.people(analyst, "an", null, null, null, 3, 25));
			double[] hierarchy = Timing.time(60, () -> queries.hierarchy(tenant.id(), LocalDate.now()));
			Runtime runtime = Runtime.getRuntime();
			System.gc();

			System.out.println("database=" + db);
			System.out.println("people=" + batch.people.size() + " count");
			System.out.println("rows=" + batch.size() + " count");
			System.out.printf("generate_ms=%d ms%n", (generated - start) / 1_000_000);
			System.out.printf("import_ms_%s=%d ms%n", db, (imported - generated) / 1_000_000);
			System.out.printf("import_rows_per_s_%s=%d rows/s%n", db,
					(long) (batch.size() / ((imported - generated) / 1e9)));
			System.out.printf("reimport_unchanged_ms_%s=%d ms%n", db, (reimported - imported) / 1_000_000);
			System.out.printf("overview_p95_ms_%s=%.1f ms%n", db, Timing.p95(overview));
			System.out.printf("people_page_p95_ms_%s=%.1f ms%n", db, Timing.p95(peoplePage));
			System.out.printf("hierarchy_p95_ms_%s=%.1f ms%n", db, Timing.p95(hierarchy));
			System.out.printf("heap_used_mb=%d MB%n", (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024));
		}
	}

}
