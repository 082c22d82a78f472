package app.balcony.system;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Counts the changes to each tenant's system model (see {@link SystemModelChanged}), in
 * the transaction that makes them.
 */
final class ModelVersions {

	private ModelVersions() {
	}

	/** Raises the tenant's version by one; returns the new version. */
	static long bump(JdbcClient jdbc, long tenantId) {
		Timestamp now = Timestamp.from(Instant.now());
		int updated = jdbc.sql("""
				update system_model_version set version = version + 1, changed_at = :now where tenant_id = :t
				""").param("now", now).param("t", tenantId).update();
		if (updated == 0) {
			try {
				jdbc.sql("""
						insert into system_model_version (tenant_id, version, changed_at) values (:t, 1, :now)
						""").param("t", tenantId).param("now", now).update();
			}
			catch (DuplicateKeyException ex) {
				// Another change made the row first.
				return bump(jdbc, tenantId);
			}
		}
		return jdbc.sql("select version from system_model_version where tenant_id = :t")
			.param("t", tenantId)
			.query(Long.class)
			.single();
	}

}
