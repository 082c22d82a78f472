package app.balcony.evidence.coding;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

import app.balcony.evidence.EvidenceViews.Code;
import app.balcony.evidence.EvidenceViews.Project;
import app.balcony.framework.Framework;
import app.balcony.framework.FrameworkElement;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Evidence projects and their codebooks: all of their SQL. Statements filter on the
 * tenant.
 */
@Repository
public class ProjectStore {

	/** Colours given to codes in turn when none is chosen. */
	public static final List<String> PALETTE = List.of("#005eb8", "#007f3b", "#ffb81c", "#d5281b", "#330072", "#ae2573",
			"#00a499", "#ed8b00", "#41b6e6", "#768692", "#7c2855", "#425563");

	private final JdbcClient jdbc;

	ProjectStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The tenant's projects by name, with their source and coding counts. */
	public List<Project> projects(long tenantId) {
		return this.jdbc.sql("""
				select p.id, p.name, p.description, p.framework_key, p.framework_version, p.created_by,
				  (select count(*) from evidence_source s where s.project_id = p.id) as sources,
				  (select count(*) from evidence_coding c where c.project_id = p.id and c.deleted_at is null) as codings
				from evidence_project p where p.tenant_id = :t order by p.name""")
			.param("t", tenantId)
			.query((rs, n) -> new Project(rs.getLong("id"), rs.getString("name"), rs.getString("description"),
					rs.getString("framework_key"), rs.getObject("framework_version", Integer.class),
					rs.getLong("sources"), rs.getLong("codings"), rs.getString("created_by")))
			.list();
	}

	/** The id of the tenant's project with this name, if there is one. */
	public Optional<Long> projectId(long tenantId, String name) {
		return this.jdbc.sql("select id from evidence_project where tenant_id = :t and name = :n")
			.param("t", tenantId)
			.param("n", name)
			.query(Long.class)
			.optional();
	}

	/**
	 * A new project whose codebook starts as a copy of a framework's elements (or empty);
	 * the caller has checked the name is free.
	 */
	public long create(long tenantId, String actor, String name, String description, Framework framework) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into evidence_project (tenant_id, name, description, framework_key, framework_version,
				  created_by, created_at) values (:t, :name, :description, :fkey, :fversion, :by, :at)""")
			.param("t", tenantId)
			.param("name", name)
			.param("description", description)
			.param("fkey", framework == null ? null : framework.key())
			.param("fversion", framework == null ? null : framework.version())
			.param("by", actor)
			.param("at", Timestamp.valueOf(LocalDateTime.now()))
			.update(key, "id");
		long id = key.getKeyAs(Number.class).longValue();
		if (framework != null) {
			int[] position = { 0 };
			for (FrameworkElement element : framework.elements()) {
				insertCode(tenantId, id, element, null, position);
			}
		}
		return id;
	}

	private void insertCode(long tenantId, long projectId, FrameworkElement element, Long parentId, int[] position) {
		long codeId = insertCode(tenantId, projectId, element.key(), element.name(), parentId, element.definition(),
				element.colour() != null ? element.colour() : PALETTE.get(position[0] % PALETTE.size()), position[0]++);
		for (FrameworkElement child : element.children()) {
			insertCode(tenantId, projectId, child, codeId, position);
		}
	}

	/** Adds one code as it is (the caller has checked the key is free). */
	public long insertCode(long tenantId, long projectId, String key, String name, Long parentId, String definition,
			String colour, int position) {
		GeneratedKeyHolder id = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into evidence_code (tenant_id, project_id, ckey, name, parent_id, definition, colour, position)
				values (:t, :p, :key, :name, :parent, :definition, :colour, :position)""")
			.param("t", tenantId)
			.param("p", projectId)
			.param("key", key)
			.param("name", name)
			.param("parent", parentId)
			.param("definition", definition == null ? "" : definition)
			.param("colour", colour)
			.param("position", position)
			.update(id, "id");
		return id.getKeyAs(Number.class).longValue();
	}

	/**
	 * Adds the analyst's own code: its key is made from its name (at most 80 characters,
	 * unique in the project), its colour the next of the palette unless one is given.
	 */
	public long addCode(long tenantId, long projectId, String name, Long parentId, String definition, String colour) {
		String key = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
		if (key.isEmpty() || !Character.isLetter(key.charAt(0))) {
			key = "code_" + key;
		}
		// Keys are at most 80 characters: a long name's key is cut, and the suffix that
		// keeps keys unique fits after it.
		if (key.length() > 70) {
			key = key.substring(0, 70).replaceAll("_$", "");
		}
		String base = key;
		int suffix = 2;
		while (this.jdbc
			.sql("select count(*) from evidence_code where tenant_id = :t and project_id = :p and ckey = :k")
			.param("t", tenantId)
			.param("p", projectId)
			.param("k", key)
			.query(Long.class)
			.single() > 0) {
			key = base + "_" + suffix++;
		}
		int position = this.jdbc.sql("""
				select coalesce(max(position), -1) + 1 from evidence_code where tenant_id = :t and project_id = :p""")
			.param("t", tenantId)
			.param("p", projectId)
			.query(Integer.class)
			.single();
		return insertCode(tenantId, projectId, key, name, parentId, definition,
				colour == null || colour.isBlank() ? PALETTE.get(position % PALETTE.size()) : colour, position);
	}

	/** The project's codebook in tree order, with how often each code is used. */
	public List<Code> codes(long tenantId, long projectId) {
		record Row(long id, String key, String name, Long parent, String definition, String colour, long count) {
		}
		List<Row> rows = this.jdbc.sql("""
				select c.id, c.ckey, c.name, c.parent_id, c.definition, c.colour,
				  (select count(*) from evidence_coding k where k.code_id = c.id and k.deleted_at is null) as uses
				from evidence_code c where c.tenant_id = :t and c.project_id = :p order by c.position""")
			.param("t", tenantId)
			.param("p", projectId)
			.query((rs, n) -> new Row(rs.getLong("id"), rs.getString("ckey"), rs.getString("name"),
					rs.getObject("parent_id", Long.class), rs.getString("definition"), rs.getString("colour"),
					rs.getLong("uses")))
			.list();
		List<Code> ordered = new ArrayList<>();
		Map<Long, List<Row>> children = new HashMap<>();
		rows.forEach(
				r -> children.computeIfAbsent(r.parent() == null ? 0L : r.parent(), k -> new ArrayList<>()).add(r));
		@SuppressWarnings("unchecked")
		BiConsumer<Long, Integer>[] walk = new BiConsumer[1];
		walk[0] = (parent, depth) -> {
			for (Row r : children.getOrDefault(parent, List.of())) {
				ordered
					.add(new Code(r.id(), r.key(), r.name(), r.parent(), r.definition(), r.colour(), depth, r.count()));
				walk[0].accept(r.id(), depth + 1);
			}
		};
		walk[0].accept(0L, 0);
		return ordered;
	}

}
