package app.balcony.system;

import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.balcony.shared.NotFoundException;
import app.balcony.shared.PageResult;
import app.balcony.system.Views.MemberView;
import app.balcony.system.Views.OrganisationDetail;
import app.balcony.system.Views.OrganisationSummary;
import app.balcony.system.Views.PlaceSummary;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Organisations as of a date: a page of them by sector and name, and one organisation
 * with its parent, children, the places it serves, a page of its members, its
 * predecessors and successors. Every statement filters on the tenant; structural facts
 * are read in force on the date through {@link EffectiveDating#inForce}.
 */
final class OrganisationQueries {

	private final JdbcClient jdbc;

	private final LevelNames levelNames;

	OrganisationQueries(JdbcClient jdbc, LevelNames levelNames) {
		this.jdbc = jdbc;
		this.levelNames = levelNames;
	}

	PageResult<OrganisationSummary> organisations(long tenantId, LocalDate asOf, Sector sector, String query, int page,
			int size) {
		StringBuilder where = new StringBuilder(" and" + EffectiveDating.inForce("o"));
		Map<String, Object> params = new HashMap<>();
		params.put("t", tenantId);
		params.put("d", Date.valueOf(asOf));
		if (sector != null) {
			where.append(" and o.sector = :sector");
			params.put("sector", sector.name());
		}
		if (query != null && !query.isBlank()) {
			where.append(" and lower(o.name) like :q");
			params.put("q", EffectiveDating.like(query));
		}
		long total = this.jdbc.sql("select count(*) from organisation o where o.tenant_id = :t" + where)
			.params(params)
			.query(Long.class)
			.single();
		params.put("limit", size);
		params.put("offset", (long) page * size);
		List<OrganisationSummary> items = this.jdbc
			.sql("select o.* from organisation o where o.tenant_id = :t" + where
					+ " order by o.name limit :limit offset :offset")
			.params(params)
			.query(SystemRows::organisation)
			.list();
		return new PageResult<>(items, page, size, total);
	}

	OrganisationDetail organisation(long tenantId, long organisationId, LocalDate asOf, int page, int size) {
		Map<Level, String> names = this.levelNames.names(tenantId);
		Date d = Date.valueOf(asOf);
		OrganisationSummary organisation = this.jdbc
			.sql("select o.* from organisation o where o.id = :id and o.tenant_id = :t")
			.param("id", organisationId)
			.param("t", tenantId)
			.query(SystemRows::organisation)
			.optional()
			.orElseThrow(() -> new NotFoundException("Organisation"));
		OrganisationSummary parent = this.jdbc.sql("""
				select q.* from organisation o join organisation q on q.id = o.parent_id
				where o.id = :id and o.tenant_id = :t""")
			.param("id", organisationId)
			.param("t", tenantId)
			.query(SystemRows::organisation)
			.optional()
			.orElse(null);
		List<OrganisationSummary> children = this.jdbc.sql("""
				select o.* from organisation o where o.parent_id = :id and o.tenant_id = :t and %s
				order by o.name""".formatted(EffectiveDating.inForce("o")))
			.param("id", organisationId)
			.param("t", tenantId)
			.param("d", d)
			.query(SystemRows::organisation)
			.list();
		List<PlaceSummary> placesServed = this.jdbc.sql("""
				select p.* from place p join organisation_place op on op.place_id = p.id
				where op.organisation_id = :id and op.tenant_id = :t and %s
				order by p.level_key, p.name""".formatted(EffectiveDating.inForce("op")))
			.param("id", organisationId)
			.param("t", tenantId)
			.param("d", d)
			.query(SystemRows.place(names))
			.list();
		String members = """
				from organisation_membership m join person p on p.id = m.person_id
				where m.organisation_id = :id and m.tenant_id = :t and %s""".formatted(EffectiveDating.inForce("m"));
		long total = this.jdbc.sql("select count(*) " + members)
			.param("id", organisationId)
			.param("t", tenantId)
			.param("d", d)
			.query(Long.class)
			.single();
		List<MemberView> memberList = this.jdbc.sql("""
				select p.id as person_id, p.name, p.job_title, m.role, m.valid_from, m.valid_to
				%s
				order by p.name limit :limit offset :offset""".formatted(members))
			.param("id", organisationId)
			.param("t", tenantId)
			.param("d", d)
			.param("limit", size)
			.param("offset", (long) page * size)
			.query(SystemRows::member)
			.list();
		List<OrganisationSummary> predecessors = this.jdbc.sql("""
				select o.* from organisation_succession s join organisation o on o.id = s.predecessor_id
				where s.successor_id = :id and s.tenant_id = :t order by o.name""")
			.param("id", organisationId)
			.param("t", tenantId)
			.query(SystemRows::organisation)
			.list();
		List<OrganisationSummary> successors = this.jdbc.sql("""
				select o.* from organisation_succession s join organisation o on o.id = s.successor_id
				where s.predecessor_id = :id and s.tenant_id = :t order by o.name""")
			.param("id", organisationId)
			.param("t", tenantId)
			.query(SystemRows::organisation)
			.list();
		return new OrganisationDetail(asOf, organisation, parent, children, placesServed,
				new PageResult<>(memberList, page, size, total), predecessors, successors);
	}

}
