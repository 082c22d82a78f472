package app.balcony.assessment;

import java.nio.charset.StandardCharsets;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A leader runs their 360 from the pages: nominates raters by relationship, rates
 * themselves, raters answer by link, and the report shows only groups large enough and
 * only to the leader and their facilitator.
 */
class FeedbackIntegrationTest extends IntegrationTestBase {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	DemoIcs demo;

	@Autowired
	FeedbackDemo feedbackDemo;

	@Autowired
	org.springframework.jdbc.core.JdbcTemplate jdbc;

	Tenant northvale;

	@BeforeEach
	void demo() {
		this.northvale = this.demo.ensure(42, 600, Progress.NONE);
	}

	@Test
	void aLeaderRunsTheir360AndOnlyTheyAndTheirFacilitatorSeeTheReport() throws Exception {
		Browser leader = demoAs(Role.ANALYST);
		assertThat(leader.get("/feedback").body()).contains("Start a 360");
		var started = leader.post("/feedback", Map.of("facilitator", DemoIcs.ACCOUNTS.get(2).username(), "closesOn",
				java.time.LocalDate.now().plusDays(10).toString()));
		assertThat(started.statusCode()).isEqualTo(302);
		String location = started.headers().firstValue("Location").orElseThrow();
		String path = location.substring(location.indexOf("/feedback/"));
		long id = Long.parseLong(path.substring("/feedback/".length()));
		leader.get(path);
		String[][] raters = { { "Pat Peer", "PEER" }, { "Quinn Peer", "PEER" }, { "Robin Peer", "PEER" },
				{ "Sol Report", "DIRECT_REPORT" }, { "Tai Report", "DIRECT_REPORT" }, { "Uma Report", "DIRECT_REPORT" },
				{ "Val Partner", "PARTNER" }, { "Wyn Partner", "PARTNER" } };
		for (String[] r : raters) {
			String address = r[0].toLowerCase(java.util.Locale.ROOT).replace(' ', '.') + "@raters.example";
			assertThat(leader.post(path + "/raters", Map.of("name", r[0], "email", address, "relationship", r[1]))
				.statusCode()).isEqualTo(302);
		}
		// Every rater has their own address, so Balcony can mail them their link: a bad
		// or missing one is refused with the field named, and so are the leader's own,
		// the facilitator's and one already nominated (a "fake rater").
		leader.get(path);
		assertThat(leader.post(path + "/raters", Map.of("name", "X", "email", "not-an-address", "relationship", "PEER"))
			.body()).contains("&#39;not-an-address&#39; is not an e-mail address");
		assertThat(leader.post(path + "/raters", Map.of("name", "X", "relationship", "PEER")).body())
			.contains("Required, so that Balcony can send the rater their own link");
		assertThat(leader
			.post(path + "/raters",
					Map.of("name", "Me again", "email", DemoIcs.ACCOUNTS.get(1).username(), "relationship", "PEER"))
			.body()).contains("cannot also be raters");
		assertThat(leader
			.post(path + "/raters",
					Map.of("name", "Facilitator", "email", DemoIcs.ACCOUNTS.get(2).username(), "relationship", "PEER"))
			.body()).contains("cannot also be raters");
		assertThat(leader
			.post(path + "/raters",
					Map.of("name", "Pat again", "email", "PAT.PEER@raters.example", "relationship", "PEER"))
			.body()).contains("reaches a rater of this 360 already");
		// Nor the leader's own mailbox written another way.
		for (String alias : List.of(DemoIcs.ACCOUNTS.get(1).username() + ".",
				"\"" + DemoIcs.ACCOUNTS.get(1).username().replace("@", "\"@"),
				DemoIcs.ACCOUNTS.get(1).username().replace("@", "+rater@"),
				DemoIcs.ACCOUNTS.get(1).username() + "\u200b", DemoIcs.ACCOUNTS.get(1).username().toUpperCase())) {
			assertThat(leader.post(path + "/raters", Map.of("name", "Alias", "email", alias, "relationship", "PEER"))
				.body()).as(alias).containsAnyOf("cannot also be raters", "not an e-mail address", "not allowed");
		}
		assertThat(leader.get(path).body()).doesNotContain(">Alias<");
		// Without an SMTP server the links can only be handed out by hand: a decision
		// with a reason, shown on the report.
		assertThat(leader.get(path + "/links").body()).contains("Hand out the rater links yourself?");
		assertThat(leader.post(path + "/links.csv", Map.of("reason", "Handing them out at the away day")).body())
			.contains("Confirm that you will give each link only to its own person");
		String csv = leader
			.post(path + "/links.csv", Map.of("reason", "Handing them out at the away day", "understood", "yes"))
			.body();
		Matcher m = Pattern.compile(
				"(Self|Peers|Direct reports|Partners in other organisations or sectors),[^\\n]*?/r/([A-Za-z0-9_-]{32})")
			.matcher(csv);
		List<String[]> links = new ArrayList<>();
		while (m.find()) {
			links.add(new String[] { m.group(1), m.group(2) });
		}
		// The leader's own link is theirs alone: not in the file, but behind Rate
		// yourself.
		assertThat(links).hasSize(raters.length).noneMatch(l -> l[0].equals("Self"));
		Matcher own = Pattern.compile("href=\"/r/([A-Za-z0-9_-]{32})\"[^>]*>Rate yourself")
			.matcher(leader.get(path).body());
		assertThat(own.find()).isTrue();
		links.add(0, new String[] { "Self", own.group(1) });
		Instrument instrument = ThreeSixty.instrument();
		int n = 0;
		for (String[] link : links) {
			boolean self = link[0].equals("Self");
			boolean first = n++ == 1;
			Browser rater = browser();
			String page = rater.get("/r/" + link[1]).body();
			if (self) {
				assertThat(page).contains("I keep promises made to partners.");
			}
			else {
				assertThat(page).contains("Keeps promises made to partners.")
					.contains("Nothing links your answers")
					.contains("How important is “Ways of relating”")
					.contains("Not able to observe");
			}
			Map<String, String> answers = new HashMap<>();
			for (Instrument.Item item : instrument.items()) {
				String score = self ? (item.elementKey().equals("curiosity") ? "5" : "3")
						: (item.elementKey().equals("curiosity") ? "2" : "4");
				answers.put(item.key(), item.key().endsWith(".4") && first ? "na" : score);
			}
			answers.put("open.keep", "Keeps the partnership honest.");
			answers.put("action", "submit");
			assertThat(rater.post("/r/" + link[1], answers).statusCode()).isEqualTo(302);
			assertThat(rater.post("/r/" + link[1], answers).body()).contains("Thank you");
		}

		// Raters frozen first: no report while raters can still answer.
		var early = leader.getJson("/api/v1/feedback/" + id + "/report", null);
		assertThat(early.statusCode()).isEqualTo(400);
		assertThat(early.body()).contains("opens when this 360 closes");
		assertThat(leader.get("/feedback/" + id + "/report").body()).contains("The report opens when the 360 closes");
		leader.get(path);
		assertThat(leader.post(path + "/close", Map.of()).statusCode()).isEqualTo(302);
		JsonNode report = JSON.readTree(leader.getJson("/api/v1/feedback/" + id + "/report", null).body());
		assertThat(report.get("reach").get("handedOutBy").asText()).isEqualTo(DemoIcs.ACCOUNTS.get(1).username());
		assertThat(report.get("reach").get("raters").asInt()).isEqualTo(raters.length);
		Map<String, JsonNode> columns = new HashMap<>();
		for (JsonNode c : report.get("columns")) {
			columns.put(c.get("key").asText(), c);
		}
		// Two partners are fewer than three: not shown.
		assertThat(columns.get("PARTNER").path("respondents").isMissingNode()
				|| columns.get("PARTNER").path("respondents").isNull())
			.isTrue();
		assertThat(columns.get("PARTNER").get("hidden").asText()).contains("Fewer than 3");
		// And not recoverable: all raters minus peers minus reports would be the
		// partners.
		long shownOfThree = List.of("others", "PEER", "DIRECT_REPORT")
			.stream()
			.filter(k -> columns.get(k).path("respondents").isNumber())
			.count();
		assertThat(shownOfThree).isLessThanOrEqualTo(2);
		// Blind spot where the leader rated themselves far higher than others.
		String page = leader.get("/feedback/" + id + "/report").body();
		assertThat(page).contains("Blind spot").contains("Curiosity").contains("Rater links were handed out by hand");
		// Eight raters are fewer than the comment threshold of ten.
		assertThat(page).contains("Comments are shown when at least 10 raters have answered");
		assertThat(page).doesNotContain("Keeps the partnership honest.");
		// The leader adds to their development plan.
		leader.post("/feedback/" + id + "/plan", Map.of("action", "Ask a peer to shadow a partnership meeting", "dueOn",
				java.time.LocalDate.now().plusMonths(2).toString()));
		assertThat(leader.get("/feedback/" + id + "/report").body())
			.contains("Ask a peer to shadow a partnership meeting");

		// The facilitator sees it; an admin who is neither does not.
		assertThat(demoAs(Role.FACILITATOR).get("/feedback/" + id + "/report").statusCode()).isEqualTo(200);
		assertThat(demoAs(Role.ADMIN).get("/feedback/" + id + "/report").statusCode()).isEqualTo(404);
		assertThat(demoAs(Role.ADMIN).getJson("/api/v1/feedback/" + id + "/report", null).statusCode()).isEqualTo(404);
	}

	@Test
	void whoeverSetsUpA360ForSomeoneElseCannotBeItsFacilitator() {
		Browser analyst = demoAs(Role.ANALYST);
		analyst.get("/feedback");
		String refused = analyst
			.post("/feedback", Map.of("subject", DemoIcs.ACCOUNTS.get(3).username(), "facilitator",
					DemoIcs.ACCOUNTS.get(1).username(), "closesOn", java.time.LocalDate.now().plusDays(10).toString()))
			.body();
		assertThat(refused).contains("cannot be its facilitator");
		// Someone else can facilitate it; the analyst who set it up cannot read its
		// report.
		analyst.get("/feedback");
		var started = analyst.post("/feedback", Map.of("subject", DemoIcs.ACCOUNTS.get(3).username(), "facilitator",
				DemoIcs.ACCOUNTS.get(2).username(), "closesOn", java.time.LocalDate.now().plusDays(10).toString()));
		assertThat(started.statusCode()).isEqualTo(302);
		String location = started.headers().firstValue("Location").orElseThrow();
		long id = Long.parseLong(location.substring(location.indexOf("/feedback/") + "/feedback/".length()));
		analyst.get("/feedback/" + id);
		analyst.post("/feedback/" + id + "/close", Map.of());
		assertThat(analyst.getJson("/api/v1/feedback/" + id + "/report", null).statusCode()).isEqualTo(404);
		assertThat(demoAs(Role.FACILITATOR).getJson("/api/v1/feedback/" + id + "/report", null).statusCode())
			.isEqualTo(200);
	}

	@Test
	void aRatersDraftIsTheirsAloneAndAnotherHolderOfTheLinkCannotAnswerForThem() throws Exception {
		Browser leader = demoAs(Role.ANALYST);
		leader.get("/feedback");
		var started = leader.post("/feedback", Map.of("closesOn", java.time.LocalDate.now().plusDays(10).toString()));
		String location = started.headers().firstValue("Location").orElseThrow();
		String path = location.substring(location.indexOf("/feedback/"));
		leader.get(path);
		leader.post(path + "/raters",
				Map.of("name", "Pat Peer", "email", "pat@raters.example", "relationship", "PEER"));
		String csv = leader.post(path + "/links.csv", Map.of("reason", "test", "understood", "yes")).body();
		Matcher m = Pattern.compile("Peers,[^\\n]*?/r/([A-Za-z0-9_-]{32})").matcher(csv);
		assertThat(m.find()).isTrue();
		String token = m.group(1);
		Instrument instrument = ThreeSixty.instrument();
		String first = instrument.items().get(0).key();

		// The rater saves a draft with a comment: the link is now bound to their browser.
		Browser rater = browser();
		rater.get("/r/" + token);
		assertThat(rater.post("/r/" + token, Map.of("action", "save", first, "2", "open.keep", "Secret words"))
			.statusCode()).isEqualTo(302);
		assertThat(rater.get("/r/" + token).body()).contains("Secret words");

		// The leader, who holds the link too, sees neither the answers nor the comment,
		// and is told the link is in use elsewhere; through the API likewise.
		String seen = leader.get("/r/" + token).body();
		assertThat(seen).doesNotContain("Secret words").contains("This link is in use on another device");
		JsonNode api = JSON.readTree(leader.getJson("/api/v1/raters/" + token, null).body());
		assertThat(api.get("draft")).isEmpty();
		assertThat(api.get("use").get("inUseElsewhere").asBoolean()).isTrue();
		// Nor can they change or submit it.
		assertThat(leader.sendJson("PUT", "/api/v1/raters/" + token + "/draft", "{\"" + first + "\":\"5\"}", null)
			.statusCode()).isEqualTo(409);
		Map<String, String> all = new HashMap<>();
		instrument.items().forEach(i -> all.put(i.key(), "5"));
		assertThat(leader.sendJson("POST", "/api/v1/raters/" + token + "/submit", JSON.writeValueAsString(all), null)
			.statusCode()).isEqualTo(409);
		// Starting again there discards the draft unread; the rater then sees that.
		leader.get("/r/" + token);
		assertThat(leader.post("/r/" + token + "/restart", Map.of()).statusCode()).isEqualTo(302);
		assertThat(leader.get("/r/" + token).body()).doesNotContain("Secret words")
			.doesNotContain("in use on another device")
			.contains("started again 1 time");
		assertThat(rater.get("/r/" + token).body()).doesNotContain("Secret words")
			.contains("This link is in use on another device");
	}

	@Test
	void theDemo360ShowsTheManagerAsLabelledAndCommentsFromEnoughRaters() {
		long id = this.feedbackDemo.ensure(this.northvale);
		String page = demoAs(Role.MEMBER).get("/feedback/" + id + "/report").body();
		assertThat(page).contains("Line manager (identifiable)").contains("Hidden strength").contains("Blind spot");
		assertThat(page).contains("Comments from all 13 raters, in random order.");
	}

	@Test
	void aMemberStartingA360SeesFacilitatorsByNameButNobodysAddress() {
		// A tenant of its own: starting a 360 would change the demo member's.
		Tenant tenant = newTenant("fb-names");
		Browser member = signedIn(Role.MEMBER, tenant);
		String page = member.get("/feedback").body();
		String facilitatorName = "Facilitator of " + tenant.slug();
		assertThat(page).contains(facilitatorName);
		for (Role role : Role.values()) {
			assertThat(page).as("no username (an e-mail address) in the page").doesNotContain(user(role, tenant));
		}
		String option = page.replaceAll("(?s).*<option value=\"(account:\\d+)\">" + facilitatorName + "</option>.*",
				"$1");
		assertThat(option).startsWith("account:");
		var started = member.post("/feedback",
				Map.of("facilitator", option, "closesOn", java.time.LocalDate.now().plusDays(10).toString()));
		assertThat(started.statusCode()).isEqualTo(302);
		String location = started.headers().firstValue("Location").orElseThrow();
		long id = Long.parseLong(location.substring(location.indexOf("/feedback/") + "/feedback/".length()));
		assertThat(this.jdbc.queryForObject("select facilitator_username from feedback where id = ?", String.class, id))
			.isEqualTo(user(Role.FACILITATOR, tenant));
	}

}
