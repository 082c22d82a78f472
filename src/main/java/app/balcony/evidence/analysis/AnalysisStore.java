package app.balcony.evidence.analysis;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * All of the SQL of the evidence analyses: the passages suggestions learn from, rejected
 * suggestions, segments by id, and where each coding of a project falls for the
 * code-by-attribute matrix. Statements filter on the tenant.
 */
@Repository
public class AnalysisStore {

	private final JdbcClient jdbc;

	AnalysisStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A passage of a source's (redacted) text with the code it was coded with. */
	public record CodedPassage(long codeId, String text) {
	}

	/** A segment of a source: its id, its source and its span in the source's text. */
	public record SegmentSpan(long id, long sourceId, int start, int end) {
	}

	/**
	 * A live coding of a project: its code, its source and the speaker of the segment it
	 * starts in (null when that segment has no speaker).
	 */
	public record CodingPlace(long codeId, long sourceId, String speaker) {
	}

	/** Every live coding of a project, as the passage it covers and its code. */
	public List<CodedPassage> codedPassages(long tenantId, long projectId) {
		return this.jdbc.sql("""
				select k.code_id, s.content, k.start_offset, k.end_offset from evidence_coding k
				join evidence_source s on s.id = k.source_id
				where k.project_id = :p and k.tenant_id = :t and k.deleted_at is null""")
			.param("p", projectId)
			.param("t", tenantId)
			.query((rs, n) -> new CodedPassage(rs.getLong("code_id"),
					rs.getString("content").substring(rs.getInt("start_offset"), rs.getInt("end_offset"))))
			.list();
	}

	/**
	 * Every suggestion rejected in a project (by any coder), as the segment's passage and
	 * the code rejected for it.
	 */
	public List<CodedPassage> rejectedPassages(long tenantId, long projectId) {
		return this.jdbc.sql("""
				select r.code_id, s.content, g.start_offset, g.end_offset from evidence_rejection r
				join evidence_segment g on g.id = r.segment_id
				join evidence_source s on s.id = g.source_id
				where s.project_id = :p and r.tenant_id = :t""")
			.param("p", projectId)
			.param("t", tenantId)
			.query((rs, n) -> new CodedPassage(rs.getLong("code_id"),
					rs.getString("content").substring(rs.getInt("start_offset"), rs.getInt("end_offset"))))
			.list();
	}

	/**
	 * The suggestions a coder rejected in a source, each as {@code segmentId:codeId}.
	 */
	public Set<String> rejections(long tenantId, long sourceId, String coder) {
		return new HashSet<>(this.jdbc.sql("""
				select r.segment_id, r.code_id from evidence_rejection r
				join evidence_segment g on g.id = r.segment_id
				where r.tenant_id = :t and g.source_id = :s and r.coder = :coder""")
			.param("t", tenantId)
			.param("s", sourceId)
			.param("coder", coder)
			.query((rs, n) -> rs.getLong("segment_id") + ":" + rs.getLong("code_id"))
			.list());
	}

	/** A segment of the tenant, if there is one. */
	public Optional<SegmentSpan> segment(long tenantId, long segmentId) {
		return this.jdbc.sql("""
				select id, source_id, start_offset, end_offset from evidence_segment
				where id = :g and tenant_id = :t""")
			.param("g", segmentId)
			.param("t", tenantId)
			.query((rs, n) -> new SegmentSpan(rs.getLong("id"), rs.getLong("source_id"), rs.getInt("start_offset"),
					rs.getInt("end_offset")))
			.optional();
	}

	/** Whether a code of the tenant belongs to the project of a source. */
	public boolean codeOfSourceProject(long tenantId, long sourceId, long codeId) {
		return this.jdbc.sql("""
				select count(*) from evidence_code c join evidence_source s on s.project_id = c.project_id
				where s.id = :s and c.id = :c and c.tenant_id = :t""")
			.param("s", sourceId)
			.param("c", codeId)
			.param("t", tenantId)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Records that a coder rejected a code for a segment, unless they did already (the
	 * caller has checked the segment and the code).
	 */
	public void reject(long tenantId, long segmentId, long codeId, String coder) {
		boolean exists = this.jdbc.sql("""
				select count(*) from evidence_rejection
				where tenant_id = :t and segment_id = :g and code_id = :c and coder = :coder""")
			.param("t", tenantId)
			.param("g", segmentId)
			.param("c", codeId)
			.param("coder", coder)
			.query(Long.class)
			.single() > 0;
		if (!exists) {
			this.jdbc.sql("""
					insert into evidence_rejection (tenant_id, segment_id, code_id, coder)
					values (:t, :g, :c, :coder)""")
				.param("t", tenantId)
				.param("g", segmentId)
				.param("c", codeId)
				.param("coder", coder)
				.update();
		}
	}

	/**
	 * Every live coding of a project (any coder) with the speaker of the segment it
	 * starts in.
	 */
	public List<CodingPlace> codingPlaces(long tenantId, long projectId) {
		return this.jdbc.sql("""
				select c.code_id, c.source_id, (select max(g.speaker) from evidence_segment g
				  where g.source_id = c.source_id and g.start_offset <= c.start_offset
				    and g.end_offset > c.start_offset) as speaker
				from evidence_coding c where c.tenant_id = :t and c.project_id = :p and c.deleted_at is null""")
			.param("t", tenantId)
			.param("p", projectId)
			.query((rs, n) -> new CodingPlace(rs.getLong("code_id"), rs.getLong("source_id"), rs.getString("speaker")))
			.list();
	}

}
