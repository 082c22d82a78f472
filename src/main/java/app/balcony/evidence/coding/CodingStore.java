package app.balcony.evidence.coding;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import app.balcony.evidence.EvidenceService.Memo;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Codings (a code applied by a coder to a span of a source) and memos: all of their SQL.
 * Statements filter on the tenant.
 */
@Repository
public class CodingStore {

	private final JdbcClient jdbc;

	CodingStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The ids of a project's codes. */
	public Set<Long> codeIds(long tenantId, long projectId) {
		return new HashSet<>(this.jdbc.sql("select id from evidence_code where tenant_id = :t and project_id = :p")
			.param("t", tenantId)
			.param("p", projectId)
			.query(Long.class)
			.list());
	}

	/**
	 * Locks a source's row until commit, so the same coding sent several times at once is
	 * stored once: each request sees the others' coding before adding its own.
	 */
	public void lockSource(long tenantId, long sourceId) {
		this.jdbc.sql("select id from evidence_source where tenant_id = :t and id = :s for update")
			.param("t", tenantId)
			.param("s", sourceId)
			.query(Long.class)
			.list();
	}

	/** The coder's live coding of exactly this span with this code, if there is one. */
	public Optional<Long> existing(long tenantId, long sourceId, long codeId, String coder, int start, int end) {
		return this.jdbc.sql("""
				select id from evidence_coding where tenant_id = :t and source_id = :s and code_id = :c
				  and coder = :coder and start_offset = :start and end_offset = :end and deleted_at is null""")
			.param("t", tenantId)
			.param("s", sourceId)
			.param("c", codeId)
			.param("coder", coder)
			.param("start", start)
			.param("end", end)
			.query(Long.class)
			.optional();
	}

	/** Stores one coding as it is (the caller has checked the span and the code). */
	public long insert(long tenantId, long projectId, long sourceId, long codeId, String coder, int start, int end,
			String origin, Double score) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into evidence_coding (tenant_id, project_id, source_id, code_id, coder, start_offset,
				  end_offset, origin, score, created_at)
				values (:t, :p, :s, :c, :coder, :start, :end, :origin, :score, :at)""")
			.param("t", tenantId)
			.param("p", projectId)
			.param("s", sourceId)
			.param("c", codeId)
			.param("coder", coder)
			.param("start", start)
			.param("end", end)
			.param("origin", origin)
			.param("score", score)
			.param("at", Timestamp.valueOf(LocalDateTime.now()))
			.update(key, "id");
		return key.getKeyAs(Number.class).longValue();
	}

	/** Removes one of the coder's live codings (undoable); false if there is none. */
	public boolean remove(long tenantId, long codingId, String coder) {
		return this.jdbc.sql("""
				update evidence_coding set deleted_at = :at
				where id = :id and tenant_id = :t and coder = :coder and deleted_at is null""")
			.param("at", Timestamp.valueOf(LocalDateTime.now()))
			.param("id", codingId)
			.param("t", tenantId)
			.param("coder", coder)
			.update() > 0;
	}

	/** Undoes the coder's last coding action on a source; says what it did. */
	public String undo(long tenantId, long sourceId, String coder) {
		record Action(long id, Timestamp created, Timestamp deleted) {
		}
		List<Action> actions = this.jdbc.sql("""
				select id, created_at, deleted_at from evidence_coding
				where tenant_id = :t and source_id = :s and coder = :coder""")
			.param("t", tenantId)
			.param("s", sourceId)
			.param("coder", coder)
			.query((rs, n) -> new Action(rs.getLong("id"), rs.getTimestamp("created_at"),
					rs.getTimestamp("deleted_at")))
			.list();
		Action last = null;
		Timestamp lastAt = null;
		for (Action a : actions) {
			Timestamp at = a.deleted() != null && a.deleted().after(a.created()) ? a.deleted() : a.created();
			if (lastAt == null || !at.before(lastAt)) {
				last = a;
				lastAt = at;
			}
		}
		if (last == null) {
			return "Nothing to undo";
		}
		if (last.deleted() != null) {
			this.jdbc
				.sql("update evidence_coding set deleted_at = null, created_at = :at where tenant_id = :t and id = :id")
				.param("at", Timestamp.valueOf(LocalDateTime.now()))
				.param("t", tenantId)
				.param("id", last.id())
				.update();
			return "Restored a removed coding";
		}
		this.jdbc.sql("delete from evidence_coding where tenant_id = :t and id = :id")
			.param("t", tenantId)
			.param("id", last.id())
			.update();
		return "Removed the last coding";
	}

	/** Whether a source, code or coding (by table) belongs to the project. */
	public boolean belongs(long tenantId, String table, long id, long projectId) {
		if (!List.of("evidence_source", "evidence_code", "evidence_coding").contains(table)) {
			throw new IllegalArgumentException(table);
		}
		return this.jdbc.sql("select count(*) from " + table + " where tenant_id = :t and id = :id and project_id = :p")
			.param("t", tenantId)
			.param("id", id)
			.param("p", projectId)
			.query(Long.class)
			.single() > 0;
	}

	/** Stores one memo as it is (the caller has checked the target and the text). */
	public long insertMemo(long tenantId, long projectId, String targetType, long targetId, String author,
			String body) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into evidence_memo (tenant_id, project_id, target_type, target_id, author, body, created_at)
				values (:t, :p, :type, :target, :author, :body, :at)""")
			.param("t", tenantId)
			.param("p", projectId)
			.param("type", targetType)
			.param("target", targetId)
			.param("author", author)
			.param("body", body)
			.param("at", Timestamp.valueOf(LocalDateTime.now()))
			.update(key, "id");
		return key.getKeyAs(Number.class).longValue();
	}

	/** A project's memos, all or on one target, oldest first. */
	public List<Memo> memos(long tenantId, long projectId, String targetType, Long targetId) {
		return this.jdbc
			.sql("""
					select id, target_type, target_id, author, body, created_at from evidence_memo
					where tenant_id = :t and project_id = :p"""
					+ (targetType == null ? "" : " and target_type = :type and target_id = :target")
					+ " order by created_at")
			.param("t", tenantId)
			.param("p", projectId)
			.params(targetType == null ? java.util.Map.of()
					: java.util.Map.of("type", targetType, "target", targetId == null ? -1L : targetId))
			.query((rs, n) -> new Memo(rs.getLong("id"), rs.getString("target_type"), rs.getLong("target_id"),
					rs.getString("author"), rs.getString("body"), rs.getTimestamp("created_at").toLocalDateTime()))
			.list();
	}

}
