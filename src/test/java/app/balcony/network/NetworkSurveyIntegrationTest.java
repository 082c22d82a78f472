package app.balcony.network;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.balcony.identity.Role;
import app.balcony.identity.Tenant;
import app.balcony.jobs.Progress;
import app.balcony.support.Browser;
import app.balcony.support.IntegrationTestBase;
import app.balcony.system.DemoIcs;
import app.balcony.system.SystemImport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A network survey end to end: an analyst sets it up as a campaign (never anonymous),
 * respondents open their links without an account, search the roster (own organisation
 * left out), name people and organisations with how often, what flows and how useful,
 * save and come back, submit exactly once (page or API); the ties form a wave whose
 * analysis counts respondents who named nobody, with organisation-level ties, the map
 * data, and the group-level map for members.
 */
class NetworkSurveyIntegrationTest extends IntegrationTestBase {

	static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	DemoIcs demo;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	NetworkService network;

	@Autowired
	NetworkProperties networkProperties;

	@Autowired
	NetworkSurvey survey;

	Tenant northvale;

	@BeforeEach
	void demoIcs() {
		this.northvale = this.demo.ensure(42, 600, Progress.NONE);
	}

	private long campaignId(String name) {
		return this.jdbc.queryForObject("select id from campaign where tenant_id = ? and name = ?", Long.class,
				this.northvale.id(), name);
	}

	/** A person of another organisation than the respondent's, by name search. */
	private Map<String, Object> someoneElsewhere(long respondent) {
		return this.jdbc.queryForMap("select p.id, p.name, o.id as org_id from person p "
				+ "join organisation_membership m on m.person_id = p.id join organisation o on o.id = m.organisation_id "
				+ "where p.tenant_id = ? and m.valid_to is null and o.id not in (select organisation_id from "
				+ "organisation_membership where person_id = ?) order by p.id limit 1", this.northvale.id(),
				respondent);
	}

	/** A wave's analysis through the API, with an analyst's token. */
	private JsonNode analysis(Browser browser, long waveId, String groupBy) throws Exception {
		String token = this.accounts.createApiToken(this.northvale.id(), DemoIcs.ACCOUNTS.get(1).username(),
				"test " + System.nanoTime(), "test");
		return JSON.readTree(
				browser.getJson("/api/v1/network/waves/" + waveId + "/analysis?groupBy=" + groupBy, token).body());
	}

	@Test
	void anAnalystRunsANetworkSurveyAndRespondentsNameTiesOnce() throws Exception {
		Browser analyst = demoAs(Role.ANALYST);
		analyst.get("/assessment");
		String name = "Who works with whom " + System.nanoTime();
		Map<String, String> form = new HashMap<>(Map.of("name", name, "instrument", "network_survey", "anonymous",
				"true", "opensOn", LocalDate.now().toString(), "closesOn", LocalDate.now().plusDays(14).toString(),
				"sectors", "PRIMARY_CARE"));
		// Answers name people, so a network survey cannot be anonymous.
		assertThat(analyst.post("/assessment/campaigns", form).body()).contains("cannot be anonymous");
		form.remove("anonymous");
		analyst.get("/assessment");
		assertThat(analyst.post("/assessment/campaigns", form).statusCode()).isEqualTo(302);
		long id = campaignId(name);
		String csv = handOut(analyst, id);
		Matcher m = Pattern.compile("/s/([A-Za-z0-9_-]{32})").matcher(csv);
		List<String> tokens = new ArrayList<>();
		while (m.find()) {
			tokens.add(m.group(1));
		}
		assertThat(tokens).hasSizeGreaterThanOrEqualTo(3);
		// Until it opens, a link shows no form.
		assertThat(browser().get("/s/" + tokens.get(0) + "/network").body()).contains("has not opened yet")
			.doesNotContain("Search by name, job title or organisation");
		analyst.get("/assessment/campaigns/" + id);
		analyst.post("/assessment/campaigns/" + id + "/open", Map.of());

		// The ordinary survey link leads to the network survey.
		Browser respondent = browser();
		String token = tokens.get(0);
		HttpResponse<String> opened = respondent.get("/s/" + token);
		assertThat(opened.statusCode()).isEqualTo(302);
		assertThat(opened.headers().firstValue("Location").orElseThrow()).endsWith("/s/" + token + "/network");
		String page = respondent.get("/s/" + token + "/network").body();
		assertThat(page).contains("People you work with outside your organisation").contains("confidential");

		long me = this.jdbc.queryForObject(
				"select person_id from campaign_invitation where campaign_id = ? and token_hash = ?", Long.class, id,
				java.util.HexFormat.of()
					.formatHex(java.security.MessageDigest.getInstance("SHA-256")
						.digest(token.getBytes(StandardCharsets.US_ASCII))));
		long myOrganisation = this.jdbc.queryForObject(
				"select min(organisation_id) from organisation_membership where person_id = ? and valid_to is null",
				Long.class, me);
		Map<String, Object> other = someoneElsewhere(me);
		long otherId = ((Number) other.get("id")).longValue();
		String otherName = (String) other.get("name");
		long otherOrganisation = ((Number) other.get("org_id")).longValue();

		// The roster search finds them, and never lists the respondent's own colleagues.
		JsonNode found = JSON.readTree(
				respondent
					.getJson("/api/v1/network-surveys/" + token + "/roster?q="
							+ java.net.URLEncoder.encode(otherName, StandardCharsets.UTF_8), null)
					.body());
		assertThat(found.findValuesAsText("id")).contains(Long.toString(otherId));
		List<Long> colleagues = this.jdbc.queryForList(
				"select person_id from organisation_membership where organisation_id = ? and valid_to is null "
						+ "and person_id not in (select person_id from organisation_membership where organisation_id <> ? "
						+ "and valid_to is null)",
				Long.class, myOrganisation, myOrganisation);
		String colleagueName = this.jdbc.queryForObject("select name from person where id = ?", String.class,
				colleagues.stream().filter(c -> c != me).findFirst().orElseThrow());
		JsonNode colleagueSearch = JSON.readTree(
				respondent
					.getJson("/api/v1/network-surveys/" + token + "/roster?q="
							+ java.net.URLEncoder.encode(colleagueName, StandardCharsets.UTF_8), null)
					.body());
		for (JsonNode c : colleagueSearch) {
			assertThat(colleagues).doesNotContain(c.get("id").asLong());
		}

		// Add them on the page (without JavaScript), submit incomplete: told what is
		// missing.
		respondent.get("/s/" + token + "/network?q=x");
		assertThat(respondent.post("/s/" + token + "/network", Map.of("add", "p." + otherId)).statusCode())
			.isEqualTo(302);
		page = respondent.get("/s/" + token + "/network").body();
		assertThat(page).contains(otherName).contains("The people you named (1)");
		HttpResponse<String> incomplete = respondent.postMulti("/s/" + token + "/network",
				List.of(Map.entry("p." + otherId, "1"), Map.entry("action", "submit")));
		assertThat(incomplete.body()).contains(otherName + ": say how often you work together")
			.contains("choose at least one thing that flows between you");
		// Fill it in with two flows (checkboxes) and an organisation the team depends on;
		// save.
		assertThat(respondent.postMulti("/s/" + token + "/network",
				List.of(Map.entry("p." + otherId, "1"), Map.entry("p." + otherId + ".frequency", "weekly"),
						Map.entry("p." + otherId + ".flows", "advice"), Map.entry("p." + otherId + ".flows", "trust"),
						Map.entry("p." + otherId + ".usefulness", "4"), Map.entry("add", "o." + otherOrganisation)))
			.statusCode()).isEqualTo(302);
		respondent.get("/s/" + token + "/network");
		respondent.postMulti("/s/" + token + "/network",
				List.of(Map.entry("p." + otherId, "1"), Map.entry("p." + otherId + ".frequency", "weekly"),
						Map.entry("p." + otherId + ".flows", "advice"), Map.entry("p." + otherId + ".flows", "trust"),
						Map.entry("p." + otherId + ".usefulness", "4"), Map.entry("o." + otherOrganisation, "1"),
						Map.entry("o." + otherOrganisation + ".frequency", "daily"),
						Map.entry("o." + otherOrganisation + ".flows", "decisions"),
						Map.entry("o." + otherOrganisation + ".usefulness", "5"), Map.entry("action", "save")));
		JsonNode saved = JSON.readTree(respondent.getJson("/api/v1/network-surveys/" + token, null).body());
		assertThat(saved.get("people").get(0).get("flows").toString()).contains("advice").contains("trust");
		assertThat(saved.get("organisations").get(0).get("frequency").asText()).isEqualTo("daily");
		// Naming one's own organisation, or a made-up person, is refused with what and
		// where.
		assertThat(respondent
			.sendJson("PUT", "/api/v1/network-surveys/" + token + "/draft",
					"{\"organisations\":[{\"organisationId\":" + myOrganisation + "}]}", null)
			.body()).contains("o." + myOrganisation + ": no such organisation to choose");
		assertThat(respondent
			.sendJson("PUT", "/api/v1/network-surveys/" + token + "/draft",
					"{\"people\":[{\"personId\":99999999,\"frequency\":\"hourly\"}]}", null)
			.statusCode()).isEqualTo(400);

		// Submit (the page posts every field with its button); a second submit changes
		// nothing.
		respondent.get("/s/" + token + "/network");
		List<Map.Entry<String, String>> everything = List.of(Map.entry("p." + otherId, "1"),
				Map.entry("p." + otherId + ".frequency", "weekly"), Map.entry("p." + otherId + ".flows", "advice"),
				Map.entry("p." + otherId + ".flows", "trust"), Map.entry("p." + otherId + ".usefulness", "4"),
				Map.entry("o." + otherOrganisation, "1"), Map.entry("o." + otherOrganisation + ".frequency", "daily"),
				Map.entry("o." + otherOrganisation + ".flows", "decisions"),
				Map.entry("o." + otherOrganisation + ".usefulness", "5"), Map.entry("action", "submit"));
		assertThat(respondent.postMulti("/s/" + token + "/network", everything).statusCode()).isEqualTo(302);
		assertThat(respondent.get("/s/" + token + "/network").body()).contains("Thank you")
			.containsPattern("you named\\s+<span>1</span>\\s+people and <span>1</span>");
		assertThat(respondent.post("/s/" + token + "/network", Map.of("action", "submit")).statusCode()).isEqualTo(302);
		Long wave = this.jdbc.queryForObject("select id from network_wave where campaign_id = ?", Long.class, id);
		assertThat(this.jdbc.queryForList(
				"select frequency, flows, usefulness, weight from network_tie where wave_id = ? and source_id = ?",
				wave, me))
			.singleElement()
			.satisfies(t -> {
				assertThat(t.get("frequency")).isEqualTo("weekly");
				assertThat(t.get("flows")).isEqualTo("advice;trust");
				assertThat(((Number) t.get("usefulness")).intValue()).isEqualTo(4);
				assertThat(((Number) t.get("weight")).doubleValue()).isEqualTo(2.0);
			});
		assertThat(this.jdbc.queryForObject(
				"select count(*) from network_org_tie where wave_id = ? and source_org_id = ? and target_org_id = ?",
				Integer.class, wave, myOrganisation, otherOrganisation))
			.isEqualTo(1);

		// Viewed now, the wave has the first respondent and the person they named ...
		assertThat(analysis(analyst, wave, "sector").get("vertices").asInt()).isEqualTo(2);
		// ... and a second respondent through the API names nobody: a valid answer, and
		// they count (the stored analysis is redone, not served from before).
		Browser api = browser();
		HttpResponse<String> first = api.sendJson("POST", "/api/v1/network-surveys/" + tokens.get(1) + "/submit",
				"{\"people\":[]}", null);
		assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
		assertThat(api
			.sendJson("POST", "/api/v1/network-surveys/" + tokens.get(1) + "/submit",
					"{\"people\":[{\"personId\":" + otherId + "}]}", null)
			.statusCode()).isEqualTo(200);
		assertThat(this.jdbc.queryForObject("select count(*) from network_respondent where wave_id = ?", Integer.class,
				wave))
			.isEqualTo(2);
		// A used link no longer searches the roster (a problem in JSON, not a page).
		HttpResponse<String> afterSubmit = api.getJson("/api/v1/network-surveys/" + tokens.get(1) + "/roster?q=an",
				null);
		assertThat(afterSubmit.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(afterSubmit.body()).get("detail").asText()).contains("were submitted");

		// The wave: three people (two respondents, one named), one tie; the organisation
		// the
		// team depends on is counted.
		assertThat(analyst.get("/network/campaigns/" + id).headers().firstValue("Location").orElseThrow())
			.endsWith("/network/waves/" + wave);
		JsonNode analysis = analysis(analyst, wave, "organisation");
		assertThat(analysis.get("vertices").asInt()).isEqualTo(3);
		assertThat(analysis.get("edges").asInt()).isEqualTo(1);
		assertThat(analysis.get("respondents").asInt()).isEqualTo(2);
		// Out- and in-degree of the directed ties: the respondent named one, the named
		// person was named by one.
		JsonNode respondentRow = null;
		JsonNode namedRow = null;
		for (JsonNode b : analysis.get("brokers")) {
			if (b.get("personId").asLong() == me) {
				respondentRow = b;
			}
			if (b.get("personId").asLong() == otherId) {
				namedRow = b;
			}
		}
		assertThat(respondentRow.get("named").asInt()).isEqualTo(1);
		assertThat(respondentRow.get("namedBy").asInt()).isZero();
		assertThat(namedRow.get("namedBy").asInt()).isEqualTo(1);
		// Only ties across organisations were asked about: no verdict on mixing by
		// organisation.
		assertThat(analysis.get("findings").findValuesAsText("kind")).contains("scope").doesNotContain("mixing");
		assertThat(analysis.hasNonNull("formal")).isFalse();
		JsonNode depended = null;
		for (JsonNode o : analysis.get("organisations")) {
			if (o.get("organisationId").asLong() == otherOrganisation) {
				depended = o;
			}
		}
		assertThat(depended).isNotNull();
		assertThat(depended.get("dependedOn").asInt()).isEqualTo(1);
		assertThat(depended.get("sector").asText()).isNotBlank();
		assertThat(depended.get("partners").asInt()).isEqualTo(1);
		// A closed survey takes no more answers, and its page says so instead of a form.
		analyst.get("/assessment/campaigns/" + id);
		analyst.post("/assessment/campaigns/" + id + "/close", Map.of());
		assertThat(browser().get("/s/" + tokens.get(2) + "/network").body()).contains("This survey has closed")
			.doesNotContain("Search by name, job title or organisation");
		assertThat(browser()
			.sendJson("POST", "/api/v1/network-surveys/" + tokens.get(2) + "/submit", "{\"people\":[]}", null)
			.statusCode()).isEqualTo(400);
		HttpResponse<String> closed = browser().getJson("/api/v1/network-surveys/" + tokens.get(2) + "/roster?q=an",
				null);
		assertThat(closed.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(closed.body()).get("detail").asText()).contains("only be searched while it is open");
	}

	@Test
	void aLinkSearchesTheRosterOnlySoOftenInADay() throws Exception {
		int budget = this.networkProperties.getRosterSearchesPerDay();
		this.networkProperties.setRosterSearchesPerDay(3);
		try {
			Browser analyst = demoAs(Role.ANALYST);
			analyst.get("/assessment");
			String name = "Search budget " + System.nanoTime();
			analyst.post("/assessment/campaigns",
					Map.of("name", name, "instrument", "network_survey", "opensOn", LocalDate.now().toString(),
							"closesOn", LocalDate.now().plusDays(14).toString(), "sectors", "PRIMARY_CARE"));
			long id = campaignId(name);
			analyst.get("/assessment/campaigns/" + id);
			analyst.post("/assessment/campaigns/" + id + "/open", Map.of());
			Matcher m = Pattern.compile("/s/([A-Za-z0-9_-]{32})").matcher(handOut(analyst, id));
			assertThat(m.find()).isTrue();
			String token = m.group(1);
			Browser respondent = browser();
			// Too short to search: not counted.
			assertThat(respondent.getJson("/api/v1/network-surveys/" + token + "/roster?q=a", null).statusCode())
				.isEqualTo(200);
			// People and organisation searches share the day's budget.
			assertThat(respondent.getJson("/api/v1/network-surveys/" + token + "/roster?q=an", null).statusCode())
				.isEqualTo(200);
			assertThat(
					respondent.getJson("/api/v1/network-surveys/" + token + "/organisations?q=nhs", null).statusCode())
				.isEqualTo(200);
			assertThat(respondent.get("/s/" + token + "/network?q=ma").body()).doesNotContain("Search limit reached");
			HttpResponse<String> refused = respondent.getJson("/api/v1/network-surveys/" + token + "/roster?q=an",
					null);
			assertThat(refused.statusCode()).isEqualTo(429);
			assertThat(JSON.readTree(refused.body()).get("detail").asText()).contains("3 times today");
			// The page says so instead of showing "nobody matches"; the form is still
			// there.
			String page = respondent.get("/s/" + token + "/network?q=an").body();
			assertThat(page).contains("Search limit reached")
				.contains("3 times today")
				.doesNotContain("Nobody matches")
				.contains("value=\"submit\"");
			// Refused searches do not count.
			assertThat(this.jdbc.queryForObject(
					"select sum(searches) from network_roster_search r "
							+ "join campaign_invitation i on i.id = r.invitation_id where i.campaign_id = ?",
					Integer.class, id))
				.isEqualTo(3);
		}
		finally {
			this.networkProperties.setRosterSearchesPerDay(budget);
		}
	}

	@Test
	void theMapShowsNamedPeopleToAnalystsAndGroupsToEveryoneElse() throws Exception {
		NetworkViews.Wave wave = this.network.loadDemo(this.northvale.id(), "Map wave", LocalDate.of(2025, 6, 1), 3,
				false);
		Browser analyst = demoAs(Role.ANALYST);
		assertThat(analyst.get("/network/waves/" + wave.id() + "/map").body()).contains("network-map")
			.contains("/js/cytoscape-bundle.js")
			.contains("Download SVG");
		JsonNode named = JSON.readTree(analyst.get("/network/waves/" + wave.id() + "/map.json?groupBy=sector").body());
		assertThat(named.get("named").asBoolean()).isTrue();
		assertThat(named.get("nodes").size()).isBetween(1, NetworkService.MAP_LIMIT);
		// Every edge joins two drawn people.
		List<String> ids = named.get("nodes").findValuesAsText("id");
		for (JsonNode e : named.get("edges")) {
			assertThat(ids).contains(e.get("source").asText(), e.get("target").asText());
		}
		// The people come highest betweenness first.
		assertThat(named.get("nodes").get(0).get("betweenness").asDouble()).isGreaterThanOrEqualTo(
				named.get("nodes").get(named.get("nodes").size() - 1).get("betweenness").asDouble());
		// A person's ego network: them and exactly their neighbours; viewing it is
		// audited.
		long centre = named.get("nodes").get(0).get("id").asLong();
		JsonNode ego = JSON.readTree(analyst.get("/network/waves/" + wave.id() + "/map.json?person=" + centre).body());
		assertThat(ego.get("ego").asLong()).isEqualTo(centre);
		assertThat(ego.get("nodes").size()).isEqualTo(named.get("nodes").get(0).get("degree").asInt() + 1);
		assertThat(this.jdbc.queryForObject(
				"select count(*) from audit_event where action = 'NETWORK_EGO_VIEWED' and detail = ?", Integer.class,
				"person " + centre))
			.isPositive();
		// Members see groups only, pooled below the anonymity threshold, and no names.
		Browser member = demoAs(Role.MEMBER);
		String memberJson = member
			.get("/network/waves/" + wave.id() + "/map.json?groupBy=organisation&person=" + centre)
			.body();
		JsonNode groups = JSON.readTree(memberJson);
		assertThat(groups.get("named").asBoolean()).isFalse();
		for (JsonNode g : groups.get("nodes")) {
			assertThat(g.get("people").asInt()).isGreaterThanOrEqualTo(5);
		}
		String centreName = this.jdbc.queryForObject("select name from person where id = ?", String.class, centre);
		assertThat(memberJson).doesNotContain(centreName);
	}

	@Test
	void largeWavesAreAnalysedInTheBackgroundWithProgress() throws Exception {
		NetworkViews.Wave wave = this.network.loadDemo(this.northvale.id(), "Background wave", LocalDate.of(2024, 6, 1),
				11, false);
		int limit = this.networkProperties.getInlineLimit();
		this.networkProperties.setInlineLimit(10);
		try {
			Browser analyst = demoAs(Role.ANALYST);
			String page = analyst.get("/network/waves/" + wave.id()).body();
			assertThat(page).contains("This page updates itself")
				.contains("Ties within and between groups")
				.doesNotContain("Findings");
			// Asking again does not queue a second job.
			analyst.get("/network/waves/" + wave.id() + "?groupBy=place");
			String title = "Network analysis of wave " + wave.id();
			assertThat(this.jdbc.queryForObject("select count(*) from job where title = ?", Integer.class, title))
				.isEqualTo(1);
			String status = "QUEUED";
			for (int i = 0; i < 240 && !status.equals("SUCCEEDED") && !status.equals("FAILED"); i++) {
				Thread.sleep(250);
				status = this.jdbc.queryForObject("select status from job where title = ?", String.class, title);
			}
			assertThat(status).isEqualTo("SUCCEEDED");
			Map<String, Object> job = this.jdbc
				.queryForMap("select progress_done, progress_total from job where title = ?", title);
			assertThat(job.get("progress_total")).isEqualTo(job.get("progress_done"));
			assertThat(((Number) job.get("progress_total")).intValue()).isEqualTo(wave.people());
			page = analyst.get("/network/waves/" + wave.id()).body();
			assertThat(page).doesNotContain("This page updates itself").contains("Boundary spanners").contains("carry");
			// The stored metrics are the ones the page would compute itself.
			JsonNode stored = analysis(analyst, wave.id(), "sector");
			this.jdbc.update("delete from network_person_metric where wave_id = ?", wave.id());
			this.jdbc.update("delete from network_analysis where wave_id = ?", wave.id());
			this.networkProperties.setInlineLimit(limit);
			JsonNode fresh = analysis(analyst, wave.id(), "sector");
			// (Up to the order in which threads add up betweenness.)
			assertThat(stored.get("brokers").findValuesAsText("personId"))
				.isEqualTo(fresh.get("brokers").findValuesAsText("personId"));
			for (int i = 0; i < fresh.get("brokers").size(); i++) {
				assertThat(stored.get("brokers").get(i).get("betweenness").asDouble()).isCloseTo(
						fresh.get("brokers").get(i).get("betweenness").asDouble(),
						org.assertj.core.data.Percentage.withPercentage(1e-9));
			}
			assertThat(stored.get("communities").asInt()).isEqualTo(fresh.get("communities").asInt());
		}
		finally {
			this.networkProperties.setInlineLimit(limit);
		}
	}

	/** Hands out a campaign's links by hand, as an analyst decides to on its page. */
	private static String handOut(Browser analyst, long id) {
		analyst.get("/assessment/campaigns/" + id + "/links");
		return analyst
			.post("/assessment/campaigns/" + id + "/links.csv",
					Map.of("reason", "Sent by our own mail-merge", "understood", "yes"))
			.body();
	}

}
