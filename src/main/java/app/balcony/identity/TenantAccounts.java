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
		return this.jdbc.sql("select id, slug, name from tenant where slug = :slug")
			.param("slug", slug)
			.query(TENANT)
			.optional();
	}

	@Transactional(readOnly = true)
	public List<Tenant> tenants() {
		return this.jdbc.sql("select id, slug, name from tenant order by name").query(TENANT).list();
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
		this.jdbc.sql("insert into tenant (slug, name, created_at) values (:slug, :name, :createdAt)")
			.param("slug", slug)
			.param("name", name.trim())
			.param("createdAt", now())
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
			boolean hasRole = this.jdbc
				.sql("select count(*) from tenant_role where account_id = :account and tenant_id = :tenant")
				.param("account", id)
				.param("tenant", tenantId)
				.query(Long.class)
				.single() > 0;
			if (hasRole) {
				throw new IllegalArgumentException("An account called '" + user + "' already exists");
			}
		}
		else {
			this.jdbc.sql("""
					insert into account (username, display_name, password_hash, enabled, created_at)
					values (:username, :displayName, :passwordHash, true, :createdAt)
					""")
				.param("username", user)
				.param("displayName", displayName.trim())
				.param("passwordHash", this.passwordEncoder.encode(password))
				.param("createdAt", now())
				.update();
			id = accountId(user).orElseThrow();
		}
		this.jdbc.sql("insert into tenant_role (account_id, tenant_id, role) values (:account, :tenant, :role)")
			.param("account", id)
			.param("tenant", tenantId)
			.param("role", role.name())
			.update();
		this.audit.record(tenantId, actor, "ACCOUNT_CREATED", user, "role " + role.name());
		return id;
	}

	@Transactional
	public void resetPassword(String username, String newPassword, String actor) {
		String user = normalise(username);
		validatePassword(newPassword, user);
		long id = accountId(user).orElseThrow(() -> new IllegalArgumentException("No account called '" + user + "'"));
		this.jdbc.sql("update account set password_hash = :passwordHash where id = :id")
			.param("passwordHash", this.passwordEncoder.encode(newPassword))
			.param("id", id)
			.update();
		this.jdbc.sql("delete from login_throttle where username = :username").param("username", user).update();
		for (Long tenantId : tenantsOf(id)) {
			this.audit.record(tenantId, actor, "PASSWORD_RESET", user, null);
		}
	}

	@Transactional
	public void setEnabled(long tenantId, long accountId, boolean enabled, String actor) {
		String user = accountInTenant(tenantId, accountId);
		// Only this ICS's role: another ICS the person belongs to is not this admin's to
		// change. Open sessions in this ICS end at their next request.
		this.jdbc.sql("update tenant_role set enabled = :enabled where account_id = :account and tenant_id = :tenant")
			.param("enabled", enabled)
			.param("account", accountId)
			.param("tenant", tenantId)
			.update();
		this.audit.record(tenantId, actor, enabled ? "ACCOUNT_ENABLED" : "ACCOUNT_DISABLED", user, null);
	}

	@Transactional(readOnly = true)
	public List<AccountView> accounts(long tenantId) {
		return this.jdbc.sql("""
				select a.id, a.username, a.display_name, r.role, a.enabled and r.enabled as enabled, a.created_at
				from account a join tenant_role r on r.account_id = a.id
				where r.tenant_id = :tenant order by a.display_name
				""")
			.param("tenant", tenantId)
			.query((rs, n) -> new AccountView(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
					Role.valueOf(rs.getString("role")), rs.getBoolean("enabled"),
					rs.getTimestamp("created_at").toLocalDateTime()))
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
		this.jdbc.sql("""
				insert into api_token (account_id, tenant_id, name, token_hash, created_at)
				values (:account, :tenant, :name, :tokenHash, :createdAt)
				""")
			.param("account", id)
			.param("tenant", tenantId)
			.param("name", name.trim())
			.param("tokenHash", sha256(token))
			.param("createdAt", now())
			.update();
		this.audit.record(tenantId, actor, "API_TOKEN_CREATED", user, name.trim());
		return token;
	}

	@Transactional(readOnly = true)
	public List<ApiTokenView> apiTokens(long tenantId, long accountId) {
		return this.jdbc.sql("""
				select id, name, created_at, last_used_at from api_token
				where tenant_id = :tenant and account_id = :account and revoked_at is null
				order by created_at desc
				""")
			.param("tenant", tenantId)
			.param("account", accountId)
			.query((rs, n) -> new ApiTokenView(rs.getLong("id"), rs.getString("name"),
					rs.getTimestamp("created_at").toLocalDateTime(),
					rs.getTimestamp("last_used_at") == null ? null : rs.getTimestamp("last_used_at").toLocalDateTime()))
			.list();
	}

	@Transactional
	public void revokeApiToken(long tenantId, long accountId, long tokenId, String actor) {
		int changed = this.jdbc.sql("""
				update api_token set revoked_at = :revokedAt
				where id = :id and tenant_id = :tenant and account_id = :account and revoked_at is null
				""")
			.param("revokedAt", now())
			.param("id", tokenId)
			.param("tenant", tenantId)
			.param("account", accountId)
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
		Optional<BalconyUser> user = this.jdbc.sql("""
				select a.id, a.username, a.password_hash, a.enabled and r.enabled as enabled, a.display_name,
				       t.id as tenant_id, t.slug as tenant_slug, t.name as tenant_name, r.role
				from api_token k join account a on a.id = k.account_id join tenant t on t.id = k.tenant_id
				join tenant_role r on r.account_id = a.id and r.tenant_id = t.id
				where k.token_hash = :hash and k.revoked_at is null
				""").param("hash", hash).query(USER).optional().filter(BalconyUser::isEnabled);
		if (user.isPresent()) {
			// Record use at most once a minute per token, to keep reads cheap.
			LocalDateTime now = now();
			this.jdbc.sql("""
					update api_token set last_used_at = :now
					where token_hash = :hash and (last_used_at is null or last_used_at < :since)
					""").param("now", now).param("hash", hash).param("since", now.minusMinutes(1)).update();
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
		return this.jdbc.sql("select username, password_hash, enabled from account where username = :username")
			.param("username", normalise(username))
			.query((rs, n) -> org.springframework.security.core.userdetails.User.withUsername(rs.getString("username"))
				.password(rs.getString("password_hash"))
				.disabled(!rs.getBoolean("enabled"))
				.authorities(List.of())
				.build())
			.optional();
	}

	/** The account as it acts in each ICS it belongs to (disabled ones included). */
	@Transactional(readOnly = true)
	List<BalconyUser> memberships(String username) {
		return this.jdbc.sql("""
				select a.id, a.username, a.password_hash, a.enabled and r.enabled as enabled, a.display_name,
				       t.id as tenant_id, t.slug as tenant_slug, t.name as tenant_name, r.role
				from account a join tenant_role r on r.account_id = a.id join tenant t on t.id = r.tenant_id
				where a.username = :username order by t.name, t.id
				""").param("username", normalise(username)).query(USER).list();
	}

	/**
	 * Whether a signed-in session may go on acting: the account and its role in that ICS
	 * are still there and enabled.
	 */
	@Transactional(readOnly = true)
	public boolean stillEnabled(long accountId, long tenantId) {
		return this.jdbc.sql("""
				select count(*) from account a join tenant_role r on r.account_id = a.id
				where a.id = :account and r.tenant_id = :tenant and a.enabled and r.enabled
				""").param("account", accountId).param("tenant", tenantId).query(Long.class).single() > 0;
	}

	/**
	 * An account as it acts in one tenant, for work Balcony does on its behalf (the demo
	 * loader coding as the demo analyst, for instance). Empty if it has no role there.
	 */
	@Transactional(readOnly = true)
	public Optional<BalconyUser> user(long tenantId, String username) {
		return this.jdbc.sql("""
				select a.id, a.username, a.password_hash, a.enabled and r.enabled as enabled, a.display_name,
				       t.id as tenant_id, t.slug as tenant_slug, t.name as tenant_name, r.role
				from account a join tenant_role r on r.account_id = a.id join tenant t on t.id = r.tenant_id
				where a.username = :username and t.id = :tenant
				""").param("username", normalise(username)).param("tenant", tenantId).query(USER).optional();
	}

	private static final org.springframework.jdbc.core.RowMapper<Tenant> TENANT = (rs,
			n) -> new Tenant(rs.getLong("id"), rs.getString("slug"), rs.getString("name"));

	/**
	 * An account as it acts in a tenant, from {@code a.id}, {@code a.username},
	 * {@code a.password_hash}, {@code enabled}, {@code a.display_name},
	 * {@code tenant_id}, {@code tenant_slug}, {@code tenant_name} and {@code r.role}.
	 */
	private static final org.springframework.jdbc.core.RowMapper<BalconyUser> USER = (rs, n) -> new BalconyUser(
			rs.getLong("id"), rs.getString("username"), rs.getString("password_hash"), rs.getBoolean("enabled"),
			rs.getString("display_name"), rs.getLong("tenant_id"), rs.getString("tenant_slug"),
			rs.getString("tenant_name"), Role.valueOf(rs.getString("role")));

	static String normalise(String username) {
		return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
	}

	private Optional<Long> accountId(String username) {
		return this.jdbc.sql("select id from account where username = :username")
			.param("username", username)
			.query(Long.class)
			.optional();
	}

	private List<Long> tenantsOf(long accountId) {
		return this.jdbc.sql("select tenant_id from tenant_role where account_id = :account")
			.param("account", accountId)
			.query(Long.class)
			.list();
	}

	private String accountInTenant(long tenantId, long accountId) {
		return this.jdbc.sql("""
				select a.username from account a join tenant_role r on r.account_id = a.id
				where a.id = :account and r.tenant_id = :tenant
				""")
			.param("account", accountId)
			.param("tenant", tenantId)
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
