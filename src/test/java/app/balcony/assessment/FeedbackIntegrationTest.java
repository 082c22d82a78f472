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
import app.balcony.system.DemoIcs;
import app.balcony.system.SystemImport;
import app.balcony.support.Browser;
import app.balcony.support.IntegrationTestBase;
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

	Tenant northvale;

	@BeforeEach
	void demo() {
		this.northvale = this.demo.ensure(42, 600, SystemImport.ProgressListener.NONE);
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
			assertThat(leader.post(path + "/raters", Map.of("name", r[0], "relationship", r[1])).statusCode())
				.isEqualTo(302);
		}
		// A bad e-mail address is refused with the field named.
		leader.get(path);
		assertThat(leader.post(path + "/raters", Map.of("name", "X", "email", "not-an-address", "relationship", "PEER"))
			.body()).contains("email: &#39;not-an-address&#39; is not an e-mail address");

		String csv = new String(leader.getBytes(path + "/links.csv").body(), StandardCharsets.UTF_8);
		Matcher m = Pattern.compile(
				"(Self|Peers|Direct reports|Partners in other organisations or sectors),[^\\n]*?/r/([A-Za-z0-9_-]{32})")
			.matcher(csv);
		List<String[]> links = new ArrayList<>();
		while (m.find()) {
			links.add(new String[] { m.group(1), m.group(2) });
		}
		assertThat(links).hasSize(raters.length + 1);
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

		JsonNode report = JSON.readTree(leader.getJson("/api/v1/feedback/" + id + "/report", null).body());
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
		assertThat(page).contains("Blind spot").contains("Curiosity");
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
	void theDemo360ShowsTheManagerAsLabelledAndCommentsFromEnoughRaters() {
		long id = this.feedbackDemo.ensure(this.northvale);
		String page = demoAs(Role.MEMBER).get("/feedback/" + id + "/report").body();
		assertThat(page).contains("Line manager (identifiable)").contains("Hidden strength").contains("Blind spot");
		assertThat(page).contains("Comments from all 13 raters, in random order.");
	}

}
