package app.balcony.system;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import app.balcony.identity.Role;
import app.balcony.identity.Tenant;
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
	void shouldAnswerNotFoundForEveryRecordOfAnotherTenant() throws Exception {
		Tenant a = newTenant("iso-a");
		Tenant b = newTenant("iso-b");
		var report = this.imports.importNow(b.id(), "test",
				ImportIntegrationTest.allFiles()
					.entrySet()
					.stream()
					.map(e -> new ImportSource(e.getKey(), null, e.getValue()))
					.toList(),
				SystemImport.ProgressListener.NONE);
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

	private long first(String table, Tenant tenant) {
		return this.jdbc.queryForObject("select min(id) from " + table + " where tenant_id = ?", Long.class,
				tenant.id());
	}

}
