package app.balcony.system;

import java.util.EnumMap;
import java.util.Map;

import app.balcony.identity.AuditLog;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What each tenant calls its three levels (some say "locality" for neighbourhood,
 * "borough" for place). Unset names fall back to the defaults.
 */
@Service
public class LevelNames {

	private final JdbcClient jdbc;

	private final AuditLog audit;

	private final org.springframework.context.ApplicationEventPublisher events;

	LevelNames(JdbcClient jdbc, AuditLog audit, org.springframework.context.ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.events = events;
	}

	@Transactional(readOnly = true)
	public Map<Level, String> names(long tenantId) {
		Map<Level, String> names = new EnumMap<>(Level.class);
		for (Level level : Level.values()) {
			names.put(level, level.label());
		}
		this.jdbc.sql("select level_key, display_name from level_name where tenant_id = :tenant")
			.param("tenant", tenantId)
			.query((rs, n) -> Map.entry(Level.valueOf(rs.getString("level_key")), rs.getString("display_name")))
			.list()
			.forEach(e -> names.put(e.getKey(), e.getValue()));
		return names;
	}

	/**
	 * Renames all three levels at once; nothing is saved unless every name is acceptable.
	 */
	@Transactional
	public void renameAll(long tenantId, Map<Level, String> names, String actor) {
		names.values().forEach(LevelNames::check);
		names.forEach((level, name) -> rename(tenantId, level, name, actor));
	}

	private static void check(String name) {
		String trimmed = name == null ? "" : name.trim();
		if (trimmed.isEmpty() || trimmed.length() > 60) {
			throw new IllegalArgumentException("A level name must be 1 to 60 characters");
		}
	}

	@Transactional
	public void rename(long tenantId, Level level, String name, String actor) {
		String trimmed = name == null ? "" : name.trim();
		if (trimmed.isEmpty() || trimmed.length() > 60) {
			throw new IllegalArgumentException("A level name must be 1 to 60 characters");
		}
		this.jdbc.sql("delete from level_name where tenant_id = :tenant and level_key = :level")
			.param("tenant", tenantId)
			.param("level", level.name())
			.update();
		this.jdbc.sql("insert into level_name (tenant_id, level_key, display_name) values (:tenant, :level, :name)")
			.param("tenant", tenantId)
			.param("level", level.name())
			.param("name", trimmed)
			.update();
		this.audit.record(tenantId, actor, "LEVEL_RENAMED", level.key(), trimmed);
		// Groups by level are named with these names.
		this.events.publishEvent(new SystemModelChanged(tenantId, ModelVersions.bump(this.jdbc, tenantId)));
	}

}
