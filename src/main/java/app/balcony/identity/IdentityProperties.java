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
 * @param loginClientMaxFailures failed sign-ins from one client address, to any
 * usernames, before that address is refused for the rest of the window
 * @param loginClientWindow the window those failures are counted in
 * @param firstAdmin created on start when the deployment has no account yet (blank =
 * skip)
 */
@Validated
@ConfigurationProperties("balcony.identity")
public record IdentityProperties(@Min(1) int loginMaxFailures, @NotNull Duration loginLockBase,
		@NotNull Duration loginLockMax, @Min(1) int loginClientMaxFailures, @NotNull Duration loginClientWindow,
		FirstAdmin firstAdmin) {

	public record FirstAdmin(String username, String password, String tenantSlug, String tenantName) {
	}

}
