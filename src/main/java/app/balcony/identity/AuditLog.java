package app.balcony.identity;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

import app.balcony.shared.PageResult;
import app.balcony.shared.SideTransactions;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The append-only audit log: sign-ins, imports, changes, and views of identifiable data.
 * Entries are written in their own transaction (on the side pool, see
 * {@link SideTransactions}) so that a failed change still leaves its attempt on record.
 */
@Service
public class AuditLog {

	private final JdbcClient jdbc;

	private final SideTransactions side;

	AuditLog(JdbcClient jdbc, SideTransactions side) {
		this.jdbc = jdbc;
		this.side = side;
	}

	public void record(Long tenantId, String actor, String action, String target, String detail) {
		this.side.run(() -> this.side.jdbc()
			.sql("""
					insert into audit_event (tenant_id, at, actor, action, target, detail)
					values (:tenant, :at, :actor, :action, :target, :detail)""")
			.param("tenant", tenantId)
			.param("at", LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS))
			.param("actor", truncate(actor, 120))
			.param("action", truncate(action, 60))
			.param("target", truncate(target, 300))
			.param("detail", truncate(detail, 2000))
			.update());
	}

	/** The tenant's audit log, newest first, optionally only one action. */
	@Transactional(readOnly = true)
	public PageResult<AuditEntry> list(long tenantId, String action, int page, int size) {
		String filter = (action == null || action.isBlank()) ? "" : " and action = :action";
		var countQuery = this.jdbc.sql("select count(*) from audit_event where tenant_id = :t" + filter)
			.param("t", tenantId);
		var listQuery = this.jdbc
			.sql("select id, at, actor, action, target, detail from audit_event where tenant_id = :t" + filter
					+ " order by at desc, id desc limit :limit offset :offset")
			.param("t", tenantId)
			.param("limit", size)
			.param("offset", (long) page * size);
		if (!filter.isEmpty()) {
			countQuery = countQuery.param("action", action);
			listQuery = listQuery.param("action", action);
		}
		long total = countQuery.query(Long.class).single();
		var items = listQuery
			.query((rs, n) -> new AuditEntry(rs.getLong("id"), rs.getTimestamp("at").toLocalDateTime(),
					rs.getString("actor"), rs.getString("action"), rs.getString("target"), rs.getString("detail")))
			.list();
		return new PageResult<>(items, page, size, total);
	}

	/**
	 * Counts entries of one action for a target; used to prove something happened exactly
	 * once.
	 */
	@Transactional(readOnly = true)
	public long count(long tenantId, String action, String target) {
		return this.jdbc
			.sql("select count(*) from audit_event where tenant_id = :tenant and action = :action and target = :target")
			.param("tenant", tenantId)
			.param("action", action)
			.param("target", target)
			.query(Long.class)
			.single();
	}

	private static String truncate(String text, int max) {
		if (text == null) {
			return null;
		}
		return text.length() <= max ? text : text.substring(0, max - 1) + "…";
	}

}
