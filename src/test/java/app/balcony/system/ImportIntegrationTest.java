package app.balcony.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.balcony.identity.Role;
import app.balcony.identity.Tenant;
import app.balcony.support.Browser;
import app.balcony.support.IntegrationTestBase;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ImportIntegrationTest extends IntegrationTestBase {

	static final String PLACES = """
			place_id,name,level,parent_place_id,population,valid_from,valid_to,predecessor_place_ids
			SYS,Westbrook,system,,600000,2022-07-01,,
			P-A,Alderton,place,SYS,300000,2022-07-01,,
			P-B,Brookfield,place,SYS,300000,2022-07-01,,
			N-A1,Alderton North,neighbourhood,P-A,40000,2022-07-01,,
			""";

	static final String ORGANISATIONS = """
			organisation_id,name,sector,parent_organisation_id,places_served,valid_from,valid_to,predecessor_organisation_ids
			O-TRUST,Westbrook Hospitals NHS Trust,nhs_acute,,P-A;P-B,2022-07-01,,
			O-COUNCIL,Alderton Council,la_corporate,,P-A,2022-07-01,,
			O-ASC,Alderton Council Adult Social Care,Adult social care,O-COUNCIL,P-A,2022-07-01,,
			O-VCS,Westbrook Together,vcse,,SYS,2022-07-01,,
			""";

	static final String PEOPLE = """
			person_id,name,email,job_title,staff_group,seniority,places
			E1,Robin Ashdown,robin.ashdown@westbrook.example,Director of Nursing,clinical,executive,P-A
			E2,Kit Mallory,kit.mallory@westbrook.example,Head of Adult Social Care,non_clinical,senior,P-A
			E3,Sam Okoro,,Community Organiser,non-clinical,practitioner,P-B
			""";

	static final String BODIES = """
			body_id,name,type,place_id,valid_from,valid_to
			GB-HWB,Alderton Health and Wellbeing Board,health_and_wellbeing_board,P-A,2022-07-01,
			""";

	static final String MEMBERSHIPS = """
			person_id,organisation_id,body_id,role,valid_from,valid_to
			E1,O-TRUST,,Director of Nursing,2022-07-01,
			E2,O-ASC,,Head of Adult Social Care,2022-09-01,
			E3,O-VCS,,Community Organiser,2023-01-01,
			E2,,GB-HWB,Chair,2022-07-01,
			""";

	@Autowired
	ObjectMapper json;

	@Autowired
	JdbcTemplate jdbc;

	static Map<String, byte[]> allFiles() {
		Map<String, byte[]> files = new LinkedHashMap<>();
		// Deliberately out of order: the import applies them in dependency order.
		files.put("memberships.csv", bytes(MEMBERSHIPS));
		files.put("people.csv", bytes(PEOPLE));
		files.put("places.csv", bytes(PLACES));
		files.put("governance-bodies.csv", bytes(BODIES));
		files.put("organisations.csv", bytes(ORGANISATIONS));
		return files;
	}

	@Test
	void importsAWholeIcsThroughTheApiAndChangeNothingTheSecondTime() throws IOException {
		Tenant tenant = newTenant("import");
		String token = this.accounts.createApiToken(tenant.id(), user(Role.ADMIN, tenant), "test", "test");
		Browser api = browser();

		JsonNode first = submitAndWait(api, token, allFiles(), Map.of());
		assertThat(first.path("status").asText()).isEqualTo("SUCCEEDED");
		assertThat(first.path("report").path("counts").path("places").path("created").asInt()).isEqualTo(4);
		assertThat(first.path("report").path("counts").path("people").path("created").asInt()).isEqualTo(3);
		assertThat(first.path("report").path("counts").path("memberships").path("created").asInt()).isEqualTo(4);

		JsonNode second = submitAndWait(api, token, allFiles(), Map.of());
		assertThat(second.path("status").asText()).isEqualTo("SUCCEEDED");
		assertThat(second.path("report").path("rows").asInt()).isEqualTo(16);
		for (String kind : new String[] { "places", "organisations", "people", "governance-bodies", "memberships" }) {
			JsonNode counts = second.path("report").path("counts").path(kind);
			assertThat(counts.path("created").asInt() + counts.path("updated").asInt()).as(kind).isZero();
		}

		var overview = this.json.readTree(api.getJson("/api/v1/overview", token).body());
		assertThat(overview.path("system").path("name").asText()).isEqualTo("Westbrook");
		assertThat(overview.path("places")).hasSize(2);
		assertThat(overview.path("organisations").asInt()).isEqualTo(4);
		assertThat(overview.path("people").asInt()).isEqualTo(3);
	}

	@Test
	void updatesChangedRowsAndKeepHistoryOfChangedLinks() throws IOException {
		Tenant tenant = newTenant("update");
		String token = this.accounts.createApiToken(tenant.id(), user(Role.ADMIN, tenant), "test", "test");
		Browser api = browser();
		submitAndWait(api, token, allFiles(), Map.of());

		String changed = ORGANISATIONS.replace("O-TRUST,Westbrook Hospitals NHS Trust,nhs_acute,,P-A;P-B",
				"O-TRUST,Westbrook Hospitals NHS Foundation Trust,nhs_acute,,P-A");
		JsonNode result = submitAndWait(api, token, Map.of("organisations.csv", bytes(changed)), Map.of());
		JsonNode counts = result.path("report").path("counts").path("organisations");
		assertThat(counts.path("updated").asInt()).isEqualTo(1);
		assertThat(counts.path("unchanged").asInt()).isEqualTo(3);
		Long closedLinks = this.jdbc.queryForObject(
				"select count(*) from organisation_place op join organisation o on o.id = op.organisation_id "
						+ "where o.tenant_id = ? and o.external_id = 'O-TRUST'",
				Long.class, tenant.id());
		assertThat(closedLinks).as("the ended link to P-B is kept or removed, never duplicated").isBetween(1L, 2L);
		var trust = this.json.readTree(api.getJson("/api/v1/organisations?q=foundation", token).body());
		assertThat(trust.path("items").get(0).path("name").asText())
			.isEqualTo("Westbrook Hospitals NHS Foundation Trust");
	}

	@Test
	void rejectsAFileWithErrorsWholeAndListEveryError() throws IOException {
		Tenant tenant = newTenant("reject");
		String token = this.accounts.createApiToken(tenant.id(), user(Role.ADMIN, tenant), "test", "test");
		Browser api = browser();
		Map<String, byte[]> files = new LinkedHashMap<>(allFiles());
		files.put("people.csv", bytes(PEOPLE + "E4,Jo Bad,not-an-email,Nurse,clinical,grand_high,P-Z\n"));

		JsonNode result = submitAndWait(api, token, files, Map.of());
		assertThat(result.path("status").asText()).isEqualTo("FAILED");
		assertThat(result.path("message").asText()).startsWith("Nothing was imported");
		var errors = result.path("report").path("errors");
		assertThat(errors).hasSize(2);
		assertThat(errors.get(0).path("file").asText()).isEqualTo("people.csv");
		assertThat(errors.get(0).path("row").asInt()).isEqualTo(5);
		assertThat(errors.get(0).path("column").asText()).isEqualTo("email");
		assertThat(errors.get(1).path("column").asText()).isEqualTo("seniority");
		assertThat(this.jdbc.queryForObject("select count(*) from place where tenant_id = ?", Long.class, tenant.id()))
			.as("all or nothing: the valid files were not applied either")
			.isZero();
	}

	@Test
	void reportsBrokenReferencesAcrossFiles() throws IOException {
		Tenant tenant = newTenant("refs");
		String token = this.accounts.createApiToken(tenant.id(), user(Role.ADMIN, tenant), "test", "test");
		JsonNode result = submitAndWait(browser(), token, Map.of("memberships.csv", bytes(MEMBERSHIPS)), Map.of());
		assertThat(result.path("status").asText()).isEqualTo("FAILED");
		assertThat(result.path("report").path("errors").get(0).path("message").asText())
			.isEqualTo("No person with person_id 'E1'");
	}

	@Test
	void importsXlsxUploadedThroughThePagesWithTheKindChosen() throws IOException {
		Tenant tenant = newTenant("xlsx");
		Browser admin = signedIn(Role.ADMIN, tenant);
		assertThat(admin.get("/imports").body()).contains("Import your ICS").contains("places.xlsx");
		var response = admin.postFiles("/imports", Map.of("my westbrook places.xlsx", xlsx(PLACES)),
				Map.of("kind", "places"), null);
		assertThat(response.statusCode()).isEqualTo(302);
		String jobPath = response.headers().firstValue("Location").orElseThrow().replaceAll("^https?://[^/]+", "");
		await().atMost(java.time.Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(admin.get(jobPath).body()).contains("Imported 4 rows"));
		assertThat(admin.get(jobPath).body()).contains("What changed");
		assertThat(admin.get("/").body()).contains("Alderton").contains("Brookfield");
	}

	@Test
	void servesTemplatesThatImportCleanly() {
		Tenant tenant = newTenant("templates");
		Browser browser = signedIn(Role.MEMBER, tenant);
		var csv = browser.getBytes("/imports/templates/people.csv");
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(new String(csv.body(), StandardCharsets.UTF_8))
			.startsWith(String.join(",", ImportKind.PEOPLE.headers()));
		var xlsx = browser.getBytes("/imports/templates/governance-bodies.xlsx");
		assertThat(xlsx.statusCode()).isEqualTo(200);
		assertThat(xlsx.headers().firstValue("Content-Type").orElseThrow()).contains("spreadsheetml");
		assertThat(browser.getBytes("/imports/templates/nothing.csv").statusCode()).isEqualTo(404);
	}

	JsonNode submitAndWait(Browser api, String token, Map<String, byte[]> files, Map<String, String> fields)
			throws IOException {
		var submitted = api.postFiles("/api/v1/imports", files, fields, token);
		assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
		long id = this.json.readTree(submitted.body()).path("id").asLong();
		JsonNode[] last = new JsonNode[1];
		await().atMost(java.time.Duration.ofSeconds(30)).pollInterval(java.time.Duration.ofMillis(100)).until(() -> {
			last[0] = this.json.readTree(api.getJson("/api/v1/imports/" + id, token).body());
			String status = last[0].path("status").asText();
			return status.equals("SUCCEEDED") || status.equals("FAILED");
		});
		return last[0];
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static byte[] xlsx(String csv) throws IOException {
		try (var workbook = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
			var sheet = workbook.createSheet("Places");
			String[] lines = csv.strip().split("\n");
			for (int r = 0; r < lines.length; r++) {
				String[] cells = lines[r].split(",", -1);
				var row = sheet.createRow(r);
				for (int c = 0; c < cells.length; c++) {
					if (r > 0 && cells[c].matches("\\d+")) {
						row.createCell(c).setCellValue(Double.parseDouble(cells[c]));
					}
					else {
						row.createCell(c).setCellValue(cells[c]);
					}
				}
			}
			workbook.write(out);
			return out.toByteArray();
		}
	}

}
