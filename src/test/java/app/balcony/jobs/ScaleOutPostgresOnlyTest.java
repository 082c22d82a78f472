package app.balcony.jobs;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import app.balcony.BalconyApplication;
import app.balcony.identity.AuditLog;
import app.balcony.identity.Role;
import app.balcony.identity.Tenant;
import app.balcony.identity.TenantAccounts;
import app.balcony.support.Browser;
import app.balcony.support.TestDatabase;
import app.balcony.system.ImportSource;
import app.balcony.system.SystemImport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two Balcony instances on one PostgreSQL, as behind a load balancer: every queued job
 * runs exactly once, on whichever instance claims it, and a session started on one
 * instance is valid on the other.
 */
class ScaleOutPostgresOnlyTest {

	static ConfigurableApplicationContext one;

	static ConfigurableApplicationContext two;

	@BeforeAll
	static void startTwoInstances() {
		String url = TestDatabase.newUrl();
		one = start(url);
		two = start(url);
	}

	static ConfigurableApplicationContext start(String url) {
		return new SpringApplicationBuilder(BalconyApplication.class).run("--server.port=0",
				"--spring.datasource.url=" + url, "--spring.datasource.username=" + TestDatabase.postgresUser(),
				"--spring.datasource.password=", "--balcony.jobs.poll-interval=50ms", "--balcony.jobs.threads=2");
	}

	@AfterAll
	static void stop() {
		two.close();
		one.close();
	}

	static String base(ConfigurableApplicationContext context) {
		return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	@Test
	void runsEachQueuedJobExactlyOnceAcrossInstances() {
		TenantAccounts accounts = one.getBean(TenantAccounts.class);
		Tenant tenant = accounts.createTenant("scale-jobs", "Scale test");
		SystemImport imports = one.getBean(SystemImport.class);
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			String csv = "place_id,name,level,parent_place_id,population,valid_from,valid_to,predecessor_place_ids\n"
					+ "J" + i + ",Place " + i + ",place,,1000,2022-07-01,,\n";
			ids.add(imports.submit(tenant.id(), "test", List.of(new ImportSource("places-" + i + ".csv", null,
					csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)))));
		}
		JdbcTemplate jdbc = one.getBean(JdbcTemplate.class);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> jdbc.queryForObject("select count(*) from job where tenant_id = ? and status = 'SUCCEEDED'",
					Long.class, tenant.id()) == 12);
		assertThat(jdbc.queryForList("select attempts from job where tenant_id = ?", Integer.class, tenant.id()))
			.containsOnly(1);
		AuditLog audit = one.getBean(AuditLog.class);
		for (int i = 0; i < 12; i++) {
			assertThat(audit.count(tenant.id(), "IMPORT_APPLIED", "places-" + i + ".csv")).as("job " + i).isEqualTo(1);
		}
		assertThat(jdbc.queryForObject("select count(*) from place where tenant_id = ?", Long.class, tenant.id()))
			.isEqualTo(12);
		// Other test contexts in this JVM share the database and run workers too, so
		// which
		// instances took the jobs varies; what matters is that several did, each job
		// once.
		assertThat(
				jdbc.queryForList("select distinct claimed_by from job where tenant_id = ?", String.class, tenant.id()))
			.as("several instances took part")
			.hasSizeGreaterThanOrEqualTo(2);
	}

	@Test
	void keepsASessionWhenTheNextRequestReachesTheOtherInstance() {
		TenantAccounts accounts = one.getBean(TenantAccounts.class);
		Tenant tenant = accounts.createTenant("scale-session", "Session test");
		accounts.createAccount(tenant.id(), "roaming@scale.example", "Roaming User", "a-long-password", Role.ANALYST,
				"test");
		Browser onOne = new Browser(base(one));
		onOne.signIn("roaming@scale.example", "a-long-password");
		Browser onTwo = new Browser(base(two), onOne);
		HttpResponse<String> page = onTwo.get("/");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Roaming User").contains("Session test");
		onTwo.post("/logout", Map.of());
		assertThat(onOne.get("/").statusCode()).as("signed out everywhere").isEqualTo(302);
	}

}
