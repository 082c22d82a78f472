package app.balcony.system.directory;

import java.sql.Date;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import app.balcony.system.EffectiveDating;
import app.balcony.system.Sector;
import app.balcony.system.Seniority;
import app.balcony.system.StaffGroup;
import app.balcony.system.Views;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The system directory: what other modules may know about a tenant's people and
 * organisations (attributes and survey profiles on a day, names, the roster a respondent
 * picks from, identifiers in files, the person behind an e-mail address). Other modules
 * read people and organisations only through here, never from the system's tables. Every
 * query is filtered by the tenant and, for dated facts, by
 * {@link EffectiveDating#inForce}.
 */
@Service
@Transactional(readOnly = true)
public class Directory {

	private final JdbcClient jdbc;

	Directory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * People currently in the system whose name or job title matches, for a respondent
	 * picking the people they work with (no contact details), leaving out one person (the
	 * respondent).
	 */
	@Transactional(readOnly = true)
	public List<Views.RosterEntry> roster(long tenantId, String query, long exceptPersonId, int limit) {
		if (query == null || query.strip().length() < 2) {
			return List.of();
		}
		Map<String, Object> params = Map.of("t", tenantId, "q", EffectiveDating.like(query.strip()), "limit", limit,
				"d", Date.valueOf(LocalDate.now()), "x", exceptPersonId);
		return this.jdbc.sql("""
				select p.id as person_id, p.name, p.job_title, o.id as organisation_id, o.name as organisation_name
				from person p
				join organisation_membership m on m.person_id = p.id and m.tenant_id = :t and %s
				join organisation o on o.id = m.organisation_id
				where p.tenant_id = :t and p.id <> :x
				  and (lower(p.name) like :q or lower(p.job_title) like :q or lower(o.name) like :q)
				order by p.name, p.id, o.name limit :limit""".formatted(EffectiveDating.inForce("m")))
			.params(params)
			.query((rs, n) -> new Views.RosterEntry(rs.getLong("person_id"), rs.getString("name"),
					rs.getString("job_title"), rs.getLong("organisation_id"), rs.getString("organisation_name")))
			.list();
	}

	/** Roster entries for the given people (their first current organisation). */
	@Transactional(readOnly = true)
	public Map<Long, Views.RosterEntry> rosterEntries(long tenantId, Collection<Long> personIds) {
		Map<Long, Views.RosterEntry> out = new LinkedHashMap<>();
		if (personIds.isEmpty()) {
			return out;
		}
		this.jdbc
			.sql("""
					select p.id as person_id, p.name, p.job_title, o.id as organisation_id, o.name as organisation_name
					from person p
					left join organisation_membership m on m.person_id = p.id and m.tenant_id = :t and %s
					left join organisation o on o.id = m.organisation_id
					where p.tenant_id = :t and p.id in (:ids) order by p.name, o.name"""
				.formatted(EffectiveDating.inForce("m")))
			.params(Map.of("t", tenantId, "ids", personIds, "d", Date.valueOf(LocalDate.now())))
			.query(rs -> {
				long personId = rs.getLong("person_id");
				out.putIfAbsent(personId,
						new Views.RosterEntry(personId, rs.getString("name"), rs.getString("job_title"),
								rs.getObject("organisation_id", Long.class), rs.getString("organisation_name")));
			});
		return out;
	}

	/**
	 * Every person of the tenant with their attributes on a date (first current
	 * organisation by name, first place by name), for network and other analyses. One
	 * query per attribute.
	 */
	public List<Views.PersonAttributes> personAttributes(long tenantId, LocalDate asOf) {
		Map<String, Object> params = Map.of("t", tenantId, "d", Date.valueOf(asOf));
		Map<Long, String[]> organisation = new HashMap<>();
		this.jdbc.sql("""
				select m.person_id, o.name as organisation_name, o.sector
				from organisation_membership m join organisation o on o.id = m.organisation_id
				where m.tenant_id = :t and %s and %s
				order by o.name desc""".formatted(EffectiveDating.inForce("m"), EffectiveDating.inForce("o")))
			.params(params)
			.query(rs -> {
				organisation.put(rs.getLong("person_id"),
						new String[] { rs.getString("organisation_name"), rs.getString("sector") });
			});
		Map<Long, String> place = new HashMap<>();
		this.jdbc.sql("""
				select pp.person_id,
				  case when p.level_key = 'NEIGHBOURHOOD' and q.name is not null then q.name else p.name end
				    as place_name
				from person_place pp join place p on p.id = pp.place_id left join place q on q.id = p.parent_id
				where pp.tenant_id = :t and %s
				order by place_name desc""".formatted(EffectiveDating.inForce("pp"))).params(params).query(rs -> {
			place.put(rs.getLong("person_id"), rs.getString("place_name"));
		});
		return this.jdbc
			.sql("select id, external_id, name, staff_group, seniority from person where tenant_id = :t order by id")
			.params(params)
			.query((rs, n) -> {
				long id = rs.getLong("id");
				String[] org = organisation.get(id);
				Sector sector = org == null ? null : Sector.valueOf(org[1]);
				return new Views.PersonAttributes(id, rs.getString("external_id"), rs.getString("name"),
						org == null ? null : org[0], sector == null ? null : sector.label(),
						sector == null ? null : sector.key(), place.get(id),
						StaffGroup.valueOf(rs.getString("staff_group")).label(),
						Seniority.valueOf(rs.getString("seniority")).label());
			})
			.list();
	}

	/**
	 * Every person's survey profile on a date (see {@link Views.Profile}). One query per
	 * attribute; fine for a whole ICS.
	 */
	@Transactional(readOnly = true)
	public Map<Long, Views.Profile> profiles(long tenantId, LocalDate asOf) {
		return profiles(tenantId, asOf, null);
	}

	/**
	 * Every person of the tenant by their own identifier ({@code person_id} in files).
	 */
	@Transactional(readOnly = true)
	public Map<String, Long> personIdsByExternalId(long tenantId) {
		Map<String, Long> ids = new HashMap<>();
		this.jdbc.sql("select external_id, id from person where tenant_id = :t").param("t", tenantId).query(rs -> {
			ids.put(rs.getString("external_id"), rs.getLong("id"));
		});
		return ids;
	}

	/**
	 * Every organisation of the tenant by its own identifier ({@code organisation_id} in
	 * files).
	 */
	@Transactional(readOnly = true)
	public Map<String, Long> organisationIdsByExternalId(long tenantId) {
		Map<String, Long> ids = new HashMap<>();
		this.jdbc.sql("select external_id, id from organisation where tenant_id = :t")
			.param("t", tenantId)
			.query(rs -> {
				ids.put(rs.getString("external_id"), rs.getLong("id"));
			});
		return ids;
	}

	/** The person in the system model with this e-mail address (case ignored), if one. */
	@Transactional(readOnly = true)
	public Optional<Long> personByEmail(long tenantId, String email) {
		if (email == null || email.isBlank()) {
			return Optional.empty();
		}
		List<Long> ids = this.jdbc.sql("select id from person where tenant_id = :t and lower(email) = :e order by id")
			.param("t", tenantId)
			.param("e", email.strip().toLowerCase(Locale.ROOT))
			.query(Long.class)
			.list();
		return ids.size() == 1 ? Optional.of(ids.get(0)) : Optional.empty();
	}

	/** One person's survey profile on a date, if they exist. */
	@Transactional(readOnly = true)
	public Optional<Views.Profile> profile(long tenantId, long personId, LocalDate asOf) {
		return Optional.ofNullable(profiles(tenantId, asOf, personId).get(personId));
	}

	private Map<Long, Views.Profile> profiles(long tenantId, LocalDate asOf, Long only) {
		Map<String, Object> params = new HashMap<>(Map.of("t", tenantId, "d", Date.valueOf(asOf)));
		params.put("p", only == null ? -1L : only);
		Map<Long, Object[]> organisation = new HashMap<>();
		this.jdbc
			.sql("""
					select m.person_id, o.id as organisation_id, o.sector
					from organisation_membership m join organisation o on o.id = m.organisation_id
					where m.tenant_id = :t and %s and %s%s
					order by o.name desc""".formatted(EffectiveDating.inForce("m"), EffectiveDating.inForce("o"),
					onlyPerson(only, "m")))
			.params(params)
			.query(rs -> {
				organisation.put(rs.getLong("person_id"),
						new Object[] { rs.getLong("organisation_id"), rs.getString("sector") });
			});
		Map<Long, Object[]> place = new HashMap<>();
		this.jdbc
			.sql("""
					select pp.person_id, p.id as place_id, p.level_key, p.parent_id
					from person_place pp join place p on p.id = pp.place_id
					where pp.tenant_id = :t and %s and %s%s
					order by p.name desc""".formatted(EffectiveDating.inForce("pp"), EffectiveDating.inForce("p"),
					onlyPerson(only, "pp")))
			.params(params)
			.query(rs -> {
				place.put(rs.getLong("person_id"), new Object[] { rs.getLong("place_id"), rs.getString("level_key"),
						rs.getObject("parent_id", Long.class) });
			});
		Map<Long, Set<Long>> bodies = new HashMap<>();
		this.jdbc
			.sql("""
					select gm.person_id, gm.body_id
					from governance_membership gm join governance_body b on b.id = gm.body_id
					where gm.tenant_id = :t and %s and %s%s""".formatted(EffectiveDating.inForce("gm"),
					EffectiveDating.inForce("b"), onlyPerson(only, "gm")))
			.params(params)
			.query(rs -> {
				bodies.computeIfAbsent(rs.getLong("person_id"), k -> new TreeSet<>()).add(rs.getLong("body_id"));
			});
		Map<Long, Views.Profile> out = new LinkedHashMap<>();
		this.jdbc
			.sql("select id, name, email, staff_group, seniority from person where tenant_id = :t"
					+ (only == null ? "" : " and id = :p") + " order by id")
			.params(params)
			.query(rs -> {
				long id = rs.getLong("id");
				Object[] org = organisation.get(id);
				Object[] pl = place.get(id);
				Long placeId = null;
				Long neighbourhoodId = null;
				String level = null;
				if (pl != null) {
					level = (String) pl[1];
					if ("NEIGHBOURHOOD".equals(level) && pl[2] != null) {
						neighbourhoodId = (Long) pl[0];
						placeId = (Long) pl[2];
					}
					else {
						placeId = (Long) pl[0];
					}
				}
				out.put(id, new Views.Profile(id, rs.getString("name"), rs.getString("email"), placeId, neighbourhoodId,
						org == null ? null : (Long) org[0], org == null ? null : (String) org[1], level,
						rs.getString("staff_group"), rs.getString("seniority"), bodies.getOrDefault(id, Set.of())));
			});
		return out;
	}

	/**
	 * SQL condition on the person of the row with alias {@code a}: only {@code :p} when
	 * reading one person's profile, nothing otherwise.
	 */
	private static String onlyPerson(Long only, String a) {
		return only == null ? " " : " and " + a + ".person_id = :p ";
	}

	/** Names of every place, organisation and governance body the tenant has recorded. */
	@Transactional(readOnly = true)
	public Views.Names names(long tenantId) {
		Map<Long, String> places = new LinkedHashMap<>();
		this.jdbc.sql("select id, name from place where tenant_id = :t order by name")
			.param("t", tenantId)
			.query(rs -> {
				places.put(rs.getLong("id"), rs.getString("name"));
			});
		Map<Long, String> organisations = new LinkedHashMap<>();
		this.jdbc.sql("select id, name from organisation where tenant_id = :t order by name")
			.param("t", tenantId)
			.query(rs -> {
				organisations.put(rs.getLong("id"), rs.getString("name"));
			});
		Map<Long, String> bodies = new LinkedHashMap<>();
		this.jdbc.sql("select id, name from governance_body where tenant_id = :t order by name")
			.param("t", tenantId)
			.query(rs -> {
				bodies.put(rs.getLong("id"), rs.getString("name"));
			});
		return new Views.Names(places, organisations, bodies);
	}

	/**
	 * The names of every person and organisation the tenant has ever recorded (past ones
	 * too), for redacting them from interview transcripts.
	 */
	public Views.KnownNames knownNames(long tenantId) {
		List<String> people = this.jdbc.sql("select distinct name from person where tenant_id = :t")
			.param("t", tenantId)
			.query(String.class)
			.list();
		List<String> organisations = this.jdbc.sql("select distinct name from organisation where tenant_id = :t")
			.param("t", tenantId)
			.query(String.class)
			.list();
		return new Views.KnownNames(people, organisations);
	}

	/**
	 * How many times the tenant's system model has changed (imports, renamed levels): a
	 * cache of anything computed from people's groups keys on it, so no instance serves a
	 * view from before a change (see {@link app.balcony.system.SystemModelChanged}).
	 */
	public long version(long tenantId) {
		return this.jdbc.sql("select count(*) from system_model_change where tenant_id = :t")
			.param("t", tenantId)
			.query(Long.class)
			.single();
	}

}
