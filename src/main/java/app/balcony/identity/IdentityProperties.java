package app.balcony.identity;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Sign-in throttling and the first admin created on start.
 *
 * @param loginMaxFailures consecutive failures before a username is locked
 * @param loginLockBase lock after the first failure past the limit; doubles each further
 * failure
 * @param loginLockMax the longest lock
 * @param firstAdmin created on start when the deployment has no account yet (blank =
 * skip)
 */
@Validated
@ConfigurationProperties("balcony.identity")
public record IdentityProperties(@Min(1) int loginMaxFailures, @NotNull Duration loginLockBase,
		@NotNull Duration loginLockMax, FirstAdmin firstAdmin) {

	public record FirstAdmin(String username, String password, String tenantSlug, String tenantName) {
	}

}
