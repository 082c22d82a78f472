package app.balcony.network;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

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
 * Relationships over the demo ICS: findings and the group matrix for everyone, named
 * brokers and exports for analysts and admins only, all-or-nothing tie import, change
 * between waves, and no way into another tenant's network.
 */
class NetworkIntegrationTest extends IntegrationTestBase {

	@Autowired
	DemoIcs demo;

	@Autowired
	NetworkService network;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ObjectMapper json;

	Tenant northvale;

	NetworkViews.Wave baseline;

	NetworkViews.Wave followUp;

	@BeforeEach
	void demoNetwork() {
		this.northvale = this.demo.ensure(42, 600, Progress.NONE);
		this.baseline = this.network.loadDemo(this.northvale.id(), "Baseline 2025", LocalDate.of(2025, 3, 1), 1, false);
		this.followUp = this.network.loadDemo(this.northvale.id(), "Follow-up 2026", LocalDate.of(2026, 3, 1), 1, true);
	}

	/**
	 * A tenant of its own with the demo ICS's people and organisations, for tests that
	 * add waves: the demo's own waves (a baseline and its follow-up) stay as they are for
	 * every other test.
	 */
	private Tenant ownCopy(String prefix) {
		Tenant own = newTenant(prefix);
		this.demo.load(own.id(), 42, 600, Progress.NONE);
		return own;
	}

	Browser as(Role role) {
		return demoAs(role);
	}

	@Test
	void showsAnalystsFindingsTheMatrixAndNamedBrokers() throws Exception {
		Browser analyst = as(Role.ANALYST);
		assertThat(analyst.get("/network").body()).contains("Baseline 2025").contains("Follow-up 2026");
		String page = analyst.get("/network/waves/" + this.followUp.id()).body();
		assertThat(page).contains("Findings")
			.contains("carry")
			.contains("Since Baseline 2025:")
			.contains("Ties within and between groups")
			.contains("Boundary spanners")
			.contains("Integrated care board");
		JsonNode analysis = this.json
			.readTree(analyst.getJson("/api/v1/network/waves/" + this.baseline.id() + "/analysis?groupBy=place", null)
				.body());
		assertThat(analysis.path("vertices").asInt()).isGreaterThan(500);
		assertThat(analysis.path("brokers")).hasSize(15);
		assertThat(analysis.path("matrix").path("groups").size()).isEqualTo(4);
		assertThat(analysis.path("ei").asDouble()).isBetween(-1.0, 1.0);
		// Clusters against organisations: the demo's teams cluster largely by
		// organisation.
		assertThat(analysis.path("formal").path("purity").asDouble()).isBetween(0.3, 1.0);
		assertThat(analysis.path("formal").path("nmi").asDouble()).isBetween(0.0, 1.0);
		assertThat(analysis.path("findings").findValuesAsText("kind")).contains("formal");
		// Level × level: the level of the place each person works in.
		JsonNode levels = this.json
			.readTree(analyst.getJson("/api/v1/network/waves/" + this.baseline.id() + "/analysis?groupBy=level", null)
				.body());
		List<String> names = new java.util.ArrayList<>();
		levels.path("matrix").path("groups").forEach(g -> names.add(g.asText()));
		assertThat(names).contains("Place level", "Neighbourhood level")
			.allMatch(n -> n.endsWith(" level") || n.equals("Not recorded"));
	}

	@Test
	void findsMoreSmallerClustersAtAHigherResolutionEverywhereTheyAreShown() throws Exception {
		Browser analyst = as(Role.ANALYST);
		String api = "/api/v1/network/waves/" + this.baseline.id() + "/analysis?groupBy=organisation";
		JsonNode usual = this.json.readTree(analyst.getJson(api, null).body());
		JsonNode fine = this.json.readTree(analyst.getJson(api + "&resolution=4", null).body());
		assertThat(usual.path("resolution").asDouble()).isEqualTo(1.0);
		assertThat(fine.path("resolution").asDouble()).isEqualTo(4.0);
		int clusters = fine.path("communities").asInt();
		assertThat(clusters).isGreaterThan(usual.path("communities").asInt());
		// The comparison with the organisations and its finding follow the clusters.
		assertThat(fine.path("formal").path("clusters").asInt()).isEqualTo(clusters);
		assertThat(fine.path("findings").findValuesAsText("explanation"))
			.anyMatch(e -> e.contains(fine.path("formal").path("nmi").asText().substring(0, 3)));
		assertThat(fine.path("brokers")
			.findValuesAsText("community")
			.stream()
			.mapToInt(Integer::parseInt)
			.max()
			.orElseThrow()).isLessThan(clusters);

		// The page: the number, the setting, and links that keep it.
		String page = analyst.get("/network/waves/" + this.baseline.id() + "?resolution=4").body();
		assertThat(page).contains(clusters + " clusters at resolution 4.00")
			.contains("value=\"4.00\"")
			.contains("map?groupBy=sector&amp;resolution=4.0");
		// Everyone's cluster in the CSV, at that resolution, and on the map.
		String[] rows = new String(
				analyst.getBytes("/network/waves/" + this.baseline.id() + "/export.csv?resolution=4").body(),
				StandardCharsets.UTF_8)
			.split("\n");
		// Names and sectors may hold quoted commas: count the columns from the end.
		String[] header = rows[0].split(",");
		int fromEnd = header.length - List.of(header).indexOf("community");
		assertThat(java.util.Arrays.stream(rows).skip(1).map(r -> {
			String[] cells = r.split(",");
			return cells[cells.length - fromEnd];
		}).distinct().count()).isEqualTo(clusters);
		JsonNode map = this.json.readTree(analyst
			.getJson("/api/v1/network/waves/" + this.baseline.id() + "/map?groupBy=sector&resolution=4", null)
			.body());
		assertThat(map.path("nodes").findValuesAsText("cluster")).isNotEmpty()
			.allMatch(c -> Integer.parseInt(c) >= 1 && Integer.parseInt(c) <= clusters);

		// Out of range or not a number: said plainly.
		var tooHigh = analyst.getJson(api + "&resolution=20", null);
		assertThat(tooHigh.statusCode()).isEqualTo(400);
		assertThat(this.json.readTree(tooHigh.body()).path("detail").asText()).contains("between 0.1 and 10");
		var typo = analyst.get("/network/waves/" + this.baseline.id() + "?resolution=1,5");
		assertThat(typo.statusCode()).isEqualTo(200);
		assertThat(typo.body()).contains("Resolution must be a number from 0.1 to 10, like 1.5; got &#39;1,5&#39;")
			.contains("nhsuk-input--error")
			.contains("clusters at resolution 1.00");
	}

	@Test
	void showsOtherRolesGroupsButNoNames() throws Exception {
		Browser member = as(Role.MEMBER);
		String page = member.get("/network/waves/" + this.baseline.id()).body();
		assertThat(page).contains("Findings")
			.contains("Ties within and between groups")
			.doesNotContain("Boundary spanners");
		JsonNode analysis = this.json
			.readTree(member.getJson("/api/v1/network/waves/" + this.baseline.id() + "/analysis", null).body());
		assertThat(analysis.path("brokers")).isEmpty();
		assertThat(analysis.path("named").asBoolean()).isFalse();
		assertThat(member.get("/network/waves/" + this.baseline.id() + "/export.gexf").statusCode()).isEqualTo(403);
		assertThat(member.get("/network/waves/" + this.baseline.id() + "/export.csv").statusCode()).isEqualTo(403);
		assertThat(member.get("/network/waves/" + this.baseline.id() + "?groupBy=shoe_size").statusCode())
			.isEqualTo(400);
	}

	@Test
	void exportsAGexfFileGephiCanRead() throws Exception {
		Browser analyst = as(Role.ANALYST);
		var response = analyst.getBytes("/network/waves/" + this.baseline.id() + "/export.gexf");
		assertThat(response.statusCode()).isEqualTo(200);
		var document = DocumentBuilderFactory.newInstance()
			.newDocumentBuilder()
			.parse(new java.io.ByteArrayInputStream(response.body()));
		long ties = this.jdbc.queryForObject("select count(*) from network_tie where wave_id = ?", Long.class,
				this.baseline.id());
		assertThat((long) document.getElementsByTagName("edge").getLength()).isEqualTo(ties);
		assertThat(document.getElementsByTagName("node").getLength()).isGreaterThan(500);
		String csv = new String(analyst.getBytes("/network/waves/" + this.baseline.id() + "/export.csv").body(),
				StandardCharsets.UTF_8);
		String[] rows = csv.split("\n");
		assertThat(rows[0])
			.isEqualTo("name,sector,id,degree,betweenness,harmonic,eigenvector,constraint,effective_size,"
					+ "community,coordinator,itinerant,gatekeeper,representative,liaison");
		assertThat(rows).hasSize(document.getElementsByTagName("node").getLength() + 1);
		assertThat(rows[1].split(",")[2]).as("the person's own identifier").startsWith("NV-");
		// Gephi gets each person's figures too: the same betweenness as the CSV, and a
		// cluster for everyone.
		var attributes = document.getElementsByTagName("attribute");
		List<String> titles = new java.util.ArrayList<>();
		for (int i = 0; i < attributes.getLength(); i++) {
			titles.add(((org.w3c.dom.Element) attributes.item(i)).getAttribute("title"));
		}
		assertThat(titles).contains("sector", "betweenness", "eigenvector", "constraint", "cluster");
		var values = document.getElementsByTagName("attvalue");
		double gexfMax = 0;
		int clustered = 0;
		for (int i = 0; i < values.getLength(); i++) {
			var value = (org.w3c.dom.Element) values.item(i);
			if (value.getAttribute("for").equals("betweenness")) {
				gexfMax = Math.max(gexfMax, Double.parseDouble(value.getAttribute("value")));
			}
			if (value.getAttribute("for").equals("cluster") && Integer.parseInt(value.getAttribute("value")) >= 1) {
				clustered++;
			}
		}
		assertThat(clustered).isEqualTo(rows.length - 1);
		String[] header = rows[0].split(",");
		int betweennessFromEnd = header.length - List.of(header).indexOf("betweenness");
		double csvMax = java.util.Arrays.stream(rows).skip(1).mapToDouble(r -> {
			String[] cells = r.split(",");
			return Double.parseDouble(cells[cells.length - betweennessFromEnd]);
		}).max().orElseThrow();
		assertThat(gexfMax).isGreaterThan(0).isCloseTo(csvMax, org.assertj.core.data.Offset.offset(1e-6 * csvMax));
		var graphml = analyst.getBytes("/network/waves/" + this.baseline.id() + "/export.graphml");
		assertThat(new String(graphml.body(), StandardCharsets.UTF_8)).contains("<graphml")
			.contains("edgedefault=\"directed\"")
			.contains("attr.name=\"person_id\"")
			.contains("attr.name=\"betweenness\" attr.type=\"double\"")
			.contains("<data key=\"cluster\">");
	}

	private long reciprocalPairs(long wave) {
		return this.jdbc.queryForObject(
				"select count(*) from network_tie a join network_tie b on b.wave_id = a.wave_id "
						+ "and b.source_id = a.target_id and b.target_id = a.source_id where a.wave_id = ?",
				Long.class, wave);
	}

	private long respondents(long wave) {
		return this.jdbc.queryForObject("select count(*) from network_respondent where wave_id = ?", Long.class, wave);
	}

	private List<String> tieDetails(long wave) {
		return this.jdbc.queryForList("select concat(source_id, '>', target_id, ':', coalesce(frequency, ''), ':', "
				+ "coalesce(flows, ''), ':', coalesce(cast(usefulness as varchar(3)), ''), ':', cast(weight as varchar(30))) "
				+ "from network_tie where wave_id = ? order by source_id, target_id", String.class, wave);
	}

	@Test
	void importsTiesFromGraphmlGexfAndXlsxIncludingItsOwnExports() throws Exception {
		Tenant own = ownCopy("net-roundtrip");
		NetworkViews.Wave baseline = this.network.loadDemo(own.id(), "Baseline 2025", LocalDate.of(2025, 3, 1), 1,
				false);
		Browser analyst = signedIn(Role.ANALYST, own);
		analyst.get("/network");
		long ties = this.network.waves(own.id())
			.stream()
			.filter(w -> w.id() == baseline.id())
			.findFirst()
			.orElseThrow()
			.ties();
		for (String format : List.of("graphml", "gexf")) {
			byte[] exported = analyst.getBytes("/network/waves/" + baseline.id() + "/export." + format).body();
			var imported = analyst.postFiles("/network/imports", Map.of("baseline." + format, exported),
					Map.of("wave", "Round trip " + format, "collectedOn", "2026-02-01"), null);
			assertThat(imported.statusCode()).as(imported.body()).isEqualTo(302);
			assertThat(this.network.waves(own.id()))
				.anySatisfy(w -> assertThat(w.name().equals("Round trip " + format) && w.ties() == ties).isTrue());
			long copy = this.jdbc.queryForObject("select id from network_wave where tenant_id = ? and name = ?",
					Long.class, own.id(), "Round trip " + format);
			// The same wave back: directions (so reciprocity), respondents who named
			// nobody, and each tie's frequency and flows.
			assertThat(reciprocalPairs(copy)).as(format + " reciprocity").isEqualTo(reciprocalPairs(baseline.id()));
			assertThat(respondents(copy)).as(format + " respondents").isEqualTo(respondents(baseline.id()));
			assertThat(tieDetails(copy)).as(format + " tie details").isEqualTo(tieDetails(baseline.id()));
		}
		// A Gephi-style GEXF with person ids as node attributes and edge attributes.
		String[] ids = this.jdbc
			.queryForList("select external_id from person where tenant_id = ? order by id limit 3", String.class,
					own.id())
			.toArray(String[]::new);
		String gexf = "<?xml version=\"1.0\"?><gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\"><graph>"
				+ "<attributes class=\"node\"><attribute id=\"0\" title=\"person_id\" type=\"string\"/></attributes>"
				+ "<attributes class=\"edge\"><attribute id=\"f\" title=\"frequency\" type=\"string\"/></attributes>"
				+ "<nodes><node id=\"a\" label=\"A\"><attvalues><attvalue for=\"0\" value=\"" + ids[0]
				+ "\"/></attvalues></node><node id=\"b\" label=\"B\"><attvalues><attvalue for=\"0\" value=\"" + ids[1]
				+ "\"/></attvalues></node></nodes><edges><edge id=\"1\" source=\"a\" target=\"b\" weight=\"2.5\">"
				+ "<attvalues><attvalue for=\"f\" value=\"fortnightly\"/></attvalues></edge></edges></graph></gexf>";
		var rejected = analyst.postFiles("/network/imports",
				Map.of("gephi.gexf", gexf.getBytes(StandardCharsets.UTF_8)),
				Map.of("wave", "Gephi", "collectedOn", "2026-02-01"), null);
		assertThat(rejected.body()).contains("gephi.gexf, edge 1, column frequency: &#39;fortnightly&#39;");
		var accepted = analyst.postFiles("/network/imports",
				Map.of("gephi.gexf", gexf.replace("fortnightly", "weekly").getBytes(StandardCharsets.UTF_8)),
				Map.of("wave", "Gephi", "collectedOn", "2026-02-01"), null);
		assertThat(accepted.statusCode()).isEqualTo(302);
		assertThat(this.jdbc.queryForObject(
				"select weight from network_tie t join network_wave w on w.id = t.wave_id where w.tenant_id = ? and w.name = 'Gephi'",
				Double.class, own.id()))
			.isEqualTo(2.5);
		// XML with a DOCTYPE is refused.
		String xxe = "<?xml version=\"1.0\"?><!DOCTYPE g [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><graphml><graph>&x;</graph></graphml>";
		assertThat(analyst
			.postFiles("/network/imports", Map.of("x.graphml", xxe.getBytes(StandardCharsets.UTF_8)),
					Map.of("wave", "XXE", "collectedOn", "2026-02-01"), null)
			.body()).contains("not a readable tie file");
		// XLSX with the CSV's columns; a bad row is named.
		byte[] xlsx;
		try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
				var out = new java.io.ByteArrayOutputStream()) {
			var sheet = book.createSheet("ties");
			String[][] rows = { { "source_person_id", "target_person_id", "usefulness" }, { ids[0], ids[2], "5" },
					{ ids[1], ids[2], "7" } };
			for (int r = 0; r < rows.length; r++) {
				var row = sheet.createRow(r);
				for (int c = 0; c < rows[r].length; c++) {
					row.createCell(c).setCellValue(rows[r][c]);
				}
			}
			book.write(out);
			xlsx = out.toByteArray();
		}
		assertThat(analyst
			.postFiles("/network/imports", Map.of("ties.xlsx", xlsx),
					Map.of("wave", "Sheet", "collectedOn", "2026-02-01"), null)
			.body()).contains("ties.xlsx, row 3, column usefulness: &#39;7&#39;");
	}

	@Test
	void poolsGroupsTooSmallToShowForPeopleWhoSeeNoNames() throws Exception {
		String path = "/api/v1/network/waves/" + this.baseline.id() + "/analysis?groupBy=organisation";
		var named = this.json.readTree(as(Role.ANALYST).getJson(path, null).body()).get("matrix");
		var pooled = this.json.readTree(as(Role.MEMBER).getJson(path, null).body()).get("matrix");
		java.util.List<String> small = new java.util.ArrayList<>();
		for (int i = 0; i < named.get("groups").size(); i++) {
			if (named.get("sizes").get(i).asInt() < 5) {
				small.add(named.get("groups").get(i).asText());
			}
		}
		assertThat(small).isNotEmpty();
		java.util.List<String> shown = new java.util.ArrayList<>();
		pooled.get("groups").forEach(g -> shown.add(g.asText()));
		assertThat(shown).doesNotContainAnyElementsOf(small).contains("Smaller groups (fewer than 5 people each)");
		pooled.get("sizes").forEach(n -> assertThat(n.asInt()).isGreaterThanOrEqualTo(5));
	}

	@Test
	void reportsHowManyTiesAreNamedBack() throws Exception {
		Tenant own = ownCopy("net-reciprocity");
		Browser analyst = signedIn(Role.ANALYST, own);
		analyst.get("/network");
		String[] ids = this.jdbc
			.queryForList("select external_id from person where tenant_id = ? order by id limit 3", String.class,
					own.id())
			.toArray(String[]::new);
		String csv = "source_person_id,target_person_id\n" + ids[0] + "," + ids[1] + "\n" + ids[1] + "," + ids[0] + "\n"
				+ ids[0] + "," + ids[2] + "\n";
		var imported = analyst.postFiles("/network/imports", Map.of("ties.csv", csv.getBytes(StandardCharsets.UTF_8)),
				Map.of("wave", "Reciprocity", "collectedOn", "2026-03-01"), null);
		assertThat(imported.statusCode()).isEqualTo(302);
		long wave = this.jdbc.queryForObject("select id from network_wave where tenant_id = ? and name = 'Reciprocity'",
				Long.class, own.id());
		var analysis = this.json.readTree(analyst.getJson("/api/v1/network/waves/" + wave + "/analysis", null).body());
		// Two of three named ties are named back; the first person named two and got one
		// back.
		assertThat(analysis.get("reciprocity").asDouble()).isEqualTo(0.667);
		long first = this.jdbc.queryForObject("select id from person where tenant_id = ? and external_id = ?",
				Long.class, own.id(), ids[0]);
		boolean found = false;
		for (var p : analysis.get("brokers")) {
			if (p.get("personId").asLong() == first) {
				assertThat(p.get("reciprocity").asDouble()).isEqualTo(0.5);
				found = true;
			}
		}
		assertThat(found).isTrue();
		assertThat(analyst.get("/network/waves/" + wave).body()).contains("Ties named back");
	}

	@Test
	void importsTiesAllOrNothing() {
		Tenant own = ownCopy("net-pilot");
		Browser analyst = signedIn(Role.ANALYST, own);
		String[] ids = this.jdbc
			.queryForList("select external_id from person where tenant_id = ? order by id limit 3", String.class,
					own.id())
			.toArray(String[]::new);
		analyst.get("/network");
		String bad = "source_person_id,target_person_id,frequency,usefulness\n" + ids[0] + "," + ids[1] + ",weekly,4\n"
				+ ids[1] + ",NOBODY,fortnightly,9\n";
		var rejected = analyst.postFiles("/network/imports", Map.of("ties.csv", bad.getBytes(StandardCharsets.UTF_8)),
				Map.of("wave", "Pilot", "collectedOn", "2026-01-15"), null);
		assertThat(rejected.statusCode()).isEqualTo(200);
		assertThat(rejected.body()).contains("Nothing was imported")
			.contains("ties.csv, row 3, column target_person_id: no person with person_id &#39;NOBODY&#39;")
			.contains("column frequency: &#39;fortnightly&#39; is not one of monthly, weekly, daily")
			.contains("column usefulness: &#39;9&#39; is not a whole number from 1 to 5");
		assertThat(this.network.waves(own.id())).extracting(NetworkViews.Wave::name).doesNotContain("Pilot");

		String good = "source_person_id,target_person_id,frequency,flows\n" + ids[0] + "," + ids[1]
				+ ",weekly,information;advice\n" + ids[1] + "," + ids[2] + ",daily,trust\n";
		var imported = analyst.postFiles("/network/imports", Map.of("ties.csv", good.getBytes(StandardCharsets.UTF_8)),
				Map.of("wave", "Pilot", "collectedOn", "2026-01-15"), null);
		assertThat(imported.statusCode()).isEqualTo(302);
		assertThat(this.network.waves(own.id())).anySatisfy(w -> {
			assertThat(w.name()).isEqualTo("Pilot");
			assertThat(w.ties()).isEqualTo(2);
			assertThat(w.people()).isEqualTo(3);
		});
		Browser facilitator = signedIn(Role.FACILITATOR, own);
		facilitator.get("/network");
		assertThat(facilitator
			.postFiles("/network/imports", Map.of("ties.csv", good.getBytes(StandardCharsets.UTF_8)),
					Map.of("wave", "Sneaky"), null)
			.statusCode()).isEqualTo(403);
	}

	@Test
	void importsTiesBetweenOrganisationsWithTiesBetweenPeople() throws Exception {
		Tenant own = ownCopy("net-orgs");
		Browser analyst = signedIn(Role.ANALYST, own);
		String[] people = this.jdbc
			.queryForList("select external_id from person where tenant_id = ? order by id limit 2", String.class,
					own.id())
			.toArray(String[]::new);
		String[] organisations = this.jdbc
			.queryForList("select external_id from organisation where tenant_id = ? order by id limit 3", String.class,
					own.id())
			.toArray(String[]::new);
		analyst.get("/network");
		String header = "source_person_id,target_person_id,source_organisation_id,target_organisation_id,frequency\n";
		String bad = header + ",," + organisations[0] + ",NO-SUCH-ORG,weekly\n" + ",," + organisations[1] + ","
				+ organisations[1] + ",daily\n";
		var rejected = analyst.postFiles("/network/imports", Map.of("orgs.csv", bad.getBytes(StandardCharsets.UTF_8)),
				Map.of("wave", "Dependencies", "collectedOn", "2026-02-01"), null);
		assertThat(rejected.body()).contains(
				"orgs.csv, row 2, column target_organisation_id: no organisation with organisation_id &#39;NO-SUCH-ORG&#39;")
			.contains("orgs.csv, row 3, column target_organisation_id: a tie needs two different organisations");
		String good = header + people[0] + "," + people[1] + ",,,weekly\n" + ",," + organisations[0] + ","
				+ organisations[2] + ",daily\n" + ",," + organisations[1] + "," + organisations[2] + ",monthly\n";
		var imported = analyst.postFiles("/network/imports", Map.of("orgs.csv", good.getBytes(StandardCharsets.UTF_8)),
				Map.of("wave", "Dependencies", "collectedOn", "2026-02-01"), null);
		assertThat(imported.statusCode()).isEqualTo(302);
		long wave = this.jdbc.queryForObject("select id from network_wave where tenant_id = ? and name = ?", Long.class,
				own.id(), "Dependencies");
		assertThat(this.jdbc.queryForObject("select count(*) from network_tie where wave_id = ?", Integer.class, wave))
			.isEqualTo(1);
		assertThat(
				this.jdbc.queryForObject("select count(*) from network_org_tie where wave_id = ?", Integer.class, wave))
			.isEqualTo(2);
		// The third organisation is depended on by two, and connects them.
		long third = this.jdbc.queryForObject("select id from organisation where tenant_id = ? and external_id = ?",
				Long.class, own.id(), organisations[2]);
		JsonNode analysis = this.json
			.readTree(analyst.getJson("/api/v1/network/waves/" + wave + "/analysis?groupBy=organisation", null).body());
		JsonNode depended = null;
		for (JsonNode o : analysis.path("organisations")) {
			if (o.path("organisationId").asLong() == third) {
				depended = o;
			}
		}
		assertThat(depended).isNotNull();
		assertThat(depended.path("dependedOn").asInt()).isEqualTo(2);
		assertThat(depended.path("partners").asInt()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void keepsEachTenantsNetworkToItself() {
		Tenant other = newTenant("net-other");
		Browser outsider = signedIn(Role.ADMIN, other);
		assertThat(outsider.get("/network/waves/" + this.baseline.id()).statusCode()).isEqualTo(404);
		assertThat(outsider.getJson("/api/v1/network/waves/" + this.baseline.id() + "/analysis", null).statusCode())
			.isEqualTo(404);
		assertThat(outsider.get("/network/waves/" + this.baseline.id() + "/export.gexf").statusCode()).isEqualTo(404);
		assertThat(outsider.get("/network").body()).doesNotContain("/network/waves/" + this.baseline.id())
			.contains("No ties yet");
	}

}
