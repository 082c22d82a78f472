package app.balcony.identity;

import java.time.LocalDateTime;

/**
 * An account as an admin sees it in the list of users of their tenant.
 */
public record AccountView(long id, String username, String displayName, Role role, boolean enabled,
		LocalDateTime createdAt) {
}
