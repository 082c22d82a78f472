package app.balcony.assessment;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.balcony.identity.Role;
import app.balcony.identity.Tenant;
import app.balcony.jobs.Progress;
import app.balcony.support.Browser;
import app.balcony.support.IntegrationTestBase;
import app.balcony.system.DemoIcs;
import app.balcony.system.SystemImport;
import app.balcony.system.Views;
import app.balcony.system.directory.Directory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every figure released from a campaign counts against later ones, for everyone; a view
 * reserved before the results open (the board paper's place view) is released before
 * anyone's exploring, so curiosity cannot withhold it. Two campaigns with the same
 * answers: in one the place view is reserved; in both an analyst first looks at one
 * sector by place, which makes a place's two other respondents a difference.
 */
class ReservedViewsIntegrationTest extends IntegrationTestBase {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	DemoIcs demo;

	@Autowired
	Campaigns campaigns;

	@Autowired
	Directory system;

	@Test
	void aReservedViewIsReleasedBeforeAnyoneExploresSoCuriosityCannotWithholdIt() throws Exception {
		Tenant northvale = this.demo.ensure(42, 600, Progress.NONE);
		// Two places and a sector: 6 in P and S, 2 in P outside S, 6 and 6 in Q.
		Map<String, List<Long>> cells = new HashMap<>();
		for (Views.Profile p : this.system.profiles(northvale.id(), LocalDate.now()).values()) {
			if (p.placeId() != null && p.sector() != null && p.email() != null) {
				cells.computeIfAbsent(p.placeId() + "|" + p.sector(), k -> new ArrayList<>()).add(p.personId());
			}
		}
		String[] chosen = choose(cells);
		String place = chosen[0].split("\\|")[0];
		String sector = chosen[0].split("\\|")[1];
		Map<Long, Integer> respondents = new LinkedHashMap<>();
		int[] sizes = { 6, 2, 6, 6 };
		for (int c = 0; c < 4; c++) {
			for (long person : cells.get(chosen[c]).subList(0, sizes[c])) {
				respondents.put(person, respondents.size());
			}
		}
		Browser analyst = demoAs(Role.ANALYST);
		long reserved = campaign(northvale, respondents);
		long plain = campaign(northvale, respondents);
		// Reserved before the results open, through the API.
		String token = this.accounts.createApiToken(northvale.id(), DemoIcs.ACCOUNTS.get(1).username(),
				"reserve " + System.nanoTime(), DemoIcs.ACCOUNTS.get(1).username());
		var made = analyst.sendJson("POST", "/api/v1/assessment/campaigns/" + reserved + "/reserved-views",
				"{\"label\":\"Board paper: place by dimension\",\"level\":\"dimension\",\"groupBy\":\"place\"}", token);
		assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
		assertThat(analyst.get("/assessment/campaigns/" + reserved).body()).contains("Board paper: place by dimension")
			.contains("Not yet");
		for (long id : new long[] { reserved, plain }) {
			this.campaigns.close(northvale.id(), "test", id);
		}

		for (long id : new long[] { reserved, plain }) {
			// The analyst explores first: one sector, by place.
			JsonNode explored = JSON.readTree(analyst
				.getJson("/api/v1/assessment/campaigns/" + id + "/heatmap?groupBy=place&filter=sector:" + sector, null)
				.body());
			assertThat(explored.get("rows")).isNotEmpty();
		}
		JsonNode fromReserved = JSON.readTree(
				analyst.getJson("/api/v1/assessment/campaigns/" + reserved + "/heatmap?groupBy=place", null).body());
		JsonNode fromPlain = JSON
			.readTree(analyst.getJson("/api/v1/assessment/campaigns/" + plain + "/heatmap?groupBy=place", null).body());
		// Without the reservation, place P is now only two people more than what was
		// shown, so it is withheld; with it, the place view was decided first, whole.
		assertThat(status(fromPlain, place)).isEqualTo("DIFFERENCING");
		assertThat(status(fromReserved, place)).isEqualTo("SHOWN");
		for (JsonNode row : fromReserved.get("rows")) {
			assertThat(row.get("status").asText()).isEqualTo("SHOWN");
		}
		JsonNode views = JSON
			.readTree(analyst.getJson("/api/v1/assessment/campaigns/" + reserved + "/reserved-views", null).body());
		assertThat(views.get(0).get("releasedOn").isNull()).isFalse();
		// Once the results are open, nothing more can be reserved.
		assertThat(analyst
			.sendJson("POST", "/api/v1/assessment/campaigns/" + plain + "/reserved-views",
					"{\"level\":\"dimension\",\"groupBy\":\"place\"}", token)
			.statusCode()).isEqualTo(400);
	}

	private static String status(JsonNode heatmap, String placeId) {
		for (JsonNode row : heatmap.get("rows")) {
			JsonNode drill = row.get("drill");
			if (drill != null && drill.isArray() && drill.size() > 0
					&& drill.get(drill.size() - 1).asText().equals("place:" + placeId)) {
				return row.get("status").asText();
			}
		}
		throw new AssertionError("no row for place " + placeId + " in " + heatmap);
	}

	/** (P, S), (P, not S), (Q, S) and (Q, not S) with enough people each. */
	private static String[] choose(Map<String, List<Long>> cells) {
		for (String ps : cells.keySet()) {
			String p = ps.split("\\|")[0];
			String s = ps.split("\\|")[1];
			if (cells.get(ps).size() < 6) {
				continue;
			}
			for (String pn : cells.keySet()) {
				if (!pn.startsWith(p + "|") || pn.equals(ps) || cells.get(pn).size() < 2) {
					continue;
				}
				for (String qs : cells.keySet()) {
					String q = qs.split("\\|")[0];
					if (q.equals(p) || !qs.endsWith("|" + s) || cells.get(qs).size() < 6) {
						continue;
					}
					for (String qn : cells.keySet()) {
						if (qn.startsWith(q + "|") && !qn.equals(qs) && cells.get(qn).size() >= 6) {
							return new String[] { ps, pn, qs, qn };
						}
					}
				}
			}
		}
		throw new AssertionError("the demo ICS has no two places and a sector to test with");
	}

	/** A campaign answered by exactly these people, with answers that vary. */
	private long campaign(Tenant tenant, Map<Long, Integer> respondents) {
		long id = this.campaigns.create(tenant.id(), DemoIcs.ACCOUNTS.get(1).username(),
				new Campaigns.Draft("Reserved " + System.nanoTime(), "self_assessment", true, LocalDate.now(),
						LocalDate.now().plusDays(7), null, null, Campaigns.Audience.EVERYONE));
		this.campaigns.open(tenant.id(), "test", id);
		List<Instrument.Item> items = ItemBank.instrument("self_assessment").orElseThrow().items();
		for (Campaigns.Link link : this.campaigns.demoLinks(tenant.id(), id)) {
			Long person = this.campaigns.survey(link.token()).orElseThrow().personId();
			Integer i = respondents.get(person);
			if (i == null) {
				continue;
			}
			Map<String, String> answers = new HashMap<>();
			for (int q = 0; q < items.size(); q++) {
				answers.put(items.get(q).key(), String.valueOf(2 + (i + q) % 3));
			}
			this.campaigns.submit(link.token(), answers);
		}
		return id;
	}

}
