package app.balcony.evidence.sources;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.balcony.evidence.EvidenceViews;
import app.balcony.evidence.EvidenceViews.Coding;
import app.balcony.evidence.EvidenceViews.Redaction;
import app.balcony.evidence.EvidenceViews.Segment;
import app.balcony.evidence.EvidenceViews.Source;
import app.balcony.evidence.EvidenceViews.SourceSummary;
import app.balcony.shared.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * All of the evidence module's SQL about sources: the text (original and redacted), its
 * redactions and segments, case attributes, the link to a person, speakers, and the
 * tenant's setting for keeping originals. Statements filter on the tenant, or key by a
 * source or project id the caller has read through a tenant-filtered method.
 */
@Repository
public class SourceStore {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final JdbcClient jdbc;

	private final Pseudonyms pseudonyms;

	SourceStore(JdbcClient jdbc, Pseudonyms pseudonyms) {
		this.jdbc = jdbc;
		this.pseudonyms = pseudonyms;
	}

	/**
	 * A source just added, with the redactions applied to it (offsets in the original).
	 */
	public record Added(long id, List<Redactor.Found> redactions, List<String> pseudonyms) {
	}

	/** Whether the tenant keeps originals after redaction is confirmed. */
	public boolean keepOriginals(long tenantId) {
		return this.jdbc.sql("select keep_originals from evidence_setting where tenant_id = :t")
			.param("t", tenantId)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	/** Sets whether the tenant keeps originals. */
	public void setKeepOriginals(long tenantId, boolean keep) {
		int updated = this.jdbc.sql("update evidence_setting set keep_originals = :k where tenant_id = :t")
			.param("k", keep)
			.param("t", tenantId)
			.update();
		if (updated == 0) {
			this.jdbc.sql("insert into evidence_setting (tenant_id, keep_originals) values (:t, :k)")
				.param("t", tenantId)
				.param("k", keep)
				.update();
		}
	}

	/** The names of a project's sources. */
	public Set<String> names(long tenantId, long projectId) {
		return new HashSet<>(this.jdbc.sql("select name from evidence_source where tenant_id = :t and project_id = :p")
			.param("t", tenantId)
			.param("p", projectId)
			.query(String.class)
			.list());
	}

	/**
	 * Adds one source in review whose redactions were found already (outside any
	 * transaction): the original is redacted with project-stable pseudonyms and the
	 * redacted text segmented.
	 */
	public Added add(long tenantId, String username, long projectId, String name, String fileName, String original,
			Map<String, String> attributes, List<Redactor.Found> found) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into evidence_source (tenant_id, project_id, name, file_name, format, content, original,
				  redaction_state, attributes, imported_by, imported_on)
				values (:t, :p, :name, :file, :format, :original, :original, 'REVIEW', :attributes, :by, :on)""")
			.param("t", tenantId)
			.param("p", projectId)
			.param("name", name)
			.param("file", fileName)
			.param("format", SourceReader.format(fileName))
			.param("original", original)
			.param("attributes", toJson(SourceFiles.cleanAttributes(attributes)))
			.param("by", username)
			.param("on", Date.valueOf(LocalDate.now()))
			.update(key, "id");
		long sourceId = key.getKeyAs(Number.class).longValue();
		List<String> pseudonyms = new ArrayList<>();
		for (Redactor.Found f : found) {
			String pseudonym = "[" + f.kind().label + " " + this.pseudonyms.number(projectId, f.kind(), f.key()) + "]";
			pseudonyms.add(pseudonym);
			this.jdbc
				.sql("""
						insert into evidence_redaction (tenant_id, source_id, kind, start_offset, end_offset,
						  original_value, pseudonym, applied) values (:t, :s, :kind, :start, :end, :value, :pseudonym, true)""")
				.param("t", tenantId)
				.param("s", sourceId)
				.param("kind", f.kind().name())
				.param("start", f.start())
				.param("end", f.end())
				.param("value", f.value())
				.param("pseudonym", pseudonym)
				.update();
		}
		rebuild(tenantId, sourceId);
		return new Added(sourceId, found, pseudonyms);
	}

	/**
	 * Rebuilds the analysed text from the original and the applied redactions, and
	 * re-segments it.
	 */
	public void rebuild(long tenantId, long sourceId) {
		String original = this.jdbc.sql("select original from evidence_source where tenant_id = :t and id = :s")
			.param("t", tenantId)
			.param("s", sourceId)
			.query(String.class)
			.single();
		record R(int start, int end, String pseudonym) {
		}
		List<R> applied = this.jdbc.sql("""
				select start_offset, end_offset, pseudonym from evidence_redaction
				where tenant_id = :t and source_id = :s and applied = true order by start_offset""")
			.param("t", tenantId)
			.param("s", sourceId)
			.query((rs, n) -> new R(rs.getInt("start_offset"), rs.getInt("end_offset"), rs.getString("pseudonym")))
			.list();
		StringBuilder content = new StringBuilder();
		int at = 0;
		for (R r : applied) {
			content.append(original, at, r.start()).append(r.pseudonym());
			at = r.end();
		}
		content.append(original.substring(at));
		String text = content.toString();
		this.jdbc.sql("update evidence_source set content = :c where tenant_id = :t and id = :s")
			.param("c", text)
			.param("t", tenantId)
			.param("s", sourceId)
			.update();
		this.jdbc.sql("delete from evidence_segment where tenant_id = :t and source_id = :s")
			.param("t", tenantId)
			.param("s", sourceId)
			.update();
		int position = 0;
		for (Segmenter.Segment s : Segmenter.segment(text)) {
			this.jdbc
				.sql("""
						insert into evidence_segment (tenant_id, source_id, position, start_offset, end_offset, speaker, turn)
						values (:t, :s, :position, :start, :end, :speaker, :turn)""")
				.param("t", tenantId)
				.param("s", sourceId)
				.param("position", position++)
				.param("start", s.start())
				.param("end", s.end())
				.param("speaker", s.speaker())
				.param("turn", s.turn())
				.update();
		}
	}

	/** A redaction of the tenant: its source and that source's redaction state. */
	public record RedactionOf(long sourceId, String state) {
	}

	/** The source a redaction of the tenant belongs to, and its state. */
	public Optional<RedactionOf> redaction(long tenantId, long redactionId) {
		return this.jdbc.sql("""
				select r.source_id, s.redaction_state from evidence_redaction r
				join evidence_source s on s.id = r.source_id where r.id = :r and r.tenant_id = :t""")
			.param("r", redactionId)
			.param("t", tenantId)
			.query((rs, n) -> new RedactionOf(rs.getLong("source_id"), rs.getString("redaction_state")))
			.optional();
	}

	/** Applies or undoes one redaction and rebuilds its source's text. */
	public void setApplied(long tenantId, long redactionId, long sourceId, boolean applied) {
		this.jdbc.sql("update evidence_redaction set applied = :a where tenant_id = :t and id = :r")
			.param("a", applied)
			.param("t", tenantId)
			.param("r", redactionId)
			.update();
		rebuild(tenantId, sourceId);
	}

	/**
	 * Ends a source's review; the original text and redacted values are discarded unless
	 * {@code keep}.
	 */
	public void confirm(long tenantId, long sourceId, boolean keep) {
		this.jdbc
			.sql("update evidence_source set redaction_state = 'CONFIRMED'" + (keep ? "" : ", original = null")
					+ " where tenant_id = :t and id = :s")
			.param("t", tenantId)
			.param("s", sourceId)
			.update();
		if (!keep) {
			this.jdbc.sql("update evidence_redaction set original_value = null where tenant_id = :t and source_id = :s")
				.param("t", tenantId)
				.param("s", sourceId)
				.update();
		}
	}

	/** Replaces a source's case attributes. */
	public void setAttributes(long tenantId, long sourceId, Map<String, String> attributes) {
		this.jdbc.sql("update evidence_source set attributes = :a where tenant_id = :t and id = :s")
			.param("a", toJson(SourceFiles.cleanAttributes(attributes)))
			.param("t", tenantId)
			.param("s", sourceId)
			.update();
	}

	/** Links a source to a person (null: unlinks), with its attributes. */
	public void setPerson(long tenantId, long sourceId, Long personId, Map<String, String> attributes) {
		this.jdbc
			.sql("update evidence_source set person_id = :person, attributes = :a where tenant_id = :t and id = :s")
			.param("person", personId)
			.param("a", toJson(SourceFiles.cleanAttributes(attributes)))
			.param("t", tenantId)
			.param("s", sourceId)
			.update();
	}

	/** The project's speakers with their turns, sources and recorded attributes. */
	public List<EvidenceViews.Speaker> speakers(long tenantId, long projectId) {
		Map<String, Map<String, String>> attributes = speakerAttributes(tenantId, projectId);
		return this.jdbc.sql("""
				select g.speaker, count(*) as turns, count(distinct g.source_id) as sources from evidence_segment g
				join evidence_source s on s.id = g.source_id
				where s.tenant_id = :t and s.project_id = :p and g.speaker is not null
				group by g.speaker order by g.speaker""")
			.param("t", tenantId)
			.param("p", projectId)
			.query((rs, n) -> new EvidenceViews.Speaker(rs.getString("speaker"), rs.getLong("turns"),
					rs.getLong("sources"), attributes.getOrDefault(rs.getString("speaker"), Map.of())))
			.list();
	}

	/** Recorded speaker attributes of a project, by speaker. */
	public Map<String, Map<String, String>> speakerAttributes(long tenantId, long projectId) {
		Map<String, Map<String, String>> out = new HashMap<>();
		this.jdbc.sql("select speaker, attributes from evidence_speaker where tenant_id = :t and project_id = :p")
			.param("t", tenantId)
			.param("p", projectId)
			.query(rs -> {
				out.put(rs.getString("speaker"), fromJson(rs.getString("attributes")));
			});
		return out;
	}

	/**
	 * Records a speaker's attributes; false when another request inserted them at the
	 * same moment (PostgreSQL has then ended the transaction).
	 */
	public boolean setSpeakerAttributes(long tenantId, long projectId, String speaker, Map<String, String> attributes) {
		String json = toJson(SourceFiles.cleanAttributes(attributes));
		int updated = this.jdbc
			.sql("""
					update evidence_speaker set attributes = :a where tenant_id = :t and project_id = :p and speaker = :s""")
			.param("a", json)
			.param("t", tenantId)
			.param("p", projectId)
			.param("s", speaker)
			.update();
		if (updated > 0) {
			return true;
		}
		try {
			this.jdbc
				.sql("""
						insert into evidence_speaker (tenant_id, project_id, speaker, attributes) values (:t, :p, :s, :a)""")
				.param("t", tenantId)
				.param("p", projectId)
				.param("s", speaker)
				.param("a", json)
				.update();
			return true;
		}
		catch (org.springframework.dao.DuplicateKeyException ex) {
			return false;
		}
	}

	/** The project's sources with their segment and coding counts, by name. */
	public List<SourceSummary> sources(long tenantId, long projectId) {
		return this.jdbc.sql("""
				select s.id, s.name, s.format, s.redaction_state, s.attributes, s.imported_on,
				  (select count(*) from evidence_segment g where g.source_id = s.id) as segments,
				  (select count(*) from evidence_coding c where c.source_id = s.id and c.deleted_at is null) as codings
				from evidence_source s where s.tenant_id = :t and s.project_id = :p order by s.name""")
			.param("t", tenantId)
			.param("p", projectId)
			.query((rs, n) -> new SourceSummary(rs.getLong("id"), rs.getString("name"), rs.getString("format"),
					rs.getString("redaction_state"), fromJson(rs.getString("attributes")), rs.getLong("segments"),
					rs.getLong("codings"), rs.getDate("imported_on").toLocalDate()))
			.list();
	}

	/**
	 * A source of the tenant with its segments, redactions and codings ({@code coder}'s
	 * own, or everyone's when null).
	 * @throws NotFoundException if the tenant has no such source
	 */
	public Source source(long tenantId, long sourceId, String coder) {
		record Row(long id, long projectId, String projectName, String name, String format, String state,
				String attributes, String content, boolean originalKept, Long personId) {
		}
		Row row = this.jdbc.sql("""
				select s.id, s.project_id, p.name as project_name, s.name, s.format, s.redaction_state, s.attributes,
				  s.content, case when s.original is null then false else true end as original_kept, s.person_id
				from evidence_source s join evidence_project p on p.id = s.project_id
				where s.id = :s and s.tenant_id = :t""")
			.param("s", sourceId)
			.param("t", tenantId)
			.query((rs, n) -> new Row(rs.getLong("id"), rs.getLong("project_id"), rs.getString("project_name"),
					rs.getString("name"), rs.getString("format"), rs.getString("redaction_state"),
					rs.getString("attributes"), rs.getString("content"), rs.getBoolean("original_kept"),
					rs.getObject("person_id", Long.class)))
			.optional()
			.orElseThrow(() -> new NotFoundException("No such source"));
		String content = row.content();
		List<Segment> segments = this.jdbc.sql("""
				select id, start_offset, end_offset, speaker, turn from evidence_segment
				where tenant_id = :t and source_id = :s order by position""")
			.param("t", tenantId)
			.param("s", sourceId)
			.query((rs, n) -> new Segment(rs.getLong("id"), rs.getInt("start_offset"), rs.getInt("end_offset"),
					rs.getString("speaker"), rs.getInt("turn"),
					content.substring(rs.getInt("start_offset"), rs.getInt("end_offset"))))
			.list();
		List<Redaction> redactions = this.jdbc.sql("""
				select id, kind, pseudonym, original_value, applied from evidence_redaction
				where tenant_id = :t and source_id = :s order by start_offset""")
			.param("t", tenantId)
			.param("s", sourceId)
			.query((rs, n) -> new Redaction(rs.getLong("id"), rs.getString("kind"), rs.getString("pseudonym"),
					rs.getString("original_value"), rs.getBoolean("applied")))
			.list();
		return new Source(row.id(), row.projectId(), row.projectName(), row.name(), row.format(), row.state(),
				fromJson(row.attributes()), content, segments, codings(tenantId, sourceId, coder, content), redactions,
				row.originalKept(), row.personId());
	}

	private List<Coding> codings(long tenantId, long sourceId, String coder, String content) {
		return this.jdbc
			.sql("""
					select k.id, c.id as code_id, c.ckey, c.name, c.colour, k.coder, k.start_offset, k.end_offset,
					  k.origin, k.score
					from evidence_coding k join evidence_code c on c.id = k.code_id
					where k.tenant_id = :t and k.source_id = :s and k.deleted_at is null"""
					+ (coder == null ? "" : " and k.coder = :coder") + " order by k.start_offset, c.position")
			.param("t", tenantId)
			.param("s", sourceId)
			.params(coder == null ? Map.of() : Map.of("coder", coder))
			.query((rs, n) -> new Coding(rs.getLong("id"), rs.getLong("code_id"), rs.getString("ckey"),
					rs.getString("name"), rs.getString("colour"), rs.getString("coder"), rs.getInt("start_offset"),
					rs.getInt("end_offset"), rs.getString("origin"), rs.getObject("score", Double.class),
					content.substring(rs.getInt("start_offset"), rs.getInt("end_offset"))))
			.list();
	}

	/** Part of a source's (redacted) text. */
	public String text(long tenantId, long sourceId, int start, int end) {
		String content = this.jdbc.sql("select content from evidence_source where tenant_id = :t and id = :s")
			.param("t", tenantId)
			.param("s", sourceId)
			.query(String.class)
			.single();
		return content.substring(Math.max(0, start), Math.min(content.length(), end));
	}

	/** Case attributes as stored (JSON). */
	public static String toJson(Map<String, String> map) {
		try {
			return JSON.writeValueAsString(map);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Case attributes as stored, read back (empty when unreadable). */
	public static Map<String, String> fromJson(String json) {
		try {
			return JSON.readValue(json == null ? "{}" : json, new TypeReference<TreeMap<String, String>>() {
			});
		}
		catch (JsonProcessingException ex) {
			return Map.of();
		}
	}

}
