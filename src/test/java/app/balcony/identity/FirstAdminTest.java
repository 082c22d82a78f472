package app.balcony.identity;

import app.balcony.support.Browser;
import app.balcony.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new deployment started with BALCONY_ADMIN_USERNAME / BALCONY_ADMIN_PASSWORD gets its
 * first tenant and admin, who can sign in straight away.
 */
@TestPropertySource(properties = { "balcony.identity.first-admin.username=First.Admin@first.example",
		"balcony.identity.first-admin.password=first-admin-password",
		"balcony.identity.first-admin.tenant-slug=first-ics", "balcony.identity.first-admin.tenant-name=First ICS" })
class FirstAdminTest extends IntegrationTestBase {

	@Test
	void createsTheFirstTenantAndAdminOnStart() {
		assertThat(this.accounts.findTenant("first-ics")).isPresent();
		Browser browser = browser();
		browser.signIn("first.admin@first.example", "first-admin-password");
		assertThat(browser.get("/admin/users").body()).contains("first.admin@first.example").contains("Admin");
		assertThat(browser.get("/health").body()).contains("UP");
	}

}
