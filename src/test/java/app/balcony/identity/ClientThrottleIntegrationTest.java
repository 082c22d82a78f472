package app.balcony.identity;

import app.balcony.support.Browser;
import app.balcony.support.IntegrationTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One address trying one password against many usernames (password spraying) is refused
 * after the per-address limit, whichever username it tries next.
 */
@org.springframework.test.annotation.DirtiesContext
@TestPropertySource(properties = "balcony.identity.login-client-max-failures=6")
class ClientThrottleIntegrationTest extends IntegrationTestBase {

	@Autowired
	JdbcTemplate jdbc;

	@AfterEach
	void forgetTheAddress() {
		// Every test signs in from this address; on PostgreSQL the table is shared.
		this.jdbc.update("delete from login_client_throttle");
	}

	@Test
	void sprayingManyUsernamesFromOneAddressIsRefused() {
		this.jdbc.update("delete from login_client_throttle");
		Tenant tenant = newTenant("spray");
		Browser browser = browser();
		int refusedAt = -1;
		for (int i = 0; i < 10; i++) {
			browser.attemptSignIn("nobody" + i + "@" + tenant.slug() + ".example", "Spring2026!x");
			if (browser.get("/login?error").body().contains("from your network")) {
				refusedAt = i;
				break;
			}
		}
		assertThat(refusedAt).as("refused after six failures").isEqualTo(6);
		// Even a right password is not checked from that address for now.
		var right = browser.attemptSignIn(user(Role.ANALYST, tenant), PASSWORD);
		assertThat(right.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
		assertThat(browser.get("/login?error").body()).contains("from your network");
	}

}
