package app.balcony.system;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.balcony.shared.NotFoundException;
import app.balcony.system.Views.BodySummary;
import app.balcony.system.Views.HierarchyNode;
import app.balcony.system.Views.OrganisationSummary;
import app.balcony.system.Views.PlaceDetail;
import app.balcony.system.Views.PlaceSummary;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Places as of a date: one place with its parent, children, the organisations and
 * governance bodies there, its predecessors and successors and how many people work in
 * it; the places of a level; and the hierarchy map. Every statement filters on the
 * tenant; structural facts are read in force on the date through
 * {@link EffectiveDating#inForce}.
 */
final class PlaceQueries {

	private final JdbcClient jdbc;

	private final LevelNames levelNames;

	PlaceQueries(JdbcClient jdbc, LevelNames levelNames) {
		this.jdbc = jdbc;
		this.levelNames = levelNames;
	}

	PlaceDetail place(long tenantId, long placeId, LocalDate asOf) {
		RowMapper<PlaceSummary> mapper = SystemRows.place(this.levelNames.names(tenantId));
		Date d = Date.valueOf(asOf);
		PlaceSummary place = this.jdbc.sql("select * from place p where p.id = :id and p.tenant_id = :t")
			.param("id", placeId)
			.param("t", tenantId)
			.query(mapper)
			.optional()
			.orElseThrow(() -> new NotFoundException("Place"));
		PlaceSummary parent = this.jdbc.sql("""
				select q.* from place p join place q on q.id = p.parent_id where p.id = :id and p.tenant_id = :t""")
			.param("id", placeId)
			.param("t", tenantId)
			.query(mapper)
			.optional()
			.orElse(null);
		List<PlaceSummary> children = this.jdbc.sql("""
				select * from place p where p.parent_id = :id and p.tenant_id = :t and %s
				order by p.name""".formatted(EffectiveDating.inForce("p")))
			.param("id", placeId)
			.param("t", tenantId)
			.param("d", d)
			.query(mapper)
			.list();
		List<OrganisationSummary> organisations = this.jdbc.sql("""
				select o.* from organisation o join organisation_place op on op.organisation_id = o.id
				where op.place_id = :id and o.tenant_id = :t and %s and %s
				order by o.sector, o.name""".formatted(EffectiveDating.inForce("op"), EffectiveDating.inForce("o")))
			.param("id", placeId)
			.param("t", tenantId)
			.param("d", d)
			.query(SystemRows::organisation)
			.list();
		List<BodySummary> bodies = this.jdbc.sql("""
				%s and b.place_id = :id and %s
				order by b.name""".formatted(SystemRows.BODY_WITH_PLACE, EffectiveDating.inForce("b")))
			.param("id", placeId)
			.param("t", tenantId)
			.param("d", d)
			.query(SystemRows::body)
			.list();
		List<PlaceSummary> predecessors = this.jdbc.sql("""
				select p.* from place_succession s join place p on p.id = s.predecessor_id
				where s.successor_id = :id and s.tenant_id = :t order by p.name""")
			.param("id", placeId)
			.param("t", tenantId)
			.query(mapper)
			.list();
		List<PlaceSummary> successors = this.jdbc.sql("""
				select p.* from place_succession s join place p on p.id = s.successor_id
				where s.predecessor_id = :id and s.tenant_id = :t order by p.name""")
			.param("id", placeId)
			.param("t", tenantId)
			.query(mapper)
			.list();
		long people = this.jdbc
			.sql("""
					select count(distinct pp.person_id) from person_place pp join place p on p.id = pp.place_id
					where pp.tenant_id = :t and %s and (p.id = :id or p.parent_id = :id)"""
				.formatted(EffectiveDating.inForce("pp")))
			.param("id", placeId)
			.param("t", tenantId)
			.param("d", d)
			.query(Long.class)
			.single();
		return new PlaceDetail(asOf, place, parent, children, organisations, bodies, predecessors, successors, people);
	}

	List<PlaceSummary> places(long tenantId, LocalDate asOf, Level level) {
		Map<Level, String> names = this.levelNames.names(tenantId);
		String levelFilter = level == null ? "" : " and p.level_key = :level";
		var spec = this.jdbc.sql("""
				select * from place p where p.tenant_id = :t and %s%s
				order by p.level_key, p.name""".formatted(EffectiveDating.inForce("p"), levelFilter))
			.param("t", tenantId)
			.param("d", Date.valueOf(asOf));
		if (level != null) {
			spec = spec.param("level", level.name());
		}
		return spec.query(SystemRows.place(names)).list();
	}

	/**
	 * The map of the hierarchy as of a date: system, its places, their neighbourhoods,
	 * each with the organisations that serve it. Places whose parent is not in force are
	 * shown at the top.
	 */
	List<HierarchyNode> hierarchy(long tenantId, LocalDate asOf) {
		RowMapper<PlaceSummary> mapper = SystemRows.place(this.levelNames.names(tenantId));
		Date d = Date.valueOf(asOf);
		Map<Long, Long> parents = new HashMap<>();
		List<PlaceSummary> places = this.jdbc
			.sql("""
					select * from place p where p.tenant_id = :t and %s order by p.name"""
				.formatted(EffectiveDating.inForce("p")))
			.param("t", tenantId)
			.param("d", d)
			.query((rs, n) -> {
				long parent = rs.getLong("parent_id");
				if (!rs.wasNull()) {
					parents.put(rs.getLong("id"), parent);
				}
				return mapper.mapRow(rs, n);
			})
			.list();
		Map<Long, List<OrganisationSummary>> organisations = new HashMap<>();
		this.jdbc.sql("""
				select op.place_id as served_place_id, o.*
				from organisation o join organisation_place op on op.organisation_id = o.id
				where o.tenant_id = :t and %s and %s
				order by o.sector, o.name""".formatted(EffectiveDating.inForce("op"), EffectiveDating.inForce("o")))
			.param("t", tenantId)
			.param("d", d)
			.query(rs -> {
				organisations.computeIfAbsent(rs.getLong("served_place_id"), k -> new ArrayList<>())
					.add(SystemRows.organisation(rs, 0));
			});
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

	private static HierarchyNode node(PlaceSummary place, Map<Long, List<PlaceSummary>> children,
			Map<Long, List<OrganisationSummary>> organisations) {
		return new HierarchyNode(place, organisations.getOrDefault(place.id(), List.of()),
				children.getOrDefault(place.id(), List.of())
					.stream()
					.map(c -> node(c, children, organisations))
					.toList());
	}

}
