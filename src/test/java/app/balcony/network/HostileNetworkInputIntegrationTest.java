package app.balcony.network;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import app.balcony.assessment.Campaigns;
import app.balcony.identity.Role;
import app.balcony.identity.Tenant;
import app.balcony.jobs.Progress;
import app.balcony.support.Browser;
import app.balcony.support.IntegrationTestBase;
import app.balcony.system.DemoIcs;
import app.balcony.system.SystemImport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Network imports and network surveys under hostile input: each used to end in a 500 or
 * to change data it should have refused.
 */
class HostileNetworkInputIntegrationTest extends IntegrationTestBase {

	@Autowired
	DemoIcs demo;

	@Autowired
	Campaigns campaigns;

	@Autowired
	NetworkService network;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aDraftNamingAHundredThousandPeopleIsA400WithoutAnAccount() throws Exception {
		Tenant northvale = this.demo.ensure(42, 600, Progress.NONE);
		long place = this.jdbc.queryForObject("select min(id) from place where tenant_id = ? and level_key = 'PLACE'",
				Long.class, northvale.id());
		LocalDate today = LocalDate.now();
		long id = this.campaigns.create(northvale.id(), "analyst",
				new Campaigns.Draft("Hostile network " + System.nanoTime(), "network_survey", false, today,
						today.plusDays(7), null, "Baseline",
						new Campaigns.Audience(List.of(place), null, null, null, null, null)));
		this.campaigns.open(northvale.id(), "analyst", id);
		String token = this.campaigns.demoLinks(northvale.id(), id).get(0).token();
		StringBuilder json = new StringBuilder("{\"people\":[");
		for (int i = 1; i <= 100_000; i++) {
			json.append(i > 1 ? "," : "").append("{\"personId\":").append(i).append('}');
		}
		json.append("]}");
		var response = browser().sendJson("PUT", "/api/v1/network-surveys/" + token + "/draft", json.toString(), null);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("At most " + NetworkSurvey.MAX_PEOPLE + " people");
	}

	@Test
	void anEmptyGraphCannotWipeAWaveAndAPostWithoutAFileIsA400() {
		Tenant tenant = this.demo.ensure(42, 600, Progress.NONE);
		List<String> ids = this.jdbc.queryForList(
				"select external_id from person where tenant_id = ? order by id limit 2", String.class, tenant.id());
		String wave = "Kept wave " + System.nanoTime();
		var first = this.network.importTies(tenant.id(), "test", wave, LocalDate.now(), "ties.csv",
				("source_person_id,target_person_id\n" + ids.get(0) + "," + ids.get(1) + "\n")
					.getBytes(StandardCharsets.UTF_8));
		assertThat(first.applied()).isTrue();
		String graphml = """
				<?xml version="1.0" encoding="UTF-8"?>
				<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">
				<node id="a"/><node id="b"/></graph></graphml>
				""";
		var empty = this.network.importTies(tenant.id(), "test", wave, LocalDate.now(), "empty.graphml",
				graphml.getBytes(StandardCharsets.UTF_8));
		assertThat(empty.applied()).isFalse();
		assertThat(empty.errors()).singleElement().asString().contains("no ties");
		assertThat(this.jdbc.queryForObject("select count(*) from network_tie where wave_id = ?", Integer.class,
				first.waveId()))
			.isEqualTo(1);
		var badWeight = this.network.importTies(tenant.id(), "test", wave, LocalDate.now(), "ties.csv",
				("source_person_id,target_person_id,weight\n" + ids.get(0) + "," + ids.get(1) + ",NaN\n")
					.getBytes(StandardCharsets.UTF_8));
		assertThat(badWeight.errors()).singleElement().asString().contains("not a positive number");

		Browser analyst = demoAs(Role.ANALYST);
		analyst.get("/network");
		var noFile = analyst.post("/network/imports", Map.of("wave", "No file"));
		assertThat(noFile.statusCode()).isEqualTo(400);
		assertThat(noFile.body()).contains("Choose a file");
	}

	@Test
	void controlCharactersAreA400NamingTheFieldAndOtherUnicodeIsKept() {
		Tenant tenant = newTenant("controls");
		Browser admin = signedIn(Role.ADMIN, tenant);
		admin.get("/admin/users");
		var nul = admin.post("/admin/users", Map.of("username", "nul@" + tenant.slug() + ".example", "displayName",
				"Null\u0000Byte", "role", "MEMBER", "password", "another-long-one"));
		assertThat(nul.statusCode()).isEqualTo(400);
		assertThat(nul.body()).contains("'displayName' contains a control character (U+0000)");
		String token = this.accounts.createApiToken(tenant.id(), user(Role.ANALYST, tenant), "t", "test");
		var json = browser().sendJson("POST", "/api/v1/evidence/projects",
				"{\"name\":\"Bad\\u0000name\",\"description\":\"\"}", token);
		assertThat(json.statusCode()).isEqualTo(400);
		assertThat(json.body()).contains("name").contains("U+0000");
		// Right-to-left overrides and zero-width characters are text like any other.
		var bidi = browser().sendJson("POST", "/api/v1/evidence/projects",
				"{\"name\":\"Spoof \\u202Egnp.exe\\u200B\",\"description\":\"\"}", token);
		assertThat(bidi.statusCode()).as(bidi.body()).isBetween(200, 201);
	}

	@Test
	void anAudienceOfAMillionIdsIsA400() {
		Tenant tenant = newTenant("audience");
		String token = this.accounts.createApiToken(tenant.id(), user(Role.ANALYST, tenant), "t", "test");
		StringBuilder ids = new StringBuilder();
		for (int i = 1; i <= 1_000_000; i++) {
			ids.append(i > 1 ? "," : "").append(i);
		}
		String draft = "{\"name\":\"Everyone\",\"instrumentKey\":\"readiness_survey\",\"anonymous\":true,\"opensOn\":\""
				+ LocalDate.now() + "\",\"closesOn\":\"" + LocalDate.now().plusDays(5)
				+ "\",\"audience\":{\"organisations\":[" + ids + "]}}";
		var response = browser().sendJson("POST", "/api/v1/assessment/campaigns", draft, token);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("audience").contains("at most " + Campaigns.MAX_AUDIENCE_ENTRIES);
	}

}
