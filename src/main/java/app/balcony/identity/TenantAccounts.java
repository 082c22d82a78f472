package app.balcony.identity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tenants, accounts, roles and API tokens. Used by the admin pages, the CLI
 * ({@code admin}) and the demo. Passwords are stored only as bcrypt hashes; API tokens
 * only as SHA-256 hashes.
 */
@Service
public class TenantAccounts {

	/** Lower-case letters, digits and hyphens; used in CLI arguments. */
	private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{1,59}");

	static final int MIN_PASSWORD_LENGTH = 10;

	private final JdbcClient jdbc;

	private final PasswordEncoder passwordEncoder;

	private final AuditLog audit;

	private final SecureRandom random = new SecureRandom();

	TenantAccounts(JdbcClient jdbc, PasswordEncoder passwordEncoder, AuditLog audit) {
		this.jdbc = jdbc;
		this.passwordEncoder = passwordEncoder;
		this.audit = audit;
	}

	@Transactional(readOnly = true)
	public Optional<Tenant> findTenant(String slug) {
		return this.jdbc.sql("select id, slug, name from tenant where slug = ?")
			.param(slug)
			.query((rs, n) -> new Tenant(rs.getLong(1), rs.getString(2), rs.getString(3)))
			.optional();
	}

	@Transactional(readOnly = true)
	public List<Tenant> tenants() {
		return this.jdbc.sql("select id, slug, name from tenant order by name")
			.query((rs, n) -> new Tenant(rs.getLong(1), rs.getString(2), rs.getString(3)))
			.list();
	}

	@Transactional
	public Tenant createTenant(String slug, String name) {
		if (slug == null || !SLUG.matcher(slug).matches()) {
			throw new IllegalArgumentException(
					"Tenant slug '" + slug + "' must be 2-60 lower-case letters, digits or hyphens");
		}
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("Tenant name is required");
		}
		if (findTenant(slug).isPresent()) {
			throw new IllegalArgumentException("A tenant called '" + slug + "' already exists");
		}
		this.jdbc.sql("insert into tenant (slug, name, created_at) values (?, ?, ?)")
			.params(slug, name.trim(), now())
			.update();
		Tenant tenant = findTenant(slug).orElseThrow();
		this.audit.record(tenant.id(), "system", "TENANT_CREATED", slug, name);
		return tenant;
	}

	@Transactional(readOnly = true)
	public boolean anyAccountExists() {
		return this.jdbc.sql("select count(*) from account").query(Long.class).single() > 0;
	}

	@Transactional(readOnly = true)
	public boolean accountExists(String username) {
		return accountId(normalise(username)).isPresent();
	}

	/**
	 * Creates an account with a role in a tenant. An account that already exists (in
	 * another ICS) is refused: each ICS manages its own people, and an admin of one must
	 * not be able to take over, see or disable an account of another. Only the operator
	 * (CLI, {@link #createAccount(long, String, String, String, Role, String, boolean)})
	 * can give an existing account a role in a second ICS.
	 * @throws IllegalArgumentException when the username, name or password is not
	 * acceptable, or the username is taken
	 */
	@Transactional
	public long createAccount(long tenantId, String username, String displayName, String password, Role role,
			String actor) {
		return createAccount(tenantId, username, displayName, password, role, actor, false);
	}

	/**
	 * As {@link #createAccount(long, String, String, String, Role, String)};
	 * {@code joinExisting} (the operator's choice) gives an existing account a role in
	 * this tenant too, keeping its password.
	 */
	@Transactional
	public long createAccount(long tenantId, String username, String displayName, String password, Role role,
			String actor, boolean joinExisting) {
		String user = normalise(username);
		validateUsername(user);
		if (displayName == null || displayName.isBlank()) {
			throw new IllegalArgumentException("Name is required");
		}
		Optional<Long> existing = accountId(user);
		if (existing.isEmpty() || !joinExisting) {
			validatePassword(password, user);
		}
		long id;
		if (existing.isPresent()) {
			id = existing.get();
			if (!joinExisting) {
				// The same answer whether the account is in this ICS or another, and
				// nothing about it (name, ICS) is shown.
				throw new IllegalArgumentException("The username '" + user
						+ "' is already taken. Choose another (for example the person's work e-mail address).");
			}
			boolean hasRole = this.jdbc.sql("select count(*) from tenant_role where account_id = ? and tenant_id = ?")
				.params(id, tenantId)
				.query(Long.class)
				.single() > 0;
			if (hasRole) {
				throw new IllegalArgumentException("An account called '" + user + "' already exists");
			}
		}
		else {
			this.jdbc.sql(
					"insert into account (username, display_name, password_hash, enabled, created_at) values (?, ?, ?, true, ?)")
				.params(user, displayName.trim(), this.passwordEncoder.encode(password), now())
				.update();
			id = accountId(user).orElseThrow();
		}
		this.jdbc.sql("insert into tenant_role (account_id, tenant_id, role) values (?, ?, ?)")
			.params(id, tenantId, role.name())
			.update();
		this.audit.record(tenantId, actor, "ACCOUNT_CREATED", user, "role " + role.name());
		return id;
	}

	@Transactional
	public void resetPassword(String username, String newPassword, String actor) {
		String user = normalise(username);
		validatePassword(newPassword, user);
		long id = accountId(user).orElseThrow(() -> new IllegalArgumentException("No account called '" + user + "'"));
		this.jdbc.sql("update account set password_hash = ? where id = ?")
			.params(this.passwordEncoder.encode(newPassword), id)
			.update();
		this.jdbc.sql("delete from login_throttle where username = ?").param(user).update();
		for (Long tenantId : tenantsOf(id)) {
			this.audit.record(tenantId, actor, "PASSWORD_RESET", user, null);
		}
	}

	@Transactional
	public void setEnabled(long tenantId, long accountId, boolean enabled, String actor) {
		String user = accountInTenant(tenantId, accountId);
		// Only this ICS's role: another ICS the person belongs to is not this admin's to
		// change. Open sessions in this ICS end at their next request.
		this.jdbc.sql("update tenant_role set enabled = ? where account_id = ? and tenant_id = ?")
			.params(enabled, accountId, tenantId)
			.update();
		this.audit.record(tenantId, actor, enabled ? "ACCOUNT_ENABLED" : "ACCOUNT_DISABLED", user, null);
	}

	@Transactional(readOnly = true)
	public List<AccountView> accounts(long tenantId) {
		return this.jdbc.sql(
				"select a.id, a.username, a.display_name, r.role, a.enabled and r.enabled, a.created_at from account a "
						+ "join tenant_role r on r.account_id = a.id where r.tenant_id = ? order by a.display_name")
			.param(tenantId)
			.query((rs, n) -> new AccountView(rs.getLong(1), rs.getString(2), rs.getString(3),
					Role.valueOf(rs.getString(4)), rs.getBoolean(5), rs.getTimestamp(6).toLocalDateTime()))
			.list();
	}

	/**
	 * Issues an API token for an account in a tenant. The token itself is returned once
	 * and never stored; only its hash is kept.
	 */
	@Transactional
	public String createApiToken(long tenantId, String username, String name, String actor) {
		String user = normalise(username);
		long id = accountId(user).orElseThrow(() -> new IllegalArgumentException("No account called '" + user + "'"));
		accountInTenant(tenantId, id);
		if (name == null || name.isBlank() || name.length() > 100) {
			throw new IllegalArgumentException("A token needs a name of 1 to 100 characters");
		}
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		String token = "blc_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		this.jdbc
			.sql("insert into api_token (account_id, tenant_id, name, token_hash, created_at) values (?, ?, ?, ?, ?)")
			.params(id, tenantId, name.trim(), sha256(token), now())
			.update();
		this.audit.record(tenantId, actor, "API_TOKEN_CREATED", user, name.trim());
		return token;
	}

	@Transactional(readOnly = true)
	public List<ApiTokenView> apiTokens(long tenantId, long accountId) {
		return this.jdbc
			.sql("select id, name, created_at, last_used_at from api_token where tenant_id = ? and account_id = ? "
					+ "and revoked_at is null order by created_at desc")
			.params(tenantId, accountId)
			.query((rs, n) -> new ApiTokenView(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toLocalDateTime(),
					rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toLocalDateTime()))
			.list();
	}

	@Transactional
	public void revokeApiToken(long tenantId, long accountId, long tokenId, String actor) {
		int changed = this.jdbc.sql(
				"update api_token set revoked_at = ? where id = ? and tenant_id = ? and account_id = ? and revoked_at is null")
			.params(now(), tokenId, tenantId, accountId)
			.update();
		if (changed == 0) {
			throw new app.balcony.shared.NotFoundException("API token");
		}
		this.audit.record(tenantId, actor, "API_TOKEN_REVOKED", String.valueOf(tokenId), null);
	}

	/** A token's owner as a signed-in user, when the token is valid and not revoked. */
	@Transactional
	Optional<BalconyUser> userForToken(String token) {
		String hash = sha256(token);
		Optional<BalconyUser> user = this.jdbc.sql(
				"select a.id, a.username, a.password_hash, a.enabled and r.enabled, a.display_name, t.id, t.slug, t.name, r.role "
						+ "from api_token k join account a on a.id = k.account_id join tenant t on t.id = k.tenant_id "
						+ "join tenant_role r on r.account_id = a.id and r.tenant_id = t.id "
						+ "where k.token_hash = ? and k.revoked_at is null")
			.param(hash)
			.query(USER)
			.optional()
			.filter(BalconyUser::isEnabled);
		if (user.isPresent()) {
			// Record use at most once a minute per token, to keep reads cheap.
			LocalDateTime now = now();
			this.jdbc.sql(
					"update api_token set last_used_at = ? where token_hash = ? and (last_used_at is null or last_used_at < ?)")
				.params(now, hash, now.minusMinutes(1))
				.update();
		}
		return user;
	}

	/**
	 * The account itself for the password check at sign-in (enabled unless the operator
	 * disabled it everywhere); which ICS the session acts in is chosen afterwards, from
	 * {@link #memberships}.
	 */
	@Transactional(readOnly = true)
	Optional<org.springframework.security.core.userdetails.UserDetails> accountForSignIn(String username) {
		return this.jdbc.sql("select username, password_hash, enabled from account where username = ?")
			.param(normalise(username))
			.query((rs, n) -> org.springframework.security.core.userdetails.User.withUsername(rs.getString(1))
				.password(rs.getString(2))
				.disabled(!rs.getBoolean(3))
				.authorities(List.of())
				.build())
			.optional();
	}

	/** The account as it acts in each ICS it belongs to (disabled ones included). */
	@Transactional(readOnly = true)
	List<BalconyUser> memberships(String username) {
		return this.jdbc
			.sql("select a.id, a.username, a.password_hash, a.enabled and r.enabled, a.display_name, t.id, t.slug, t.name, r.role "
					+ "from account a join tenant_role r on r.account_id = a.id join tenant t on t.id = r.tenant_id "
					+ "where a.username = ? order by t.name, t.id")
			.param(normalise(username))
			.query(USER)
			.list();
	}

	/**
	 * Whether a signed-in session may go on acting: the account and its role in that ICS
	 * are still there and enabled.
	 */
	@Transactional(readOnly = true)
	public boolean stillEnabled(long accountId, long tenantId) {
		return this.jdbc
			.sql("select count(*) from account a join tenant_role r on r.account_id = a.id "
					+ "where a.id = ? and r.tenant_id = ? and a.enabled and r.enabled")
			.params(accountId, tenantId)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * An account as it acts in one tenant, for work Balcony does on its behalf (the demo
	 * loader coding as the demo analyst, for instance). Empty if it has no role there.
	 */
	@Transactional(readOnly = true)
	public Optional<BalconyUser> user(long tenantId, String username) {
		return this.jdbc
			.sql("select a.id, a.username, a.password_hash, a.enabled and r.enabled, a.display_name, t.id, t.slug, t.name, r.role "
					+ "from account a join tenant_role r on r.account_id = a.id join tenant t on t.id = r.tenant_id "
					+ "where a.username = ? and t.id = ?")
			.params(normalise(username), tenantId)
			.query(USER)
			.optional();
	}

	private static final org.springframework.jdbc.core.RowMapper<BalconyUser> USER = (rs, n) -> new BalconyUser(
			rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getString(5), rs.getLong(6),
			rs.getString(7), rs.getString(8), Role.valueOf(rs.getString(9)));

	static String normalise(String username) {
		return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
	}

	private Optional<Long> accountId(String username) {
		return this.jdbc.sql("select id from account where username = ?").param(username).query(Long.class).optional();
	}

	private List<Long> tenantsOf(long accountId) {
		return this.jdbc.sql("select tenant_id from tenant_role where account_id = ?")
			.param(accountId)
			.query(Long.class)
			.list();
	}

	private String accountInTenant(long tenantId, long accountId) {
		return this.jdbc.sql(
				"select a.username from account a join tenant_role r on r.account_id = a.id where a.id = ? and r.tenant_id = ?")
			.params(accountId, tenantId)
			.query(String.class)
			.optional()
			.orElseThrow(() -> new app.balcony.shared.NotFoundException("Account"));
	}

	private static void validateUsername(String username) {
		if (username.length() < 3 || username.length() > 120 || !username.matches("[a-z0-9._@+-]+")) {
			throw new IllegalArgumentException(
					"Username must be 3-120 characters: letters, digits and . _ @ + - (an e-mail address works)");
		}
	}

	static void validatePassword(String password, String username) {
		if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
			throw new IllegalArgumentException("Password must be at least " + MIN_PASSWORD_LENGTH + " characters");
		}
		if (password.length() > 128) {
			throw new IllegalArgumentException("Password must be at most 128 characters");
		}
		String lower = password.toLowerCase(Locale.ROOT);
		String name = username == null ? "" : username.toLowerCase(Locale.ROOT);
		String local = name.contains("@") ? name.substring(0, name.indexOf('@')) : name;
		if (lower.equals(name) || lower.equals(local)) {
			throw new IllegalArgumentException("Password must not be the username");
		}
		if (CommonPasswords.contains(lower)) {
			throw new IllegalArgumentException(
					"That password is one of the most commonly used, so it is among the first an attacker tries. "
							+ "Choose another (three or four unrelated words work well).");
		}
	}

	static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256")
					.digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static LocalDateTime now() {
		return LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
	}

}
