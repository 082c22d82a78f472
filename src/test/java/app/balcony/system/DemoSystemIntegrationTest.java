package app.balcony.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.balcony.identity.AuditLog;
import app.balcony.identity.Role;
import app.balcony.identity.Tenant;
import app.balcony.jobs.Progress;
import app.balcony.support.Browser;
import app.balcony.support.IntegrationTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo ICS through the pages and the API: the overview, effective-dated history
 * across the 2024 split of Eastmoor and the 2023 community trust merger, and what each
 * role may see.
 */
class DemoSystemIntegrationTest extends IntegrationTestBase {

	@Autowired
	DemoIcs demo;

	@Autowired
	ObjectMapper json;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	AuditLog audit;

	Tenant northvale;

	@BeforeEach
	void demoIcs() {
		this.northvale = this.demo.ensure(42, 600, Progress.NONE);
	}

	Browser as(Role role) {
		return demoAs(role);
	}

	long id(String table, String externalId) {
		return this.jdbc.queryForObject("select id from " + table + " where tenant_id = ? and external_id = ?",
				Long.class, this.northvale.id(), externalId);
	}

	@Test
	void showsTheOverviewWithFourPlacesTodayAndThreeBeforeTheSplit() throws Exception {
		Browser analyst = as(Role.ANALYST);
		String today = analyst.get("/").body();
		assertThat(today).contains("Northvale")
			.contains("Eastmoor North")
			.contains("Eastmoor South")
			.contains("1,000,000");
		assertThat(today).contains("Restructures").contains("split into");

		String before = analyst.get("/?asOf=2023-06-30").body();
		assertThat(before).contains("As it was on").contains("30 June 2023");
		assertThat(before).contains(">Eastmoor<").doesNotContain("Eastmoor North");

		JsonNode then = this.json.readTree(analyst.getJson("/api/v1/overview?asOf=2023-06-30", null).body());
		JsonNode now = this.json.readTree(analyst.getJson("/api/v1/overview", null).body());
		assertThat(then.path("places")).hasSize(3);
		assertThat(now.path("places")).hasSize(4);
		assertThat(now.path("neighbourhoods").asInt()).isEqualTo(20);
		assertThat(now.path("organisationsBySector").size()).isGreaterThanOrEqualTo(12);
		assertThat(then.path("system").path("name").asText()).isEqualTo("Northvale");
	}

	@Test
	void showsAnEndedPlaceWithWhatReplacedIt() {
		Browser member = as(Role.MEMBER);
		String eastmoor = member.get("/places/" + id("place", "P-EM")).body();
		assertThat(eastmoor).contains("No longer in force").contains("Eastmoor North").contains("Eastmoor South");
		String north = member.get("/places/" + id("place", "P-EMN")).body();
		assertThat(north).contains("Formed from").contains("Oakhurst").contains("North Eastmoor Council");
		String eastmoorThen = member.get("/places/" + id("place", "P-EM") + "?asOf=2023-01-01").body();
		assertThat(eastmoorThen).contains("Eastmoor County Council").contains("Oakhurst");
	}

	@Test
	void keepsMembershipHistoryAcrossTheCommunityTrustMerger() throws Exception {
		Browser analyst = as(Role.ANALYST);
		long merged = id("organisation", "O-NCH");
		JsonNode trust = this.json.readTree(analyst.getJson("/api/v1/organisations/" + merged, null).body());
		assertThat(trust.path("predecessors")).hasSize(2);
		long personId = trust.path("members").path("items").get(0).path("personId").asLong();
		Long movedPerson = this.jdbc.queryForObject("select min(m.person_id) from organisation_membership m "
				+ "join organisation o on o.id = m.organisation_id where o.external_id in ('O-KCS', 'O-EHC') and m.tenant_id = ?",
				Long.class, this.northvale.id());
		JsonNode person = this.json.readTree(analyst.getJson("/api/v1/people/" + movedPerson, null).body());
		assertThat(person.path("organisations").size()).isGreaterThanOrEqualTo(2);
		assertThat(person.path("organisations").findValuesAsText("targetName"))
			.contains("Northvale Community Health NHS Trust");
		assertThat(personId).isPositive();

		long old = id("organisation", "O-KCS");
		JsonNode before = this.json
			.readTree(analyst.getJson("/api/v1/organisations/" + old + "?asOf=2023-09-30", null).body());
		JsonNode after = this.json
			.readTree(analyst.getJson("/api/v1/organisations/" + old + "?asOf=2023-10-01", null).body());
		assertThat(before.path("members").path("total").asInt()).isPositive();
		assertThat(after.path("members").path("total").asInt()).isZero();
	}

	@Test
	void showsTheMapOrganisationsGovernanceAndSearch() {
		Browser facilitator = as(Role.FACILITATOR);
		String map = facilitator.get("/places").body();
		assertThat(map).contains("Map of places")
			.contains("Kingsmere")
			.contains("Riverside")
			.contains("Primary Care Network");
		assertThat(facilitator.get("/organisations?sector=vcse").body()).contains("St Brigid&#39;s Hospice")
			.doesNotContain("Northvale Constabulary");
		long icp = id("governance_body", "GB-ICP");
		assertThat(facilitator.get("/governance/" + icp).body()).contains("Northvale Integrated Care Partnership")
			.contains("Chair");
		String search = facilitator.get("/search?q=healthwatch").body();
		assertThat(search).contains("Healthwatch Kingsmere").contains("Healthwatch Eastmoor");
	}

	@Test
	void showsContactDetailsOnlyToRolesThatNeedThemAndAuditViews() throws Exception {
		long personId = this.jdbc.queryForObject("select min(id) from person where tenant_id = ? and email is not null",
				Long.class, this.northvale.id());
		String email = this.jdbc.queryForObject("select email from person where id = ?", String.class, personId);
		long viewsBefore = this.audit.count(this.northvale.id(), "PERSON_VIEWED", "person "
				+ this.jdbc.queryForObject("select external_id from person where id = ?", String.class, personId));

		assertThat(as(Role.ANALYST).get("/people/" + personId).body()).contains(email);
		assertThat(as(Role.MEMBER).get("/people/" + personId).body()).doesNotContain(email)
			.contains("Organisations over time");
		JsonNode page = this.json.readTree(as(Role.FACILITATOR).getJson("/api/v1/people?size=50", null).body());
		assertThat(page.path("items").findValues("email")).isEmpty();

		long viewsAfter = this.audit.count(this.northvale.id(), "PERSON_VIEWED", "person "
				+ this.jdbc.queryForObject("select external_id from person where id = ?", String.class, personId));
		assertThat(viewsAfter - viewsBefore).isEqualTo(2);
	}

	@Test
	void answersBadInputWithAClearMessage() {
		Browser member = as(Role.MEMBER);
		var page = member.get("/?asOf=last-tuesday");
		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(page.body()).contains("yyyy-mm-dd").contains("last-tuesday");
		var api = member.getJson("/api/v1/overview?asOf=2023-13-45", null);
		assertThat(api.statusCode()).isEqualTo(400);
		assertThat(api.body()).contains("asOf");
		assertThat(member.get("/places/abc").statusCode()).isEqualTo(400);
		assertThat(member.getJson("/api/v1/people?staffGroup=wizard", null).statusCode()).isEqualTo(400);
	}

	@Test
	void pagesLongListsKeepingFilters() {
		Browser analyst = as(Role.ANALYST);
		String first = analyst.get("/people?staffGroup=clinical").body();
		assertThat(first).contains("Showing 1 to 25").contains("page=1").contains("staffGroup=clinical");
		String second = analyst.get("/people?staffGroup=clinical&page=1").body();
		assertThat(second).contains("Showing 26 to 50");
	}

	@Test
	void describesTheApiWithOpenApi() throws Exception {
		var docs = browser().getJson("/v3/api-docs", null);
		assertThat(docs.statusCode()).isEqualTo(200);
		JsonNode paths = this.json.readTree(docs.body()).path("paths");
		assertThat(paths.has("/api/v1/overview")).isTrue();
		assertThat(paths.has("/api/v1/people/{id}")).isTrue();
		assertThat(paths.has("/api/v1/imports")).isTrue();
		assertThat(browser().get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
	}

}
