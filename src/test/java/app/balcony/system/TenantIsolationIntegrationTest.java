package app.balcony.system;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import app.balcony.identity.Role;
import app.balcony.identity.Tenant;
import app.balcony.jobs.Progress;
import app.balcony.support.Browser;
import app.balcony.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user of tenant A can reach nothing of tenant B: every page and API path naming one of
 * B's records answers 404, and B's data never appears in A's lists, search or overview.
 */
class TenantIsolationIntegrationTest extends IntegrationTestBase {

	@Autowired
	SystemImport imports;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ObjectMapper json;

	@Test
	void answersNotFoundForEveryRecordOfAnotherTenant() throws Exception {
		Tenant a = newTenant("iso-a");
		Tenant b = newTenant("iso-b");
		var report = this.imports.importNow(b.id(), "test",
				ImportIntegrationTest.allFiles()
					.entrySet()
					.stream()
					.map(e -> new ImportSource(e.getKey(), null, e.getValue()))
					.toList(),
				Progress.NONE);
		assertThat(report.applied()).isTrue();
		long bJob = this.imports.submit(b.id(), "test", List
			.of(new ImportSource("places.csv", null, ImportIntegrationTest.bytes(ImportIntegrationTest.PLACES))));

		long place = first("place", b);
		long organisation = first("organisation", b);
		long person = first("person", b);
		long body = first("governance_body", b);
		List<String> pages = List.of("/places/" + place, "/organisations/" + organisation, "/people/" + person,
				"/governance/" + body, "/imports/" + bJob, "/imports/" + bJob + "/status");
		List<String> api = List.of("/api/v1/places/" + place, "/api/v1/organisations/" + organisation,
				"/api/v1/people/" + person, "/api/v1/governance-bodies/" + body, "/api/v1/imports/" + bJob);

		Browser adminOfA = signedIn(Role.ADMIN, a);
		for (String path : pages) {
			assertThat(adminOfA.get(path).statusCode()).as(path).isEqualTo(404);
		}
		String token = this.accounts.createApiToken(a.id(), user(Role.ADMIN, a), "probe", "test");
		for (String path : api) {
			var response = adminOfA.getJson(path, token);
			assertThat(response.statusCode()).as(path).isEqualTo(404);
			assertThat(response.body()).as(path).doesNotContain("Westbrook").doesNotContain("Robin");
		}

		assertThat(adminOfA.get("/search?q=westbrook").body()).contains("Nothing matches");
		assertThat(adminOfA.get("/people").body()).doesNotContain("Robin Ashdown");
		var overview = this.json.readTree(adminOfA.getJson("/api/v1/overview", token).body());
		assertThat(overview.path("organisations").asInt()).isZero();

		// The owner sees them.
		Browser adminOfB = signedIn(Role.ADMIN, b);
		for (String path : pages) {
			assertThat(adminOfB.get(path).statusCode()).as(path).isEqualTo(200);
		}
	}

	@Autowired
	org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping routes;

	/**
	 * Generated from the route table: every GET page and API path with path variables,
	 * each variable set in turn to every id tenant B owns (places, organisations, people,
	 * bodies, accounts, campaigns, waves, projects, sources, codes, 360s, imports), asked
	 * by A's admin. None may answer with B's data or a 5xx. Accounts too: A's admin
	 * cannot disable B's account.
	 */
	@Test
	void noRouteOfTheApplicationGivesAnotherTenantsRecordsAway() throws Exception {
		Tenant a = newTenant("iso-routes-a");
		Tenant b = newTenant("iso-routes-b");
		String marker = "Zebrafinch" + Long.toString(System.nanoTime(), 36);
		var report = this.imports.importNow(b.id(), "test", ImportIntegrationTest.allFiles()
			.entrySet()
			.stream()
			.map(e -> new ImportSource(e.getKey(), null,
					new String(e.getValue(), java.nio.charset.StandardCharsets.UTF_8).replace("Westbrook", marker)
						.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
			.toList(), Progress.NONE);
		assertThat(report.applied()).isTrue();
		String bToken = this.accounts.createApiToken(b.id(), user(Role.ANALYST, b), "setup", "test");
		Browser api = browser();
		api.sendJson("POST", "/api/v1/evidence/projects", "{\"name\":\"" + marker + " project\"}", bToken);
		java.util.Set<Long> ids = new java.util.TreeSet<>();
		for (String table : List.of("place", "organisation", "person", "governance_body", "campaign", "network_wave",
				"evidence_project", "evidence_source", "evidence_code", "feedback", "job")) {
			ids.addAll(this.jdbc.queryForList("select id from " + table + " where tenant_id = ?", Long.class, b.id()));
		}
		ids.addAll(
				this.jdbc.queryForList("select account_id from tenant_role where tenant_id = ?", Long.class, b.id()));
		assertThat(ids).isNotEmpty();

		Browser adminOfA = signedIn(Role.ADMIN, a);
		String token = this.accounts.createApiToken(a.id(), user(Role.ADMIN, a), "probe", "test");
		java.util.regex.Pattern variable = java.util.regex.Pattern.compile("\\{[^}]+}");
		int probed = 0;
		for (var entry : this.routes.getHandlerMethods().entrySet()) {
			var info = entry.getKey();
			if (!info.getMethodsCondition().getMethods().isEmpty() && !info.getMethodsCondition()
				.getMethods()
				.contains(org.springframework.web.bind.annotation.RequestMethod.GET)) {
				continue;
			}
			for (String pattern : info.getPatternValues()) {
				if (!pattern.contains("{") || pattern.contains("{token") || pattern.contains("{file")
						|| pattern.contains("{format")) {
					continue;
				}
				for (long id : ids) {
					String path = variable.matcher(pattern).replaceAll(Long.toString(id));
					var response = path.startsWith("/api/") ? adminOfA.getJson(path, token) : adminOfA.get(path);
					probed++;
					assertThat(response.statusCode()).as(path).isLessThan(500);
					assertThat(response.body()).as(path).doesNotContain(marker);
				}
			}
		}
		assertThat(probed).as("routes probed").isGreaterThan(100);

		// Accounts: B's analyst cannot be disabled (or even found) by A's admin.
		long bAnalyst = this.jdbc
			.queryForObject("select r.account_id from tenant_role r join account c on c.id = r.account_id "
					+ "where r.tenant_id = ? and c.username = ?", Long.class, b.id(), user(Role.ANALYST, b));
		adminOfA.get("/admin/users");
		var disable = adminOfA.post("/admin/users/" + bAnalyst + "/enabled", Map.of("enabled", "false"));
		assertThat(disable.statusCode()).isEqualTo(404);
		assertThat(this.accounts.accounts(b.id())).filteredOn(x -> x.id() == bAnalyst)
			.singleElement()
			.satisfies(x -> assertThat(x.enabled()).isTrue());
		assertThat(browser().getJson("/api/v1/me", bToken).statusCode()).isEqualTo(200);
	}

	private long first(String table, Tenant tenant) {
		return this.jdbc.queryForObject("select min(id) from " + table + " where tenant_id = ?", Long.class,
				tenant.id());
	}

}
