package app.balcony.identity;

import java.util.Map;

import app.balcony.identity.AuditLog;
import app.balcony.support.Browser;
import app.balcony.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class SignInIntegrationTest extends IntegrationTestBase {

	@Autowired
	AuditLog audit;

	@Test
	void sendsAnonymousVisitorsToSignInAndRefuseAnonymousApiCalls() {
		Browser browser = browser();
		var page = browser.get("/");
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/login");
		var api = browser.getJson("/api/v1/overview", null);
		assertThat(api.statusCode()).isEqualTo(401);
		assertThat(api.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
	}

	@Test
	void signsInShowTheTenantAndSignOut() {
		Tenant tenant = newTenant("signin");
		Browser browser = signedIn(Role.ANALYST, tenant);
		var overview = browser.get("/");
		assertThat(overview.statusCode()).isEqualTo(200);
		assertThat(overview.body()).contains(tenant.name()).contains("Sign out");

		var signOut = browser.post("/logout", Map.of());
		assertThat(signOut.headers().firstValue("Location").orElseThrow()).endsWith("/login?signedOut");
		assertThat(browser.get("/").statusCode()).isEqualTo(302);
		assertThat(this.audit.count(tenant.id(), "SIGN_IN", user(Role.ANALYST, tenant))).isEqualTo(1);
	}

	@Test
	void saysWhenThePasswordIsWrong() {
		Tenant tenant = newTenant("wrongpw");
		Browser browser = browser();
		var response = browser.attemptSignIn(user(Role.MEMBER, tenant), "not-the-password");
		assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
		assertThat(browser.get("/login?error").body()).contains("The username or password is not right.");
	}

	@Test
	void locksAUsernameAfterRepeatedFailuresEvenForTheRightPassword() {
		Tenant tenant = newTenant("throttle");
		String username = user(Role.MEMBER, tenant);
		Browser browser = browser();
		for (int i = 0; i < 5; i++) {
			browser.attemptSignIn(username, "wrong-password-" + i);
		}
		var locked = browser.attemptSignIn(username, PASSWORD);
		assertThat(locked.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
		assertThat(browser.get("/login?error").body()).contains("Too many failed attempts");
		// Another user is not affected.
		signedIn(Role.ANALYST, tenant);
	}

	@Test
	void aBurstOfGuessesIsCheckedOneAtATimeAndStopsAtTheLimit() throws Exception {
		Tenant tenant = newTenant("burst");
		String username = user(Role.MEMBER, tenant);
		int guesses = 40;
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(guesses);
		try {
			java.util.List<Browser> browsers = new java.util.ArrayList<>();
			for (int i = 0; i < guesses; i++) {
				Browser b = browser();
				b.get("/login");
				browsers.add(b);
			}
			java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
			java.util.List<java.util.concurrent.Future<String>> outcomes = new java.util.ArrayList<>();
			for (int i = 0; i < guesses; i++) {
				Browser b = browsers.get(i);
				// The right password is among the last guesses of the burst.
				String password = i == guesses - 3 ? PASSWORD : "wrong-password-" + i;
				outcomes.add(pool.submit(() -> {
					start.await();
					return b.post("/login", Map.of("username", username, "password", password))
						.headers()
						.firstValue("Location")
						.orElse("");
				}));
			}
			start.countDown();
			for (var outcome : outcomes) {
				outcome.get(60, java.util.concurrent.TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		long checkedAndWrong = this.audit.count(tenant.id(), "SIGN_IN_FAILED", username);
		assertThat(checkedAndWrong).as("wrong passwords actually checked").isLessThanOrEqualTo(5);
		assertThat(this.audit.count(tenant.id(), "SIGN_IN_REFUSED", username)).as("the rest refused, on record")
			.isGreaterThanOrEqualTo(guesses - 5 - 1);
	}

	@Test
	void refusesFormPostsWithoutTheCsrfToken() {
		Tenant tenant = newTenant("csrf");
		Browser browser = signedIn(Role.ADMIN, tenant);
		var response = browser.post("/admin/levels",
				Map.of("_csrf", "forged", "system", "X", "place", "Y", "neighbourhood", "Z"));
		assertThat(response.statusCode()).isEqualTo(403);
	}

	@Test
	void sendsSecurityHeaders() {
		var response = browser().get("/login");
		assertThat(response.headers().firstValue("Content-Security-Policy").orElseThrow())
			.contains("script-src 'self'");
		assertThat(response.headers().firstValue("X-Content-Type-Options").orElseThrow()).isEqualTo("nosniff");
		assertThat(response.headers().firstValue("X-Frame-Options").orElseThrow()).isEqualTo("DENY");
	}

}
