package app.balcony.identity;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts consecutive failed sign-ins per username (known or not, so probing unknown names
 * is slowed too) in the database, so that the limit holds across every app instance.
 * After {@code loginMaxFailures} failures the username is locked for
 * {@code loginLockBase}, doubling with each further failure up to {@code loginLockMax}. A
 * successful sign-in clears the count.
 */
@Component
class LoginThrottle {

	private final JdbcClient jdbc;

	private final IdentityProperties properties;

	LoginThrottle(JdbcClient jdbc, IdentityProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	@Transactional(readOnly = true)
	Optional<LocalDateTime> lockedUntil(String username) {
		return this.jdbc.sql("select locked_until from login_throttle where username = ?")
			.param(username)
			.query((rs, n) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toLocalDateTime())
			.optional()
			.filter(until -> until.isAfter(LocalDateTime.now()));
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void recordFailure(String username) {
		LocalDateTime now = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
		int failures = this.jdbc.sql("select failures from login_throttle where username = ?")
			.param(username)
			.query(Integer.class)
			.optional()
			.orElse(0) + 1;
		LocalDateTime lockedUntil = null;
		int over = failures - this.properties.loginMaxFailures();
		if (over >= 0) {
			Duration lock = this.properties.loginLockBase().multipliedBy(1L << Math.min(over, 20));
			if (lock.compareTo(this.properties.loginLockMax()) > 0) {
				lock = this.properties.loginLockMax();
			}
			lockedUntil = now.plus(lock);
		}
		int updated = this.jdbc
			.sql("update login_throttle set failures = ?, last_failure = ?, locked_until = ? where username = ?")
			.params(failures, now, lockedUntil, username)
			.update();
		if (updated == 0) {
			try {
				this.jdbc.sql(
						"insert into login_throttle (username, failures, last_failure, locked_until) values (?, ?, ?, ?)")
					.params(username, failures, now, lockedUntil)
					.update();
			}
			catch (DuplicateKeyException raced) {
				// Another instance recorded a failure for the same name at the same
				// moment; one is enough.
			}
		}
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void recordSuccess(String username) {
		this.jdbc.sql("delete from login_throttle where username = ?").param(username).update();
	}

}
