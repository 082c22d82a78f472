package app.balcony.framework;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.balcony.identity.AuditLog;
import app.balcony.shared.BadRequestException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The frameworks a tenant can use: the built-in ones and the tenant's own versions. An
 * edit never changes a version; it saves the next one, so results and codings keep
 * pointing at what they used.
 */
@Service
public class FrameworkCatalog {

	private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{1,59}");

	private static final ObjectMapper JSON = new ObjectMapper();

	private final JdbcClient jdbc;

	private final AuditLog audit;

	FrameworkCatalog(JdbcClient jdbc, AuditLog audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	/** The latest version of every framework the tenant can use, built-in ones first. */
	@Transactional(readOnly = true)
	public List<Framework> list(long tenantId) {
		Map<String, Framework> latest = new LinkedHashMap<>();
		BuiltInFrameworks.all().forEach(f -> latest.put(f.key(), f));
		for (Framework own : own(tenantId, null)) {
			Framework seen = latest.get(own.key());
			if (seen == null || seen.version() < own.version()) {
				latest.put(own.key(), own);
			}
		}
		return List.copyOf(latest.values());
	}

	/** One framework: a given version, or the latest when version is null. */
	@Transactional(readOnly = true)
	public Optional<Framework> find(long tenantId, String key, Integer version) {
		List<Framework> candidates = new ArrayList<>(own(tenantId, key));
		BuiltInFrameworks.find(key).ifPresent(candidates::add);
		return candidates.stream()
			.filter(f -> version == null || f.version() == version)
			.max(java.util.Comparator.comparingInt(Framework::version));
	}

	/** Every version of a framework, newest first. */
	@Transactional(readOnly = true)
	public List<Framework> versions(long tenantId, String key) {
		List<Framework> all = new ArrayList<>(own(tenantId, key));
		BuiltInFrameworks.find(key).ifPresent(all::add);
		all.sort(java.util.Comparator.comparingInt(Framework::version).reversed());
		return all;
	}

	/**
	 * Saves a framework as the next version of its key (a copy of a built-in one keeps
	 * the built-in key). Checks keys, names and definitions first.
	 */
	@Transactional
	public Framework save(long tenantId, String actor, Framework draft) {
		List<String> problems = new ArrayList<>();
		if (draft.key() == null || !KEY.matcher(draft.key()).matches()) {
			problems.add("key: use 2-60 lower-case letters, digits or _ starting with a letter");
		}
		if (draft.name() == null || draft.name().isBlank()) {
			problems.add("name: required");
		}
		if (draft.elements().isEmpty()) {
			problems.add("elements: a framework needs at least one element");
		}
		java.util.Set<String> keys = new java.util.HashSet<>();
		for (FrameworkElement element : draft.allElements()) {
			if (element.key() == null || !KEY.matcher(element.key()).matches()) {
				problems.add("element '" + element.name() + "': key must be 2-60 lower-case letters, digits or _");
			}
			else if (!keys.add(element.key())) {
				problems.add("element key '" + element.key() + "' is used twice");
			}
			if (element.name() == null || element.name().isBlank()) {
				problems.add("element '" + element.key() + "': name required");
			}
		}
		if (!problems.isEmpty()) {
			throw new BadRequestException(String.join("; ", problems));
		}
		int version = versions(tenantId, draft.key()).stream().mapToInt(Framework::version).max().orElse(0) + 1;
		String elements;
		try {
			elements = JSON.writeValueAsString(draft.elements());
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
		this.jdbc.sql("""
				insert into framework_version (tenant_id, fkey, version, name, source, description, elements,
				    created_by, created_at)
				values (:tenant, :key, :version, :name, :source, :description, :elements, :createdBy, :createdAt)
				""")
			.param("tenant", tenantId)
			.param("key", draft.key())
			.param("version", version)
			.param("name", draft.name().strip())
			.param("source", draft.source())
			.param("description", draft.description())
			.param("elements", elements)
			.param("createdBy", actor)
			.param("createdAt", Timestamp.valueOf(LocalDateTime.now()))
			.update();
		this.audit.record(tenantId, actor, "FRAMEWORK_SAVED", draft.key() + " v" + version, draft.name());
		return find(tenantId, draft.key(), version).orElseThrow();
	}

	private List<Framework> own(long tenantId, String key) {
		return this.jdbc
			.sql("select fkey, version, name, source, description, elements from framework_version "
					+ "where tenant_id = :tenant" + (key == null ? "" : " and fkey = :key") + " order by fkey, version")
			.params(key == null ? Map.of("tenant", tenantId) : Map.of("tenant", tenantId, "key", key))
			.query((rs, n) -> new Framework(rs.getString("fkey"), rs.getInt("version"), rs.getString("name"),
					rs.getString("source"), rs.getString("description"), false, elements(rs.getString("elements"))))
			.list();
	}

	private static List<FrameworkElement> elements(String json) {
		try {
			return JSON.readValue(json, new TypeReference<List<FrameworkElement>>() {
			});
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Stored framework elements are not valid JSON", ex);
		}
	}

}
