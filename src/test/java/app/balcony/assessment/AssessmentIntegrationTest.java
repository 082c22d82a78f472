package app.balcony.assessment;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import app.balcony.privacy.AnonymityEngine;
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
 * An analyst runs a campaign over part of the demo ICS from the pages; respondents answer
 * by token without an account; results of the demo baseline come only through the
 * anonymity engine, in pages, the API and downloads.
 */
class AssessmentIntegrationTest extends IntegrationTestBase {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	DemoIcs demo;

	@Autowired
	AssessmentDemo assessmentDemo;

	@Autowired
	AnonymityEngine engine;

	@Autowired
	JdbcTemplate jdbc;

	Tenant northvale;

	@BeforeEach
	void demo() {
		this.northvale = this.demo.ensure(42, 600, Progress.NONE);
		this.assessmentDemo.ensure(this.northvale);
	}

	private long campaignId(String name) {
		return this.jdbc.queryForObject("select id from campaign where tenant_id = ? and name = ?", Long.class,
				this.northvale.id(), name);
	}

	@Test
	void anAnalystRunsACampaignAndRespondentsAnswerByTokenExactlyOnce() throws Exception {
		Browser analyst = demoAs(Role.ANALYST);
		String name = "Primary care pulse " + System.nanoTime();
		Map<String, String> form = new HashMap<>(Map.of("name", name, "instrument", "systems_leadership_survey",
				"anonymous", "true", "opensOn", java.time.LocalDate.now().toString(), "closesOn",
				java.time.LocalDate.now().plusDays(14).toString(), "sectors", "PRIMARY_CARE"));
		assertThat(analyst.get("/assessment").body()).contains("Set up a campaign");
		HttpResponse<String> created = analyst.post("/assessment/campaigns", form);
		assertThat(created.statusCode()).isEqualTo(302);
		long id = campaignId(name);
		int invited = this.jdbc.queryForObject(
				"select count(*) from campaign_invitation i join person p on p.id = i.person_id where i.campaign_id = ?",
				Integer.class, id);
		assertThat(invited).isPositive();
		// Everyone invited works in primary care.
		assertThat(this.jdbc.queryForObject("select count(*) from campaign_invitation i where i.campaign_id = ? and "
				+ "not exists (select 1 from organisation_membership m join organisation o on o.id = m.organisation_id "
				+ "where m.person_id = i.person_id and o.sector = 'PRIMARY_CARE')", Integer.class, id))
			.isZero();

		// A draft campaign does not take answers; opening it does.
		var handOut = analyst.get("/assessment/campaigns/" + id + "/links");
		assertThat(handOut.statusCode()).isEqualTo(200);
		assertThat(handOut.body()).contains("Hand out the links yourself?").contains("practice managers’ mail-merge");
		String csv = analyst
			.post("/assessment/campaigns/" + id + "/links.csv",
					Map.of("reason", "Sent by our own mail-merge", "understood", "yes"))
			.body();
		Matcher m = Pattern.compile("/s/([A-Za-z0-9_-]{32})").matcher(csv);
		assertThat(m.find()).isTrue();
		String token = m.group(1);
		assertThat(csv.lines().count()).isEqualTo(invited + 1);
		Browser respondent = browser();
		assertThat(respondent.get("/s/" + token).body()).contains("has not opened yet");
		analyst.post("/assessment/campaigns/" + id + "/open", Map.of());
		String page = respondent.get("/s/" + token).body();
		assertThat(page).contains("I speak about the values").contains("This survey is anonymous");
		assertThat(respondent.get("/s/not-a-real-token-at-all-000000").statusCode()).isEqualTo(404);

		// Save part of it, come back, and find it there.
		Instrument instrument = ItemBank.instrument("systems_leadership_survey").orElseThrow();
		List<Instrument.Item> items = instrument.items();
		Map<String, String> some = new HashMap<>();
		some.put("action", "save");
		some.put(items.get(0).key(), "4");
		assertThat(respondent.post("/s/" + token, some).statusCode()).isEqualTo(302);
		assertThat(respondent.get("/s/" + token).body()).containsPattern("id=\"" + Pattern.quote(items.get(0).key())
				+ "-4\"[^>]*checked|checked[^>]*id=\"" + Pattern.quote(items.get(0).key()) + "-4\"");
		// The draft is the respondent's alone: the analyst, who holds every link, opens
		// it and sees no answer and a notice, and cannot change or submit it.
		String asHolder = analyst.get("/s/" + token).body();
		assertThat(asHolder).contains("This link is in use on another device")
			.doesNotContainPattern("id=\"" + Pattern.quote(items.get(0).key()) + "-4\"[^>]*checked|checked[^>]*id=\""
					+ Pattern.quote(items.get(0).key()) + "-4\"");
		assertThat(JSON.readTree(analyst.getJson("/api/v1/surveys/" + token, null).body()).get("draft")).isEmpty();
		assertThat(analyst
			.sendJson("PUT", "/api/v1/surveys/" + token + "/draft", "{\"" + items.get(1).key() + "\":\"1\"}", null)
			.statusCode()).isEqualTo(409);
		Map<String, String> padding = new HashMap<>();
		items.forEach(i -> padding.put(i.key(), "1"));
		var padded = analyst.sendJson("POST", "/api/v1/surveys/" + token + "/submit", JSON.writeValueAsString(padding),
				null);
		assertThat(padded.statusCode()).isEqualTo(409);
		assertThat(padded.body()).contains("being answered on another device");
		// Submitting with statements unanswered keeps the answers and says what is
		// missing.
		HttpResponse<String> incomplete = respondent.post("/s/" + token, Map.of("action", "submit"));
		assertThat(incomplete.body()).contains("Please answer every statement")
			.contains((ItemBank.instrument("systems_leadership_survey").orElseThrow().items().size() - 1)
					+ " still open");
		assertThat(stored(id)).isZero();
		// An out-of-range answer is refused with the question named.
		assertThat(respondent.post("/s/" + token, Map.of("action", "save", items.get(1).key(), "9")).body())
			.contains(items.get(1).key() + ": answer 1 to 5");

		Map<String, String> all = new HashMap<>();
		for (Instrument.Item item : items) {
			all.put(item.key(), "3");
		}
		all.put("open.helps", "Time with partners.");
		all.put("action", "submit");
		HttpResponse<String> submitted = respondent.post("/s/" + token, all);
		assertThat(submitted.statusCode()).isEqualTo(302);
		assertThat(respondent.get("/s/" + token).body()).contains("Thank you");
		// A double click or retry changes nothing.
		assertThat(respondent.post("/s/" + token, all).body()).contains("Thank you");
		assertThat(stored(id)).isEqualTo(1);
		// Sealed until the close: no response yet, and the invitation keeps no day.
		assertThat(count("campaign_response", id)).isZero();
		assertThat(this.jdbc.queryForObject(
				"select count(*) from campaign_invitation where campaign_id = ? and submitted_on is not null",
				Integer.class, id))
			.isZero();
		assertThat(this.jdbc.queryForObject(
				"select count(*) from campaign_invitation where campaign_id = ? and draft is not null and status = 'SUBMITTED'",
				Integer.class, id))
			.isZero();

		// The JSON API for respondents is idempotent too: 201 once, then 200.
		m.find();
		String second = m.group(1);
		String body = JSON.writeValueAsString(all);
		assertThat(respondent.sendJson("POST", "/api/v1/surveys/" + second + "/submit", body, null).statusCode())
			.isEqualTo(201);
		assertThat(respondent.sendJson("POST", "/api/v1/surveys/" + second + "/submit", body, null).statusCode())
			.isEqualTo(200);
		assertThat(stored(id)).isEqualTo(2);
		// Whoever opens a link someone else submitted through is told so.
		assertThat(browser().get("/s/" + second).body()).contains("This link has already been used")
			.contains("were submitted through this link");

		// Results wait for the close.
		assertThat(analyst.get("/assessment/campaigns/" + id + "/results").body())
			.contains("Results open when the campaign closes");
		String campaignPage = analyst.get("/assessment/campaigns/" + id).body();
		assertThat(campaignPage).contains("2 of " + invited + " invited");
		// Through the API, an audience of one organisation invites exactly its people
		// with e-mail.
		long org = this.jdbc.queryForObject(
				"select o.id from organisation o join organisation_membership m on m.organisation_id = o.id "
						+ "join person p on p.id = m.person_id where o.tenant_id = ? and p.email is not null "
						+ "group by o.id order by count(*) desc limit 1",
				Long.class, this.northvale.id());
		String draft = "{\"name\":\"One organisation " + System.nanoTime()
				+ "\",\"instrumentKey\":\"readiness_survey\",\"anonymous\":false,\"opensOn\":\""
				+ java.time.LocalDate.now() + "\",\"closesOn\":\"" + java.time.LocalDate.now().plusDays(5)
				+ "\",\"audience\":{\"organisations\":[" + org + "]},\"scaleKey\":\"agree7\"}";
		String apiToken = this.accounts.createApiToken(this.northvale.id(), DemoIcs.ACCOUNTS.get(1).username(),
				"test " + System.nanoTime(), DemoIcs.ACCOUNTS.get(1).username());
		var response = analyst.sendJson("POST", "/api/v1/assessment/campaigns", draft, apiToken);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		JsonNode made = JSON.readTree(response.body());
		assertThat(made.get("instrument").get("scale")).hasSize(7);
		assertThat(made.get("invited").asInt()).isPositive();
		assertThat(this.jdbc
			.queryForObject("select count(*) from campaign_invitation i where i.campaign_id = ? and not exists "
					+ "(select 1 from organisation_membership m where m.person_id = i.person_id and m.organisation_id = ?)",
					Integer.class, made.get("id").asLong(), org))
			.isZero();

		// Handing the links out was a decision, shown with the results.
		analyst.get("/assessment/campaigns/" + id);
		analyst.post("/assessment/campaigns/" + id + "/close", Map.of());
		// The close turned both ballots into responses, with no link to an invitation
		// and the closing day as their only date.
		assertThat(count("campaign_response", id)).isEqualTo(2);
		assertThat(stored(id)).isEqualTo(2);
		assertThat(this.jdbc.queryForObject(
				"select count(*) from campaign_response where campaign_id = ? "
						+ "and (invitation_id is not null or submitted_on <> ?)",
				Integer.class, id, java.sql.Date.valueOf(java.time.LocalDate.now())))
			.isZero();
		assertThat(analyst.get("/assessment/campaigns/" + id + "/results").body())
			.contains("Links were handed out by hand")
			.contains("Sent by our own mail-merge");
		assertThat(new String(
				analyst.getBytes("/api/v1/assessment/campaigns/" + id + "/heatmap.csv?level=dimension", null).body(),
				StandardCharsets.UTF_8))
			.contains("Links were handed out by hand by " + DemoIcs.ACCOUNTS.get(1).username());
		// Downloading the links is audited.
		assertThat(this.jdbc.queryForObject(
				"select count(*) from audit_event where action = 'CAMPAIGN_LINKS_EXPORTED' and target = ?",
				Integer.class, "campaign " + id))
			.isEqualTo(1);
	}

	@Test
	void resultsReachAnalystsOnlyThroughTheAnonymityEngine() throws Exception {
		long baseline = campaignId(AssessmentDemo.BASELINE);
		Browser analyst = demoAs(Role.ANALYST);
		String page = analyst.get("/assessment/campaigns/" + baseline + "/results").body();
		assertThat(page).contains("Ways of feeling").contains("Everyone");
		// Comments for the whole campaign only, shuffled; none for a filtered view.
		assertThat(page).contains("answers, in random order").contains("A shared purpose for our neighbourhood");
		assertThat(analyst.get("/assessment/campaigns/" + baseline + "/results?filter=staff_group:CLINICAL").body())
			.contains("Comments are shown for the whole campaign only")
			.doesNotContain("A shared purpose for our neighbourhood");
		int k = this.engine.thresholds(this.northvale.id()).minCell();
		JsonNode heatmap = JSON.readTree(
				analyst.getJson("/api/v1/assessment/campaigns/" + baseline + "/heatmap?level=element", null).body());
		assertThat(heatmap.get("columns"))
			.hasSize(ItemBank.instrument("systems_leadership_survey").orElseThrow().sections().size());
		int shown = 0;
		int withheld = 0;
		for (JsonNode row : heatmap.get("rows")) {
			if ("SHOWN".equals(row.get("status").asText())) {
				shown++;
				assertThat(row.get("respondents").asInt()).isGreaterThanOrEqualTo(k);
			}
			else {
				withheld++;
				assertThat(row.path("respondents").isNull() || row.path("respondents").isMissingNode()).isTrue();
				assertThat(row.path("values")).isEmpty();
				assertThat(row.get("reason").asText()).isNotBlank();
			}
		}
		assertThat(shown).isGreaterThan(5);
		assertThat(withheld).isPositive();
		// The export is the same view: withheld groups have no figures.
		String csv = new String(
				analyst.getBytes("/api/v1/assessment/campaigns/" + baseline + "/heatmap.csv?level=element", null)
					.body(),
				StandardCharsets.UTF_8);
		assertThat(csv.lines().filter(l -> l.contains(",too few,")).count()).isPositive();
		// Cronbach's alpha travels with the download.
		assertThat(csv.lines().filter(l -> l.startsWith("Reliability,")).count()).isEqualTo(1);
		assertThat(csv.lines().filter(l -> l.contains(",too few,")))
			.allSatisfy(l -> assertThat(l).doesNotContainPattern(",[1-5]\\.[0-9]"));
		// How the answers to one statement spread, by place: shares add up, and none says
		// that everyone in a group gave the same answer.
		String item = ItemBank.instrument("systems_leadership_survey").orElseThrow().items().get(0).key();
		JsonNode spread = JSON.readTree(analyst
			.getJson("/api/v1/assessment/campaigns/" + baseline + "/distribution?item=" + item + "&groupBy=place", null)
			.body());
		assertThat(spread.get("scale")).hasSize(5);
		int complete = 0;
		for (JsonNode row : spread.get("rows")) {
			if (!"SHOWN".equals(row.get("status").asText())) {
				continue;
			}
			int total = 0;
			boolean all = true;
			for (JsonNode share : row.get("shares")) {
				if (share.path("percent").isNumber()) {
					assertThat(share.get("percent").asDouble()).isLessThan(100.0);
					total += share.get("count").asInt();
				}
				else {
					all = false;
				}
			}
			if (all) {
				complete++;
				assertThat(total).isEqualTo(row.get("respondents").asInt());
			}
		}
		assertThat(complete).isPositive();
		assertThat(analyst.get("/assessment/campaigns/" + baseline + "/distribution?item=" + item).body())
			.contains("How answers spread");

		// The PDF summary is the same view.
		var pdfResponse = analyst.getBytes("/api/v1/assessment/campaigns/" + baseline + "/heatmap.pdf?level=element",
				null);
		byte[] pdf = pdfResponse.body();
		assertThat(pdfResponse.statusCode()).as(new String(pdf, StandardCharsets.UTF_8)).isEqualTo(200);
		try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
			String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
			assertThat(text).contains(AssessmentDemo.BASELINE.replace("–", "-").substring(0, 20))
				.contains("Everyone " + heatmap.get("rows").get(0).get("respondents").asInt())
				.contains("Fewer than " + k + " people responded");
			assertThat(doc.getNumberOfPages()).isGreaterThanOrEqualTo(3);
		}
		// What was shown is remembered once, for the campaign: seeing the same view
		// again adds nothing.
		int remembered = this.engine.historySize(this.northvale.id(), "campaign:" + baseline);
		assertThat(remembered).isPositive();
		analyst.getJson("/api/v1/assessment/campaigns/" + baseline + "/heatmap?level=element", null);
		assertThat(this.engine.historySize(this.northvale.id(), "campaign:" + baseline)).isEqualTo(remembered);

		// Thresholds were frozen when the campaign opened: an admin who lowers the
		// tenant's cannot read smaller groups of a campaign already run.
		Browser admin = demoAs(Role.ADMIN);
		admin.get("/admin/privacy");
		try {
			admin.post("/admin/privacy", Map.of("minCell", "2", "minComments", "2", "minRaterGroup", "2"));
			JsonNode lowered = JSON.readTree(
					admin
						.getJson("/api/v1/assessment/campaigns/" + baseline
								+ "/heatmap?level=dimension&groupBy=organisation", null)
						.body());
			assertThat(lowered.get("minCell").asInt()).isEqualTo(k);
			for (JsonNode row : lowered.get("rows")) {
				if ("SHOWN".equals(row.get("status").asText())) {
					assertThat(row.get("respondents").asInt()).isGreaterThanOrEqualTo(k);
				}
			}
		}
		finally {
			admin.post("/admin/privacy", Map.of("minCell", "5", "minComments", "10", "minRaterGroup", "3"));
		}

		// Filters name their values as codes in any case, or ids; anything else is a
		// clear 400.
		var lower = analyst.getJson(
				"/api/v1/assessment/campaigns/" + baseline + "/heatmap?groupBy=place&filter=sector:primary_care", null);
		assertThat(lower.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(lower.body()).get("filters").get(0).get("value").asText()).isEqualTo("PRIMARY_CARE");
		var badId = analyst.getJson("/api/v1/assessment/campaigns/" + baseline + "/heatmap?filter=place:abc", null);
		assertThat(badId.statusCode()).isEqualTo(400);
		assertThat(badId.body()).contains("place takes the id of a place");
		var badCode = analyst.getJson("/api/v1/assessment/campaigns/" + baseline + "/heatmap?filter=sector:nhs", null);
		assertThat(badCode.statusCode()).isEqualTo(400);
		assertThat(badCode.body()).contains("unknown sector 'nhs'");
		// Members see no results; other tenants cannot find the campaign.
		assertThat(demoAs(Role.MEMBER).get("/assessment/campaigns/" + baseline + "/results").statusCode())
			.isEqualTo(403);
		Tenant other = newTenant("other");
		assertThat(signedIn(Role.ANALYST, other).get("/assessment/campaigns/" + baseline + "/results").statusCode())
			.isEqualTo(404);
	}

	@Test
	void aFollowUpShowsChangeSinceTheBaselineWithEffectSizes() throws Exception {
		long followUp = campaignId(AssessmentDemo.FOLLOW_UP);
		Browser analyst = demoAs(Role.ANALYST);
		analyst.get("/assessment/campaigns/" + followUp);
		analyst.post("/assessment/campaigns/" + followUp + "/close", Map.of());
		assertThat(analyst.get("/assessment/campaigns/" + followUp + "/change").body())
			.contains("Change since the baseline");
		JsonNode change = JSON.readTree(analyst
			.getJson("/api/v1/assessment/campaigns/" + followUp + "/change?level=dimension&groupBy=sector", null)
			.body());
		List<String> dimensions = new java.util.ArrayList<>();
		change.get("columns").forEach(c -> dimensions.add(c.get("key").asText()));
		JsonNode everyone = change.get("rows").get(0);
		assertThat(everyone.get("label").asText()).isEqualTo("Everyone");
		// The demo follow-up is a quarter point higher overall and half a point on
		// relating.
		JsonNode relating = everyone.get("changes").get(dimensions.indexOf("relating"));
		JsonNode feeling = everyone.get("changes").get(dimensions.indexOf("feeling"));
		assertThat(relating.get("change").asDouble()).isGreaterThan(feeling.get("change").asDouble());
		assertThat(relating.get("low").asDouble()).isPositive();
		assertThat(relating.get("effect").asDouble()).isPositive();
		assertThat(relating.get("effectLow").asDouble()).isLessThan(relating.get("effect").asDouble());
		// Groups hidden in either wave have no change (and by sector, some are hidden,
		// so the check cannot pass by checking nothing).
		int hidden = 0;
		for (JsonNode row : change.get("rows")) {
			if (row.path("followUpRespondents").isMissingNode() || row.path("followUpRespondents").isNull()) {
				hidden++;
				row.get("changes")
					.forEach(c -> assertThat(c.path("change").isMissingNode() || c.path("change").isNull()).isTrue());
			}
		}
		assertThat(hidden).as("rows hidden in a wave, by sector").isPositive();
	}

	/** Submissions stored: sealed ballots until the close, responses after. */
	private int stored(long campaignId) {
		return count("campaign_response", campaignId) + this.jdbc.queryForObject(
				"select count(*) from response_ballot where kind = 'CAMPAIGN' and parent_id = ?", Integer.class,
				campaignId);
	}

	private int count(String table, long campaignId) {
		return this.jdbc.queryForObject("select count(*) from " + table + " where campaign_id = ?", Integer.class,
				campaignId);
	}

	@Test
	void linkListsStartWithTheConfiguredAddressWhateverHostTheRequestNames() throws Exception {
		Browser analyst = demoAs(Role.ANALYST);
		String name = "Host header " + System.nanoTime();
		analyst.get("/assessment");
		analyst.post("/assessment/campaigns",
				new HashMap<>(Map.of("name", name, "instrument", "systems_leadership_survey", "anonymous", "true",
						"opensOn", java.time.LocalDate.now().toString(), "closesOn",
						java.time.LocalDate.now().plusDays(14).toString(), "sectors", "PRIMARY_CARE")));
		long id = campaignId(name);
		String token = this.accounts.createApiToken(this.northvale.id(), "analyst@northvale.example", "host test",
				"test");
		String body = "reason=Our+own+mail-merge&understood=yes";
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", this.port)) {
			socket.getOutputStream()
				.write(("POST /api/v1/assessment/campaigns/" + id + "/links.csv HTTP/1.1\r\n"
						+ "Host: phishing.example\r\nAuthorization: Bearer " + token + "\r\n"
						+ "X-Forwarded-Host: phishing.example\r\nConnection: close\r\n"
						+ "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
						+ "\r\n\r\n" + body)
					.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			String response = new String(socket.getInputStream().readAllBytes(),
					java.nio.charset.StandardCharsets.UTF_8);
			assertThat(response).startsWith("HTTP/1.1 200");
			assertThat(response).contains("http://localhost:" + this.port + "/s/").doesNotContain("phishing");
		}
	}

}
