package app.balcony.system;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import app.balcony.identity.AuditLog;
import app.balcony.identity.BalconyUser;
import app.balcony.shared.NotFoundException;
import app.balcony.shared.PageResult;
import app.balcony.system.Views.BodyDetail;
import app.balcony.system.Views.BodySummary;
import app.balcony.system.Views.Count;
import app.balcony.system.Views.HierarchyNode;
import app.balcony.system.Views.MemberView;
import app.balcony.system.Views.MembershipView;
import app.balcony.system.Views.OrganisationDetail;
import app.balcony.system.Views.OrganisationSummary;
import app.balcony.system.Views.Overview;
import app.balcony.system.Views.PersonDetail;
import app.balcony.system.Views.PersonSummary;
import app.balcony.system.Views.PlaceDetail;
import app.balcony.system.Views.PlaceSummary;
import app.balcony.system.Views.PlaceWithCounts;
import app.balcony.system.Views.Restructure;
import app.balcony.system.Views.SearchResults;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the system model for one tenant "as of" a date. Every query is filtered by the
 * caller's tenant, so an identifier from another tenant is simply not found (404), and
 * every structural fact is filtered by its validity period. Contact details are only
 * returned to roles allowed to see them, and opening a person's record is audited.
 */
@Service
@Transactional(readOnly = true)
public class SystemQueries {

	/** SQL condition: row alias {@code a} is in force on {@code :d}. */
	private static String valid(String a) {
		return EffectiveDating.inForce(a);
	}

	private final JdbcClient jdbc;

	private final LevelNames levelNames;

	private final AuditLog audit;

	SystemQueries(JdbcClient jdbc, LevelNames levelNames, AuditLog audit) {
		this.jdbc = jdbc;
		this.levelNames = levelNames;
		this.audit = audit;
	}

	public Overview overview(long tenantId, LocalDate asOf) {
		Map<Level, String> names = this.levelNames.names(tenantId);
		RowMapper<PlaceSummary> placeMapper = placeMapper(names);
		Date d = Date.valueOf(asOf);
		List<PlaceSummary> current = this.jdbc
			.sql("select * from place p where p.tenant_id = :t and" + valid("p") + "order by p.name")
			.param("t", tenantId)
			.param("d", d)
			.query(placeMapper)
			.list();
		PlaceSummary system = current.stream().filter(p -> p.level() == Level.SYSTEM).findFirst().orElse(null);
		Map<Long, Long> neighbourhoodsByPlace = new HashMap<>();
		this.jdbc.sql(
				"select p.parent_id, count(*) from place p where p.tenant_id = :t and p.level_key = 'NEIGHBOURHOOD' and"
						+ valid("p") + "group by p.parent_id")
			.param("t", tenantId)
			.param("d", d)
			.query((rs, n) -> neighbourhoodsByPlace.put(rs.getLong(1), rs.getLong(2)))
			.list();
		Map<Long, Long> organisationsByPlace = new HashMap<>();
		this.jdbc.sql(
				"select op.place_id, count(distinct o.id) from organisation_place op join organisation o on o.id = op.organisation_id "
						+ "where op.tenant_id = :t and" + valid("op") + "and" + valid("o") + "group by op.place_id")
			.param("t", tenantId)
			.param("d", d)
			.query((rs, n) -> organisationsByPlace.put(rs.getLong(1), rs.getLong(2)))
			.list();
		List<PlaceWithCounts> places = current.stream()
			.filter(p -> p.level() == Level.PLACE)
			.map(p -> new PlaceWithCounts(p, neighbourhoodsByPlace.getOrDefault(p.id(), 0L),
					organisationsByPlace.getOrDefault(p.id(), 0L)))
			.toList();
		long neighbourhoods = current.stream().filter(p -> p.level() == Level.NEIGHBOURHOOD).count();

		Map<String, Long> bySector = counts("select o.sector, count(*) from organisation o where o.tenant_id = :t and"
				+ valid("o") + "group by o.sector", tenantId, d);
		List<Count> organisationsBySector = Arrays.stream(Sector.values())
			.filter(s -> bySector.containsKey(s.name()))
			.map(s -> new Count(s.key(), s.label(), bySector.get(s.name())))
			.toList();
		String peopleInForce = "select distinct m.person_id from organisation_membership m join organisation o on o.id = m.organisation_id "
				+ "where m.tenant_id = :t and" + valid("m") + "and" + valid("o");
		Map<String, Long> byStaffGroup = counts("select p.staff_group, count(*) from person p where p.id in ("
				+ peopleInForce + ") group by p.staff_group", tenantId, d);
		List<Count> peopleByStaffGroup = Arrays.stream(StaffGroup.values())
			.map(s -> new Count(s.key(), s.label(), byStaffGroup.getOrDefault(s.name(), 0L)))
			.toList();
		Map<String, Long> bySeniority = counts(
				"select p.seniority, count(*) from person p where p.id in (" + peopleInForce + ") group by p.seniority",
				tenantId, d);
		List<Count> peopleBySeniority = Arrays.stream(Seniority.values())
			.map(s -> new Count(s.key(), s.label(), bySeniority.getOrDefault(s.name(), 0L)))
			.toList();
		Map<String, Long> byType = counts(
				"select b.body_type, count(*) from governance_body b where b.tenant_id = :t and" + valid("b")
						+ "group by b.body_type",
				tenantId, d);
		List<Count> bodiesByType = Arrays.stream(GovernanceType.values())
			.filter(g -> byType.containsKey(g.name()))
			.map(g -> new Count(g.key(), g.label(), byType.get(g.name())))
			.toList();
		long people = peopleByStaffGroup.stream().mapToLong(Count::count).sum();
		return new Overview(asOf, names.get(Level.SYSTEM), names.get(Level.PLACE), names.get(Level.NEIGHBOURHOOD),
				system, places, neighbourhoods, organisationsBySector.stream().mapToLong(Count::count).sum(), people,
				bodiesByType.stream().mapToLong(Count::count).sum(), organisationsBySector, peopleByStaffGroup,
				peopleBySeniority, bodiesByType,
				restructures(tenantId).stream().filter(r -> !r.date().isAfter(asOf)).toList());
	}

	/** Every restructure in the tenant's history, newest first. */
	public List<Restructure> restructures(long tenantId) {
		Map<String, Restructure> grouped = new LinkedHashMap<>();
		for (String kind : List.of("place", "organisation")) {
			this.jdbc
				.sql("select s.effective, a.name, b.name from " + kind + "_succession s join " + kind
						+ " a on a.id = s.predecessor_id join " + kind
						+ " b on b.id = s.successor_id where s.tenant_id = :t order by s.effective, a.name, b.name")
				.param("t", tenantId)
				.query((rs, n) -> {
					LocalDate date = rs.getDate(1).toLocalDate();
					Restructure r = grouped.computeIfAbsent(kind + date + rs.getString(2),
							k -> new Restructure(date, kind, new ArrayList<>(), new ArrayList<>()));
					if (!r.before().contains(rs.getString(2))) {
						r.before().add(rs.getString(2));
					}
					if (!r.after().contains(rs.getString(3))) {
						r.after().add(rs.getString(3));
					}
					return r;
				})
				.list();
		}
		// Merge groups that share a predecessor or successor on the same date (a split, a
		// merger).
		List<Restructure> merged = new ArrayList<>();
		for (Restructure r : grouped.values()) {
			Restructure into = merged.stream()
				.filter(m -> m.kind().equals(r.kind()) && m.date().equals(r.date())
						&& (m.before().stream().anyMatch(r.before()::contains)
								|| m.after().stream().anyMatch(r.after()::contains)))
				.findFirst()
				.orElse(null);
			if (into == null) {
				merged.add(r);
			}
			else {
				r.before().stream().filter(x -> !into.before().contains(x)).forEach(into.before()::add);
				r.after().stream().filter(x -> !into.after().contains(x)).forEach(into.after()::add);
			}
		}
		merged.sort(Comparator.comparing(Restructure::date).reversed());
		return merged;
	}

	public PlaceDetail place(long tenantId, long placeId, LocalDate asOf) {
		Map<Level, String> names = this.levelNames.names(tenantId);
		RowMapper<PlaceSummary> mapper = placeMapper(names);
		Date d = Date.valueOf(asOf);
		PlaceSummary place = this.jdbc.sql("select * from place p where p.id = :id and p.tenant_id = :t")
			.param("id", placeId)
			.param("t", tenantId)
			.query(mapper)
			.optional()
			.orElseThrow(() -> new NotFoundException("Place"));
		PlaceSummary parent = this.jdbc
			.sql("select q.* from place p join place q on q.id = p.parent_id where p.id = :id and p.tenant_id = :t")
			.param("id", placeId)
			.param("t", tenantId)
			.query(mapper)
			.optional()
			.orElse(null);
		List<PlaceSummary> children = this.jdbc
			.sql("select * from place p where p.parent_id = :id and p.tenant_id = :t and" + valid("p")
					+ "order by p.name")
			.param("id", placeId)
			.param("t", tenantId)
			.param("d", d)
			.query(mapper)
			.list();
		List<OrganisationSummary> organisations = this.jdbc
			.sql("select o.* from organisation o join organisation_place op on op.organisation_id = o.id "
					+ "where op.place_id = :id and o.tenant_id = :t and" + valid("op") + "and" + valid("o")
					+ "order by o.sector, o.name")
			.param("id", placeId)
			.param("t", tenantId)
			.param("d", d)
			.query(SystemQueries::organisation)
			.list();
		List<BodySummary> bodies = this.jdbc
			.sql("select b.*, p.name as place_name from governance_body b left join place p on p.id = b.place_id "
					+ "where b.place_id = :id and b.tenant_id = :t and" + valid("b") + "order by b.name")
			.param("id", placeId)
			.param("t", tenantId)
			.param("d", d)
			.query(SystemQueries::body)
			.list();
		List<PlaceSummary> predecessors = this.jdbc.sql(
				"select p.* from place_succession s join place p on p.id = s.predecessor_id where s.successor_id = :id and s.tenant_id = :t order by p.name")
			.param("id", placeId)
			.param("t", tenantId)
			.query(mapper)
			.list();
		List<PlaceSummary> successors = this.jdbc.sql(
				"select p.* from place_succession s join place p on p.id = s.successor_id where s.predecessor_id = :id and s.tenant_id = :t order by p.name")
			.param("id", placeId)
			.param("t", tenantId)
			.query(mapper)
			.list();
		long people = this.jdbc
			.sql("select count(distinct pp.person_id) from person_place pp join place p on p.id = pp.place_id "
					+ "where pp.tenant_id = :t and" + valid("pp") + "and (p.id = :id or p.parent_id = :id)")
			.param("id", placeId)
			.param("t", tenantId)
			.param("d", d)
			.query(Long.class)
			.single();
		return new PlaceDetail(asOf, place, parent, children, organisations, bodies, predecessors, successors, people);
	}

	public List<PlaceSummary> places(long tenantId, LocalDate asOf, Level level) {
		Map<Level, String> names = this.levelNames.names(tenantId);
		String levelFilter = level == null ? "" : " and p.level_key = :level";
		var spec = this.jdbc
			.sql("select * from place p where p.tenant_id = :t and" + valid("p") + levelFilter
					+ " order by p.level_key, p.name")
			.param("t", tenantId)
			.param("d", Date.valueOf(asOf));
		if (level != null) {
			spec = spec.param("level", level.name());
		}
		return spec.query(placeMapper(names)).list();
	}

	public PageResult<OrganisationSummary> organisations(long tenantId, LocalDate asOf, Sector sector, String query,
			int page, int size) {
		StringBuilder where = new StringBuilder(" where o.tenant_id = :t and" + valid("o"));
		Map<String, Object> params = new HashMap<>();
		params.put("t", tenantId);
		params.put("d", Date.valueOf(asOf));
		if (sector != null) {
			where.append(" and o.sector = :sector");
			params.put("sector", sector.name());
		}
		if (query != null && !query.isBlank()) {
			where.append(" and lower(o.name) like :q");
			params.put("q", like(query));
		}
		long total = this.jdbc.sql("select count(*) from organisation o" + where)
			.params(params)
			.query(Long.class)
			.single();
		params.put("limit", size);
		params.put("offset", (long) page * size);
		List<OrganisationSummary> items = this.jdbc
			.sql("select o.* from organisation o" + where + " order by o.name limit :limit offset :offset")
			.params(params)
			.query(SystemQueries::organisation)
			.list();
		return new PageResult<>(items, page, size, total);
	}

	public OrganisationDetail organisation(long tenantId, long organisationId, LocalDate asOf, int page, int size) {
		Map<Level, String> names = this.levelNames.names(tenantId);
		Date d = Date.valueOf(asOf);
		OrganisationSummary organisation = this.jdbc
			.sql("select o.* from organisation o where o.id = :id and o.tenant_id = :t")
			.param("id", organisationId)
			.param("t", tenantId)
			.query(SystemQueries::organisation)
			.optional()
			.orElseThrow(() -> new NotFoundException("Organisation"));
		OrganisationSummary parent = this.jdbc.sql(
				"select q.* from organisation o join organisation q on q.id = o.parent_id where o.id = :id and o.tenant_id = :t")
			.param("id", organisationId)
			.param("t", tenantId)
			.query(SystemQueries::organisation)
			.optional()
			.orElse(null);
		List<OrganisationSummary> children = this.jdbc
			.sql("select o.* from organisation o where o.parent_id = :id and o.tenant_id = :t and" + valid("o")
					+ "order by o.name")
			.param("id", organisationId)
			.param("t", tenantId)
			.param("d", d)
			.query(SystemQueries::organisation)
			.list();
		List<PlaceSummary> placesServed = this.jdbc.sql(
				"select p.* from place p join organisation_place op on op.place_id = p.id where op.organisation_id = :id "
						+ "and op.tenant_id = :t and" + valid("op") + "order by p.level_key, p.name")
			.param("id", organisationId)
			.param("t", tenantId)
			.param("d", d)
			.query(placeMapper(names))
			.list();
		String members = " from organisation_membership m join person p on p.id = m.person_id where m.organisation_id = :id and m.tenant_id = :t and"
				+ valid("m");
		long total = this.jdbc.sql("select count(*)" + members)
			.param("id", organisationId)
			.param("t", tenantId)
			.param("d", d)
			.query(Long.class)
			.single();
		List<MemberView> memberList = this.jdbc
			.sql("select p.id, p.name, p.job_title, m.role, m.valid_from, m.valid_to" + members
					+ " order by p.name limit :limit offset :offset")
			.param("id", organisationId)
			.param("t", tenantId)
			.param("d", d)
			.param("limit", size)
			.param("offset", (long) page * size)
			.query(SystemQueries::member)
			.list();
		List<OrganisationSummary> predecessors = this.jdbc.sql(
				"select o.* from organisation_succession s join organisation o on o.id = s.predecessor_id where s.successor_id = :id and s.tenant_id = :t order by o.name")
			.param("id", organisationId)
			.param("t", tenantId)
			.query(SystemQueries::organisation)
			.list();
		List<OrganisationSummary> successors = this.jdbc.sql(
				"select o.* from organisation_succession s join organisation o on o.id = s.successor_id where s.predecessor_id = :id and s.tenant_id = :t order by o.name")
			.param("id", organisationId)
			.param("t", tenantId)
			.query(SystemQueries::organisation)
			.list();
		return new OrganisationDetail(asOf, organisation, parent, children, placesServed,
				new PageResult<>(memberList, page, size, total), predecessors, successors);
	}

	public PageResult<PersonSummary> people(BalconyUser viewer, String query, Long organisationId,
			StaffGroup staffGroup, Seniority seniority, int page, int size) {
		StringBuilder where = new StringBuilder(" where p.tenant_id = :t");
		Map<String, Object> params = new HashMap<>();
		params.put("t", viewer.tenantId());
		params.put("d", Date.valueOf(LocalDate.now()));
		if (query != null && !query.isBlank()) {
			where.append(" and (lower(p.name) like :q or lower(p.job_title) like :q)");
			params.put("q", like(query));
		}
		if (organisationId != null) {
			where.append(
					" and p.id in (select m.person_id from organisation_membership m where m.organisation_id = :org and m.tenant_id = :t and"
							+ valid("m") + ")");
			params.put("org", organisationId);
		}
		if (staffGroup != null) {
			where.append(" and p.staff_group = :sg");
			params.put("sg", staffGroup.name());
		}
		if (seniority != null) {
			where.append(" and p.seniority = :sen");
			params.put("sen", seniority.name());
		}
		long total = this.jdbc.sql("select count(*) from person p" + where).params(params).query(Long.class).single();
		params.put("limit", size);
		params.put("offset", (long) page * size);
		boolean contact = viewer.role().seesContactDetails();
		List<PersonSummary> items = this.jdbc.sql(
				"select p.*, (select min(o.name) from organisation_membership m join organisation o on o.id = m.organisation_id "
						+ "where m.person_id = p.id and" + valid("m") + ") as organisation from person p" + where
						+ " order by p.name, p.id limit :limit offset :offset")
			.params(params)
			.query((rs, n) -> person(rs, contact))
			.list();
		return new PageResult<>(items, page, size, total);
	}

	/**
	 * A person's record with their memberships over time. Audited: it is identifiable
	 * data.
	 */
	@Transactional
	public PersonDetail person(BalconyUser viewer, long personId) {
		long tenantId = viewer.tenantId();
		Map<String, Object> params = Map.of("id", personId, "t", tenantId, "d", Date.valueOf(LocalDate.now()));
		boolean contact = viewer.role().seesContactDetails();
		PersonSummary person = this.jdbc.sql(
				"select p.*, (select min(o.name) from organisation_membership m join organisation o on o.id = m.organisation_id "
						+ "where m.person_id = p.id and" + valid("m")
						+ ") as organisation from person p where p.id = :id and p.tenant_id = :t")
			.params(params)
			.query((rs, n) -> person(rs, contact))
			.optional()
			.orElseThrow(() -> new NotFoundException("Person"));
		List<MembershipView> organisations = this.jdbc
			.sql("select o.id, o.name, m.role, m.valid_from, m.valid_to, case when" + valid("m")
					+ "then 1 else 0 end as current_flag from organisation_membership m join organisation o on o.id = m.organisation_id "
					+ "where m.person_id = :id and m.tenant_id = :t order by m.valid_from desc")
			.params(params)
			.query(SystemQueries::membership)
			.list();
		List<MembershipView> bodies = this.jdbc.sql("select b.id, b.name, m.role, m.valid_from, m.valid_to, case when"
				+ valid("m")
				+ "then 1 else 0 end as current_flag from governance_membership m join governance_body b on b.id = m.body_id "
				+ "where m.person_id = :id and m.tenant_id = :t order by m.valid_from desc")
			.params(params)
			.query(SystemQueries::membership)
			.list();
		List<PlaceSummary> places = this.jdbc.sql(
				"select p.* from place p join person_place pp on pp.place_id = p.id where pp.person_id = :id and pp.tenant_id = :t and"
						+ valid("pp") + "order by p.name")
			.params(params)
			.query(placeMapper(this.levelNames.names(tenantId)))
			.list();
		this.audit.record(tenantId, viewer.getUsername(), "PERSON_VIEWED", "person " + person.externalId(), null);
		return new PersonDetail(person, organisations, bodies, places);
	}

	public List<BodySummary> governanceBodies(long tenantId, LocalDate asOf) {
		return this.jdbc
			.sql("select b.*, p.name as place_name from governance_body b left join place p on p.id = b.place_id "
					+ "where b.tenant_id = :t and" + valid("b") + "order by b.body_type, b.name")
			.param("t", tenantId)
			.param("d", Date.valueOf(asOf))
			.query(SystemQueries::body)
			.list();
	}

	public BodyDetail governanceBody(long tenantId, long bodyId, LocalDate asOf) {
		Date d = Date.valueOf(asOf);
		BodySummary body = this.jdbc
			.sql("select b.*, p.name as place_name from governance_body b left join place p on p.id = b.place_id "
					+ "where b.id = :id and b.tenant_id = :t")
			.param("id", bodyId)
			.param("t", tenantId)
			.query(SystemQueries::body)
			.optional()
			.orElseThrow(() -> new NotFoundException("Governance body"));
		List<MemberView> members = this.jdbc
			.sql("select p.id, p.name, p.job_title, m.role, m.valid_from, m.valid_to from governance_membership m "
					+ "join person p on p.id = m.person_id where m.body_id = :id and m.tenant_id = :t and" + valid("m")
					+ "order by case when lower(m.role) like '%chair%' then 0 else 1 end, p.name")
			.param("id", bodyId)
			.param("t", tenantId)
			.param("d", d)
			.query(SystemQueries::member)
			.list();
		return new BodyDetail(asOf, body, members);
	}

	/**
	 * The map of the hierarchy as of a date: system, its places, their neighbourhoods,
	 * each with the organisations that serve it. Places whose parent is not in force are
	 * shown at the top.
	 */
	public List<HierarchyNode> hierarchy(long tenantId, LocalDate asOf) {
		Map<Level, String> names = this.levelNames.names(tenantId);
		Date d = Date.valueOf(asOf);
		Map<Long, Long> parents = new HashMap<>();
		List<PlaceSummary> places = this.jdbc
			.sql("select * from place p where p.tenant_id = :t and" + valid("p") + "order by p.name")
			.param("t", tenantId)
			.param("d", d)
			.query((rs, n) -> {
				long parent = rs.getLong("parent_id");
				if (!rs.wasNull()) {
					parents.put(rs.getLong("id"), parent);
				}
				return placeMapper(names).mapRow(rs, n);
			})
			.list();
		Map<Long, List<OrganisationSummary>> organisations = new HashMap<>();
		this.jdbc
			.sql("select op.place_id, o.* from organisation o join organisation_place op on op.organisation_id = o.id "
					+ "where o.tenant_id = :t and" + valid("op") + "and" + valid("o") + "order by o.sector, o.name")
			.param("t", tenantId)
			.param("d", d)
			.query((rs, n) -> organisations.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
				.add(organisation(rs, n)))
			.list();
		Map<Long, PlaceSummary> byId = new HashMap<>();
		places.forEach(p -> byId.put(p.id(), p));
		Map<Long, List<PlaceSummary>> children = new HashMap<>();
		List<PlaceSummary> roots = new ArrayList<>();
		for (PlaceSummary place : places) {
			Long parent = parents.get(place.id());
			if (parent != null && byId.containsKey(parent)) {
				children.computeIfAbsent(parent, k -> new ArrayList<>()).add(place);
			}
			else {
				roots.add(place);
			}
		}
		return roots.stream().map(root -> node(root, children, organisations)).toList();
	}

	private HierarchyNode node(PlaceSummary place, Map<Long, List<PlaceSummary>> children,
			Map<Long, List<OrganisationSummary>> organisations) {
		return new HierarchyNode(place, organisations.getOrDefault(place.id(), List.of()),
				children.getOrDefault(place.id(), List.of())
					.stream()
					.map(c -> node(c, children, organisations))
					.toList());
	}

	public SearchResults search(BalconyUser viewer, String query, int limit) {
		if (query == null || query.isBlank()) {
			return new SearchResults("", List.of(), List.of(), List.of(), List.of());
		}
		long tenantId = viewer.tenantId();
		Map<String, Object> params = Map.of("t", tenantId, "q", like(query), "limit", limit, "d",
				Date.valueOf(LocalDate.now()));
		List<PlaceSummary> places = this.jdbc.sql(
				"select * from place p where p.tenant_id = :t and (lower(p.name) like :q or lower(p.external_id) like :q) order by p.name limit :limit")
			.params(params)
			.query(placeMapper(this.levelNames.names(tenantId)))
			.list();
		List<OrganisationSummary> organisations = this.jdbc.sql(
				"select * from organisation o where o.tenant_id = :t and (lower(o.name) like :q or lower(o.external_id) like :q) order by o.name limit :limit")
			.params(params)
			.query(SystemQueries::organisation)
			.list();
		boolean contact = viewer.role().seesContactDetails();
		List<PersonSummary> people = this.jdbc.sql(
				"select p.*, (select min(o.name) from organisation_membership m join organisation o on o.id = m.organisation_id "
						+ "where m.person_id = p.id and" + valid("m")
						+ ") as organisation from person p where p.tenant_id = :t "
						+ "and (lower(p.name) like :q or lower(p.job_title) like :q) order by p.name limit :limit")
			.params(params)
			.query((rs, n) -> person(rs, contact))
			.list();
		List<BodySummary> bodies = this.jdbc
			.sql("select b.*, p.name as place_name from governance_body b left join place p on p.id = b.place_id "
					+ "where b.tenant_id = :t and lower(b.name) like :q order by b.name limit :limit")
			.params(params)
			.query(SystemQueries::body)
			.list();
		return new SearchResults(query.trim(), places, organisations, people, bodies);
	}

	private Map<String, Long> counts(String sql, long tenantId, Date d) {
		Map<String, Long> counts = new HashMap<>();
		this.jdbc.sql(sql)
			.param("t", tenantId)
			.param("d", d)
			.query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2)))
			.list();
		return counts;
	}

	private static String like(String query) {
		return EffectiveDating.like(query);
	}

	private static RowMapper<PlaceSummary> placeMapper(Map<Level, String> names) {
		return (rs, n) -> {
			Level level = Level.valueOf(rs.getString("level_key"));
			int population = rs.getInt("population");
			return new PlaceSummary(rs.getLong("id"), rs.getString("external_id"), rs.getString("name"), level,
					names.get(level), rs.wasNull() ? null : population, date(rs, "valid_from"), date(rs, "valid_to"));
		};
	}

	private static OrganisationSummary organisation(ResultSet rs, int n) throws SQLException {
		Sector sector = Sector.valueOf(rs.getString("sector"));
		return new OrganisationSummary(rs.getLong("id"), rs.getString("external_id"), rs.getString("name"), sector,
				sector.label(), sector.group(), date(rs, "valid_from"), date(rs, "valid_to"));
	}

	private static PersonSummary person(ResultSet rs, boolean withContact) throws SQLException {
		return new PersonSummary(rs.getLong("id"), rs.getString("external_id"), rs.getString("name"),
				rs.getString("job_title"), StaffGroup.valueOf(rs.getString("staff_group")),
				Seniority.valueOf(rs.getString("seniority")), withContact ? rs.getString("email") : null,
				rs.getString("organisation"));
	}

	private static BodySummary body(ResultSet rs, int n) throws SQLException {
		GovernanceType type = GovernanceType.valueOf(rs.getString("body_type"));
		long placeId = rs.getLong("place_id");
		return new BodySummary(rs.getLong("id"), rs.getString("external_id"), rs.getString("name"), type, type.label(),
				rs.wasNull() ? null : placeId, rs.getString("place_name"), date(rs, "valid_from"),
				date(rs, "valid_to"));
	}

	private static MemberView member(ResultSet rs, int n) throws SQLException {
		return new MemberView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
				rs.getDate(5).toLocalDate(), rs.getDate(6) == null ? null : rs.getDate(6).toLocalDate());
	}

	private static MembershipView membership(ResultSet rs, int n) throws SQLException {
		return new MembershipView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getDate(4).toLocalDate(),
				rs.getDate(5) == null ? null : rs.getDate(5).toLocalDate(), rs.getInt(6) == 1);
	}

	private static LocalDate date(ResultSet rs, String column) throws SQLException {
		Date date = rs.getDate(column);
		return date == null ? null : date.toLocalDate();
	}

}
