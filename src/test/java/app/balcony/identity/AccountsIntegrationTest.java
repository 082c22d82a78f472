package app.balcony.identity;

import java.util.Map;

import app.balcony.support.Browser;
import app.balcony.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AccountsIntegrationTest extends IntegrationTestBase {

	@Test
	void letsAnAdminAddAnAccountThatCanThenSignIn() {
		Tenant tenant = newTenant("accounts");
		Browser admin = signedIn(Role.ADMIN, tenant);
		admin.get("/admin/users");
		var created = admin.post("/admin/users", Map.of("username", "New.Person@" + tenant.slug() + ".example",
				"displayName", "New Person", "role", "FACILITATOR", "password", "a-long-password"));
		assertThat(created.statusCode()).isEqualTo(302);
		assertThat(admin.get("/admin/users").body()).contains("New Person").contains("Facilitator");
		browser().signIn("new.person@" + tenant.slug() + ".example", "a-long-password");
		assertThat(admin.get("/admin/audit").body()).contains("ACCOUNT_CREATED");
	}

	@Test
	void explainsWhatIsWrongWithANewAccount() {
		Tenant tenant = newTenant("badaccount");
		Browser admin = signedIn(Role.ADMIN, tenant);
		admin.get("/admin/users");
		var page = admin.post("/admin/users",
				Map.of("username", "", "displayName", "Someone", "role", "MEMBER", "password", "short"));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("There is a problem")
			.contains("Enter a username")
			.contains("Password must be 10 to 128 characters");
	}

	@Test
	void keepsAdminPagesFromOtherRoles() {
		Tenant tenant = newTenant("adminonly");
		for (Role role : new Role[] { Role.ANALYST, Role.FACILITATOR, Role.MEMBER }) {
			Browser browser = signedIn(role, tenant);
			assertThat(browser.get("/admin/users").statusCode()).as(role.name()).isEqualTo(403);
			assertThat(browser.get("/admin/audit").statusCode()).as(role.name()).isEqualTo(403);
			assertThat(browser.get("/imports").statusCode()).as(role.name()).isEqualTo(403);
			assertThat(browser.getJson("/api/v1/admin/audit", null).statusCode()).as(role.name()).isEqualTo(403);
		}
	}

	@Test
	void authenticatesApiCallsWithATokenUntilItIsRevoked() {
		Tenant tenant = newTenant("tokens");
		Browser browser = signedIn(Role.ANALYST, tenant);
		browser.get("/account");
		browser.post("/account/tokens", Map.of("name", "nightly script"));
		String page = browser.get("/account").body();
		String token = page.replaceAll("(?s).*<code id=\"new-token\">([^<]+)</code>.*", "$1");
		assertThat(token).startsWith("blc_");

		Browser script = browser();
		var me = script.getJson("/api/v1/me", token);
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(me.body()).contains("\"tenant\":\"" + tenant.slug() + "\"").contains("\"role\":\"ANALYST\"");
		assertThat(script.getJson("/api/v1/me", token + "x").statusCode()).isEqualTo(401);

		long tokenId = this.accounts.apiTokens(tenant.id(), accountId(tenant)).get(0).id();
		browser.post("/account/tokens/" + tokenId + "/revoke", Map.of());
		assertThat(script.getJson("/api/v1/me", token).statusCode()).isEqualTo(401);
	}

	private long accountId(Tenant tenant) {
		return this.accounts.accounts(tenant.id())
			.stream()
			.filter(a -> a.role() == Role.ANALYST)
			.findFirst()
			.orElseThrow()
			.id();
	}

}
