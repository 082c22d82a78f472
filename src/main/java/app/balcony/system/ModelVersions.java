package app.balcony.system;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Records the changes to each tenant's system model (see {@link SystemModelChanged}), in
 * the transaction that makes them; the tenant's version is how many there have been.
 * Append-only, so two changes at once never contend for one row.
 */
final class ModelVersions {

	private ModelVersions() {
	}

	/** Records a change; returns the tenant's version including it. */
	static long bump(JdbcClient jdbc, long tenantId) {
		jdbc.sql("insert into system_model_change (tenant_id, changed_at) values (:t, :now)")
			.param("t", tenantId)
			.param("now", Timestamp.from(Instant.now()))
			.update();
		return version(jdbc, tenantId);
	}

	/** How many changes the tenant's system model has had. */
	static long version(JdbcClient jdbc, long tenantId) {
		return jdbc.sql("select count(*) from system_model_change where tenant_id = :t")
			.param("t", tenantId)
			.query(Long.class)
			.single();
	}

}
