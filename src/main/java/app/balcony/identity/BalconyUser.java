package app.balcony.identity;

import java.util.List;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * The signed-in person as every module sees them: their account, the one tenant this
 * session acts in and their role there. Serializable, because sessions are stored in the
 * database.
 */
public class BalconyUser extends User {

	private static final long serialVersionUID = 1L;

	private final long accountId;

	private final String displayName;

	private final long tenantId;

	private final String tenantSlug;

	private final String tenantName;

	private final Role role;

	public BalconyUser(long accountId, String username, String passwordHash, boolean enabled, String displayName,
			long tenantId, String tenantSlug, String tenantName, Role role) {
		super(username, passwordHash, enabled, true, true, true, List.of(new SimpleGrantedAuthority(role.authority())));
		this.accountId = accountId;
		this.displayName = displayName;
		this.tenantId = tenantId;
		this.tenantSlug = tenantSlug;
		this.tenantName = tenantName;
		this.role = role;
	}

	public long accountId() {
		return accountId;
	}

	public String displayName() {
		return displayName;
	}

	public long tenantId() {
		return tenantId;
	}

	public String tenantSlug() {
		return tenantSlug;
	}

	public String tenantName() {
		return tenantName;
	}

	public Role role() {
		return role;
	}

	public boolean isAdmin() {
		return role == Role.ADMIN;
	}

	@Override
	public boolean equals(Object other) {
		return super.equals(other);
	}

	@Override
	public int hashCode() {
		return super.hashCode();
	}

}
