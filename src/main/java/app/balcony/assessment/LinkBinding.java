package app.balcony.assessment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

import app.balcony.shared.ConflictException;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * First-open binding of respondent links (campaign invitations and 360 raters). Whoever
 * holds a link (an analyst with the links file, a leader with rater links) could
 * otherwise read a respondent's saved draft or answer for them. The first browser or
 * client that saves answers through a link gets a secret ({@link RespondentKey}); from
 * then on the draft is shown, changed and submitted only with it. Opening the link
 * anywhere else shows that it is in use elsewhere and since when, never the draft; the
 * respondent can start again there, which discards the draft unread and is counted.
 * Merely opening a link binds nothing, so mail scanners that fetch links do not take
 * them.
 */
final class LinkBinding {

	/** A link's binding as the current caller sees it. */
	record State(boolean bound, boolean mine, LocalDateTime boundAt, int restarts) {

		boolean elsewhere() {
			return this.bound && !this.mine;
		}

	}

	private final JdbcClient jdbc;

	private final String table;

	LinkBinding(JdbcClient jdbc, String table) {
		this.jdbc = jdbc;
		this.table = table;
	}

	State state(long id, String token) {
		return this.jdbc.sql("select bound_key_hash, bound_at, rebound from " + this.table + " where id = :id")
			.param("id", id)
			.query((rs, n) -> {
				String hash = rs.getString("bound_key_hash");
				Timestamp at = rs.getTimestamp("bound_at");
				int restarts = rs.getInt("rebound");
				if (hash == null) {
					return new State(false, false, null, restarts);
				}
				return new State(true, matches(hash, token), at == null ? null : at.toLocalDateTime(), restarts);
			})
			.single();
	}

	private static boolean matches(String hash, String token) {
		RespondentKey.Presented presented = RespondentKey.presented(token);
		if (presented instanceof RespondentKey.NotWeb) {
			return true;
		}
		String key = ((RespondentKey.Key) presented).value();
		return key != null && MessageDigest.isEqual(Tokens.hash(key).getBytes(StandardCharsets.US_ASCII),
				hash.getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * Lets the caller change or submit answers through the link: binds an unbound link to
	 * them (one binding wins a race), and refuses a caller who does not hold the link's
	 * key.
	 */
	void requireHolder(long id, String token) {
		State s = state(id, token);
		if (s.mine()) {
			return;
		}
		if (!s.bound() && RespondentKey.web()) {
			String key = RespondentKey.fresh();
			int bound = this.jdbc
				.sql("update " + this.table
						+ " set bound_key_hash = :hash, bound_at = :boundAt where id = :id and bound_key_hash is null")
				.param("hash", Tokens.hash(key))
				.param("boundAt", Timestamp.valueOf(LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS)))
				.param("id", id)
				.update();
			if (bound == 1) {
				RespondentKey.issue(token, key);
				return;
			}
			s = state(id, token);
		}
		if (!s.bound()) {
			return;
		}
		throw new ConflictException(inUseElsewhere(s));
	}

	/**
	 * Starts the link again for the current caller: a new key, the draft saved elsewhere
	 * discarded unread, the restart counted.
	 */
	void restart(long id, String token) {
		String key = RespondentKey.fresh();
		int updated = this.jdbc
			.sql("update " + this.table
					+ " set bound_key_hash = :hash, bound_at = :boundAt, rebound = rebound + 1, draft = null "
					+ "where id = :id and status <> 'SUBMITTED'")
			.param("hash", Tokens.hash(key))
			.param("boundAt", Timestamp.valueOf(LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS)))
			.param("id", id)
			.update();
		if (updated == 1) {
			RespondentKey.issue(token, key);
		}
	}

	static String inUseElsewhere(State s) {
		return "This link is being answered on another device or browser (answers were first saved through it "
				+ (s.boundAt() == null ? "earlier"
						: "on " + s.boundAt().toLocalDate() + " at " + s.boundAt().toLocalTime())
				+ "). Its saved answers are not shown here. If that was not you, tell whoever sent you the survey. "
				+ "To answer here instead, start again on this device: what was saved elsewhere is discarded unread.";
	}

}
