package app.balcony.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.UUID;

import app.balcony.BalconyApplication;
import app.balcony.identity.Tenant;
import app.balcony.identity.TenantAccounts;
import app.balcony.jobs.Progress;
import app.balcony.system.SystemImport;
import app.balcony.system.demo.DemoIcsGenerator;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the database benchmarks share: Balcony without a web server or job worker, on H2
 * in memory or on the database in BALCONY_DB_URL, and a new tenant with the demo ICS.
 */
final class BenchContext {

	/** The JDBC URL the benchmark measures. */
	static final String URL = System.getenv()
		.getOrDefault("BALCONY_DB_URL", "jdbc:h2:mem:bench-" + UUID.randomUUID()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");

	/** "postgres" or "h2", for the metric names. */
	static final String DATABASE = URL.startsWith("jdbc:postgresql") ? "postgres" : "h2";

	private BenchContext() {
	}

	static ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(BalconyApplication.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.run("--spring.datasource.url=" + URL, "--balcony.jobs.worker-enabled=false", "--logging.level.root=WARN");
	}

	static Tenant newTenant(ConfigurableApplicationContext context) {
		return context.getBean(TenantAccounts.class)
			.createTenant("bench-" + UUID.randomUUID().toString().substring(0, 8), "Bench");
	}

	/** A new tenant with the demo ICS of about {@code people} people, imported. */
	static Tenant demoIcs(ConfigurableApplicationContext context, int people) {
		Tenant tenant = newTenant(context);
		context.getBean(SystemImport.class)
			.apply(tenant.id(), new DemoIcsGenerator(42, people).generate(), LocalDate.of(2022, 7, 1),
					new ArrayList<>(), Progress.NONE);
		return tenant;
	}

}
