package app.balcony.identity;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import app.balcony.shared.SideTransactions;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Sign-in throttling, in the database so it holds across instances. A password is checked
 * only after the username has been claimed for the check: one conditional update (or the
 * first insert) that succeeds for one request at a time and never while the name is
 * locked. So a burst of guesses is checked one by one, each failure counted before the
 * next guess is looked at, and the lock takes effect within the burst. Failures are also
 * counted per client address (kept as a hash), against one address spraying many
 * usernames. Everything runs on the side pool, committed at once.
 */
@Service
class LoginThrottle {

	/** How long a claim holds if the instance checking dies before finishing. */
	static final Duration CHECK_HOLD = Duration.ofSeconds(15);

	/** Why a sign-in was refused before its password was looked at. */
	sealed interface Refusal {

	}

	/** The username is locked until then. */
	record Locked(LocalDateTime until) implements Refusal {
	}

	/** Another sign-in for the username is being checked. */
	record Busy() implements Refusal {
	}

	/** Too many failed sign-ins from the client's address. */
	record ClientBlocked(LocalDateTime until) implements Refusal {
	}

	private final SideTransactions side;

	private final IdentityProperties properties;

	LoginThrottle(SideTransactions side, IdentityProperties properties) {
		this.side = side;
		this.properties = properties;
	}

	private JdbcClient jdbc() {
		return this.side.jdbc();
	}

	/**
	 * Claims the username for one password check; empty when granted, else why not. The
	 * caller must call {@link #recordSuccess} or {@link #recordFailure} afterwards.
	 */
	Optional<Refusal> claim(String username, String clientKey) {
		LocalDateTime now = now();
		if (clientKey != null) {
			Optional<LocalDateTime> blocked = clientBlockedUntil(clientKey, now);
			if (blocked.isPresent()) {
				return Optional.of(new ClientBlocked(blocked.get()));
			}
		}
		LocalDateTime until = now.plus(CHECK_HOLD);
		int claimed = this.side.run(() -> jdbc().sql("""
				update login_throttle set checking_until = :until
				where username = :username and (locked_until is null or locked_until <= :now)
				    and (checking_until is null or checking_until <= :now)
				""").param("until", until).param("username", username).param("now", now).update());
		if (claimed == 1) {
			return Optional.empty();
		}
		Optional<LocalDateTime> lockedUntil = this.side
			.run(() -> jdbc().sql("select locked_until from login_throttle where username = :username")
				.param("username", username)
				.query((rs, n) -> Optional.ofNullable(rs.getTimestamp("locked_until")).map(t -> t.toLocalDateTime()))
				.optional())
			.orElse(null);
		if (lockedUntil == null) {
			// No row yet: the first insert claims it.
			try {
				this.side.run(() -> jdbc().sql("""
						insert into login_throttle (username, failures, last_failure, locked_until, checking_until)
						values (:username, 0, null, null, :until)
						""").param("username", username).param("until", until).update());
				return Optional.empty();
			}
			catch (DuplicateKeyException raced) {
				return Optional.of(new Busy());
			}
		}
		if (lockedUntil.isPresent() && lockedUntil.get().isAfter(now)) {
			return Optional.of(new Locked(lockedUntil.get()));
		}
		return Optional.of(new Busy());
	}

	/** Counts a failed check and releases the claim, locking the name past the limit. */
	void recordFailure(String username, String clientKey) {
		LocalDateTime now = now();
		this.side.run(() -> {
			jdbc().sql("""
					update login_throttle set failures = failures + 1, last_failure = :now, checking_until = null
					where username = :username
					""").param("now", now).param("username", username).update();
			int failures = jdbc().sql("select failures from login_throttle where username = :username")
				.param("username", username)
				.query(Integer.class)
				.optional()
				.orElse(0);
			int over = failures - this.properties.loginMaxFailures();
			if (over >= 0) {
				Duration lock = this.properties.loginLockBase().multipliedBy(1L << Math.min(over, 20));
				if (lock.compareTo(this.properties.loginLockMax()) > 0) {
					lock = this.properties.loginLockMax();
				}
				jdbc().sql("update login_throttle set locked_until = :lockedUntil where username = :username")
					.param("lockedUntil", now.plus(lock))
					.param("username", username)
					.update();
			}
		});
		if (clientKey != null) {
			countClientFailure(clientKey, now);
		}
	}

	/** Clears the name's failures and claim after a correct password. */
	void recordSuccess(String username) {
		this.side.run(() -> jdbc().sql("delete from login_throttle where username = :username")
			.param("username", username)
			.update());
	}

	/** Releases the claim without counting anything (the check itself failed). */
	void release(String username) {
		this.side.run(() -> jdbc().sql("update login_throttle set checking_until = null where username = :username")
			.param("username", username)
			.update());
	}

	private Optional<LocalDateTime> clientBlockedUntil(String clientKey, LocalDateTime now) {
		return this.side.run(
				() -> jdbc().sql("select window_start, failures from login_client_throttle where client_hash = :client")
					.param("client", clientKey)
					.query((rs, n) -> {
						LocalDateTime start = rs.getTimestamp("window_start").toLocalDateTime();
						LocalDateTime end = start.plus(this.properties.loginClientWindow());
						boolean blocked = end.isAfter(now)
								&& rs.getInt("failures") >= this.properties.loginClientMaxFailures();
						return blocked ? end : null;
					})
					.optional());
	}

	private void countClientFailure(String clientKey, LocalDateTime now) {
		LocalDateTime windowOpen = now.minus(this.properties.loginClientWindow());
		for (int attempt = 0; attempt < 2; attempt++) {
			int updated = this.side.run(() -> jdbc().sql("""
					update login_client_throttle
					set failures = case when window_start <= :windowOpen then 1 else failures + 1 end,
					    window_start = case when window_start <= :windowOpen then :now else window_start end
					where client_hash = :client
					""").param("windowOpen", windowOpen).param("now", now).param("client", clientKey).update());
			if (updated == 1) {
				return;
			}
			try {
				this.side.run(() -> jdbc().sql("""
						insert into login_client_throttle (client_hash, window_start, failures)
						values (:client, :now, 1)
						""").param("client", clientKey).param("now", now).update());
				return;
			}
			catch (DuplicateKeyException raced) {
				// Another failure from the same address was counted first: count again.
			}
		}
	}

	private static LocalDateTime now() {
		return LocalDateTime.now().truncatedTo(ChronoUnit.MILLIS);
	}

}
