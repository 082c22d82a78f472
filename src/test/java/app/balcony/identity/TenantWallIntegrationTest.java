package app.balcony.identity;

import java.util.Map;

import app.balcony.support.Browser;
import app.balcony.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts and the tenant wall: an admin of one ICS can neither take over, see nor lock
 * out an account of another; a person in two ICSs chooses one at sign-in; disabling ends
 * a session at its next request.
 */
class TenantWallIntegrationTest extends IntegrationTestBase {

	@Autowired
	AuditLog audit;

	@Autowired
	org.springframework.jdbc.core.JdbcTemplate jdbc;

	@Test
	void aWrongPasswordForADisabledAccountSaysNothingMoreThanForAnyOther() {
		Tenant tenant = newTenant("wall-quiet");
		String member = user(Role.MEMBER, tenant);
		// Disabled everywhere by the operator.
		this.jdbc.update("update account set enabled = false where username = ?", member);
		Browser browser = browser();
		browser.attemptSignIn(member, "not-the-password");
		assertThat(browser.get("/login?error").body()).contains("The username or password is not right.")
			.doesNotContain("disabled");
		assertThat(this.audit.count(tenant.id(), "SIGN_IN_FAILED", member)).as("the guess is counted").isEqualTo(1);
		// The right password learns it is disabled.
		browser.attemptSignIn(member, PASSWORD);
		assertThat(browser.get("/login?error").body()).contains("disabled");
	}

	@Test
	void anAdminOfAnotherIcsCannotAddYourAccountOrLearnItsName() {
		Tenant mine = newTenant("wall-mine");
		Tenant theirs = newTenant("wall-theirs");
		String me = user(Role.MEMBER, mine);
		Browser admin = signedIn(Role.ADMIN, theirs);
		admin.get("/admin/users");
		var page = admin.post("/admin/users",
				Map.of("username", me, "displayName", "Anything", "role", "ADMIN", "password", "another-long-one"));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("is already taken").doesNotContain("Member of " + mine.slug());
		assertThat(this.accounts.accounts(theirs.id())).noneMatch(a -> a.username().equals(me));
		// The person signs in to their own ICS as before.
		Browser browser = browser();
		browser.signIn(me, PASSWORD);
		assertThat(browser.get("/").body()).contains(mine.name());
	}

	@Test
	void disablingInOneIcsLeavesThePersonsOtherIcsAlone() {
		Tenant home = newTenant("wall-home");
		Tenant second = newTenant("wall-second");
		String person = user(Role.ANALYST, home);
		// Only the operator can put an existing account in a second ICS.
		long id = this.accounts.createAccount(second.id(), person, "ignored", null, Role.MEMBER, "operator", true);
		String token = this.accounts.createApiToken(home.id(), person, "script", "test");

		// With two ICSs, sign-in asks which one.
		Browser choosing = browser();
		var ask = choosing.attemptSignIn(person, PASSWORD);
		assertThat(ask.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
		String choice = choosing.get("/login?error").body();
		assertThat(choice).contains("belongs to more than one ICS").contains(home.name()).contains(second.name());
		assertThat(choice).as("the username stays filled in").contains("value=\"" + person + "\"");
		assertThat(choosing.get("/").statusCode()).as("no ICS chosen: not signed in").isEqualTo(302);
		Browser inSecond = browser();
		var chosen = inSecond.attemptSignIn(person, PASSWORD, second.slug());
		assertThat(chosen.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
		assertThat(inSecond.get("/").body()).contains(second.name());

		// The second ICS's admin disables the account there.
		Browser admin = signedIn(Role.ADMIN, second);
		admin.get("/admin/users");
		admin.post("/admin/users/" + id + "/enabled", Map.of("enabled", "false"));
		var ended = inSecond.get("/");
		assertThat(ended.headers().firstValue("Location").orElseThrow()).as("session ended at once")
			.endsWith("/login?disabled");

		// At home nothing changed: sign-in goes straight there, the token works.
		Browser atHome = browser();
		atHome.signIn(person, PASSWORD);
		assertThat(atHome.get("/").body()).contains(home.name());
		assertThat(browser().getJson("/api/v1/me", token).statusCode()).isEqualTo(200);
		assertThat(this.accounts.accounts(home.id()).stream().filter(a -> a.username().equals(person)))
			.allMatch(AccountView::enabled);
		// Each ICS's audit log holds what happened there.
		assertThat(this.audit.count(second.id(), "ACCOUNT_DISABLED", person)).isEqualTo(1);
		assertThat(this.audit.count(home.id(), "ACCOUNT_DISABLED", person)).isZero();
	}

	@Test
	void disablingAnAccountEndsItsOpenSessionAndItsTokensAtOnce() {
		Tenant tenant = newTenant("wall-disable");
		String member = user(Role.MEMBER, tenant);
		Browser signedIn = signedIn(Role.MEMBER, tenant);
		String token = this.accounts.createApiToken(tenant.id(), member, "script", "test");
		assertThat(signedIn.get("/").statusCode()).isEqualTo(200);
		long id = this.accounts.accounts(tenant.id())
			.stream()
			.filter(a -> a.username().equals(member))
			.findFirst()
			.orElseThrow()
			.id();
		Browser admin = signedIn(Role.ADMIN, tenant);
		admin.get("/admin/users");
		admin.post("/admin/users/" + id + "/enabled", Map.of("enabled", "false"));
		assertThat(signedIn.get("/").headers().firstValue("Location").orElseThrow()).endsWith("/login?disabled");
		assertThat(signedIn.get("/").headers().firstValue("Location").orElseThrow()).as("and stays ended")
			.endsWith("/login");
		assertThat(browser().getJson("/api/v1/me", token).statusCode()).isEqualTo(401);
		var again = browser().attemptSignIn(member, PASSWORD);
		assertThat(again.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
	}

	@Test
	void passwordsEqualToTheUsernameOrAmongTheCommonestAreRefused() {
		Tenant tenant = newTenant("wall-passwords");
		Browser admin = signedIn(Role.ADMIN, tenant);
		admin.get("/admin/users");
		String username = "someone.long@" + tenant.slug() + ".example";
		var same = admin.post("/admin/users",
				Map.of("username", username, "displayName", "Someone", "role", "MEMBER", "password", username));
		assertThat(same.body()).contains("Password must not be the username");
		for (String common : new String[] { "password123", "Qwertyuiop", "1234567890", "aaaaaaaaaaaa" }) {
			var page = admin.post("/admin/users",
					Map.of("username", username, "displayName", "Someone", "role", "MEMBER", "password", common));
			assertThat(page.body()).as(common).contains("most commonly used");
		}
		assertThat(this.accounts.accounts(tenant.id())).noneMatch(a -> a.username().equals(username));
	}

}
