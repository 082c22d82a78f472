package app.balcony.identity;

import java.time.LocalDateTime;

/**
 * One line of the audit log.
 */
public record AuditEntry(long id, LocalDateTime at, String actor, String action, String target, String detail) {
}
