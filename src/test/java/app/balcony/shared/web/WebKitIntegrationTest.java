package app.balcony.shared.web;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.balcony.identity.Role;
import app.balcony.identity.Tenant;
import app.balcony.jobs.Progress;
import app.balcony.support.Browser;
import app.balcony.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The small web kit every module's pages and API use: the "as of" date, a form that goes
 * back to its page saying what was wrong, and downloads saved under their names.
 */
class WebKitIntegrationTest extends IntegrationTestBase {

	@Autowired
	ObjectMapper json;

	@Autowired
	app.balcony.system.DemoIcs demo;

	@org.junit.jupiter.api.BeforeEach
	void demoIcs() {
		this.demo.ensure(42, 600, app.balcony.jobs.Progress.NONE);
	}

	@Test
	void asOfIsADateOrAClearProblemInPagesAndTheApi() throws Exception {
		Tenant tenant = newTenant("asof");
		Browser analyst = signedIn(Role.ANALYST, tenant);
		assertThat(analyst.get("/?asOf=2024-04-01").statusCode()).isEqualTo(200);
		var page = analyst.get("/?asOf=1st+April");
		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(page.body()).contains("&#39;asOf&#39; must be a date written as yyyy-mm-dd");
		var api = analyst.getJson("/api/v1/overview?asOf=2024-13-01", null);
		assertThat(api.statusCode()).isEqualTo(400);
		assertThat(api.body()).contains("'asOf' must be a date written as yyyy-mm-dd").contains("2024-13-01");
		assertThat(analyst.getJson("/api/v1/overview?asOf=2024-04-01", null).statusCode()).isEqualTo(200);

		// Documented as a query parameter (a date), as before.
		JsonNode parameters = this.json.readTree(browser().getJson("/v3/api-docs", null).body())
			.at("/paths/~1api~1v1~1overview/get/parameters");
		assertThat(parameters.findValuesAsText("name")).containsExactly("asOf");
		assertThat(parameters.get(0).path("in").asText()).isEqualTo("query");
		assertThat(parameters.get(0).at("/schema/format").asText()).isEqualTo("date");
	}

	@Test
	void aFormThatCannotBeDoneGoesBackToItsPageSayingWhy() {
		Tenant tenant = newTenant("onproblem");
		Browser analyst = signedIn(Role.ANALYST, tenant);
		analyst.get("/evidence");
		var refused = analyst.post("/evidence/projects", Map.of("name", " "));
		assertThat(refused.statusCode()).isEqualTo(302);
		assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/evidence");
		String page = analyst.get("/evidence").body();
		assertThat(page).contains("There is a problem").contains("name");
		// Shown once: the problem was for that attempt only.
		assertThat(analyst.get("/evidence").body()).doesNotContain("There is a problem");
	}

	@Test
	void downloadsAreSavedUnderTheirNamesWhateverTheAlphabet() {
		var ascii = Downloads.file("campaign-1-links.csv", Downloads.CSV, new byte[0]);
		assertThat(ascii.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
			.isEqualTo("attachment; filename=\"campaign-1-links.csv\"");
		assertThat(ascii.getHeaders().getContentType()).isEqualTo(MediaType.parseMediaType("text/csv;charset=UTF-8"));
		var welsh = Downloads.text("Côr Caerdydd.csv", Downloads.CSV, "a,b");
		assertThat(welsh.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
			.contains("filename*=UTF-8''C%C3%B4r%20Caerdydd.csv");
		assertThat(welsh.getBody()).containsExactly('a', ',', 'b');
	}

	@Test
	void theNavigationMarksWhereYouAreForEveryItem() {
		Browser admin = demoAs(Role.ADMIN);
		// The two items that had drifted from the others.
		assertThat(admin.get("/imports").body()).containsPattern(
				"nhsuk-header__navigation-item--current\"[^>]*>\\s*<a class=\"nhsuk-header__navigation-link\" href=\"/imports\" aria-current=\"page\">Import</a>");
		assertThat(admin.get("/admin/privacy").body())
			.contains("href=\"/admin/users\" aria-current=\"true\">Admin</a>");
		// Within a section, the section is current but is not this page.
		String frameworks = admin.get("/frameworks/dimension").body();
		assertThat(frameworks).contains("href=\"/frameworks\" aria-current=\"true\">Frameworks</a>")
			.contains("href=\"/\">Overview</a>")
			.doesNotContain("aria-current=\"page\"");
	}

	@Test
	void breadcrumbsUseTheFrontEndsListItems() throws Exception {
		Browser analyst = demoAs(Role.ANALYST);
		JsonNode places = this.json.readTree(analyst.getJson("/api/v1/places", null).body());
		String page = analyst.get("/places/" + places.get(0).path("id").asLong()).body();
		assertThat(page).contains("<nav class=\"nhsuk-breadcrumb\" aria-label=\"Breadcrumb\">")
			.containsPattern(
					"<li class=\"nhsuk-breadcrumb__list-item\"><a class=\"nhsuk-breadcrumb__link\" href=\"/places\">")
			.doesNotContain("nhsuk-breadcrumb__item");
	}

}
