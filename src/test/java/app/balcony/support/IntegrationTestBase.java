package app.balcony.support;

import java.util.UUID;

import app.balcony.identity.Role;
import app.balcony.identity.Tenant;
import app.balcony.identity.TenantAccounts;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real Balcony on a random port over a real database (H2 or PostgreSQL, see
 * {@link TestDatabase}). Tests create their own tenants with unique names, so they never
 * depend on each other's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "balcony.jobs.poll-interval=100ms", "balcony.identity.login-lock-base=1m",
				// Every test signs in from 127.0.0.1: only the test of the per-address
				// limit sets a low one.
				"balcony.identity.login-client-max-failures=1000000",
				// Every test instance can send mail, to the test SMTP server some tests
				// start
				// (GreenMail's test port): on PostgreSQL any instance's worker may run a
				// job.
				"spring.mail.host=127.0.0.1", "spring.mail.port=3025" })
public abstract class IntegrationTestBase {

	public static final String PASSWORD = "correct-horse-battery";

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
	}

	@LocalServerPort
	protected int port;

	@Autowired
	protected TenantAccounts accounts;

	protected Browser browser() {
		return new Browser("http://localhost:" + this.port);
	}

	/**
	 * A new tenant with one account per role: {@code admin@slug}, {@code analyst@slug}, …
	 */
	protected Tenant newTenant(String prefix) {
		String slug = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
		Tenant tenant = this.accounts.createTenant(slug, "Test ICS " + slug);
		for (Role role : Role.values()) {
			this.accounts.createAccount(tenant.id(), user(role, tenant), role.label() + " of " + slug, PASSWORD, role,
					"test");
		}
		return tenant;
	}

	protected static String user(Role role, Tenant tenant) {
		return role.name().toLowerCase() + "@" + tenant.slug() + ".example";
	}

	/** A browser signed in as the demo ICS's account with this role. */
	protected Browser demoAs(Role role) {
		Browser browser = browser();
		app.balcony.system.DemoIcs.DemoAccount account = app.balcony.system.DemoIcs.ACCOUNTS.stream()
			.filter(a -> a.role() == role)
			.findFirst()
			.orElseThrow();
		browser.signIn(account.username(), account.password());
		return browser;
	}

	protected Browser signedIn(Role role, Tenant tenant) {
		Browser browser = browser();
		browser.signIn(user(role, tenant), PASSWORD);
		return browser;
	}

}
