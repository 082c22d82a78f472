package app.balcony.identity;

import java.time.LocalDateTime;

/**
 * An API token as its owner sees it (the secret itself is shown only once, at creation).
 */
public record ApiTokenView(long id, String name, LocalDateTime createdAt, LocalDateTime lastUsedAt) {
}
