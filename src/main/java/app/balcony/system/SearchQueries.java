package app.balcony.system;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import app.balcony.identity.BalconyUser;
import app.balcony.system.Views.BodySummary;
import app.balcony.system.Views.OrganisationSummary;
import app.balcony.system.Views.PersonSummary;
import app.balcony.system.Views.PlaceSummary;
import app.balcony.system.Views.SearchResults;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Search across the tenant's places, organisations, people and governance bodies by name
 * (and identifier, for places and organisations), past ones included. Contact details
 * only for roles allowed to see them. Every statement filters on the tenant.
 */
final class SearchQueries {

	private final JdbcClient jdbc;

	private final LevelNames levelNames;

	SearchQueries(JdbcClient jdbc, LevelNames levelNames) {
		this.jdbc = jdbc;
		this.levelNames = levelNames;
	}

	SearchResults search(BalconyUser viewer, String query, int limit) {
		if (query == null || query.isBlank()) {
			return new SearchResults("", List.of(), List.of(), List.of(), List.of());
		}
		long tenantId = viewer.tenantId();
		Map<String, Object> params = Map.of("t", tenantId, "q", EffectiveDating.like(query), "limit", limit, "d",
				Date.valueOf(LocalDate.now()));
		List<PlaceSummary> places = this.jdbc.sql("""
				select * from place p where p.tenant_id = :t and (lower(p.name) like :q or lower(p.external_id) like :q)
				order by p.name limit :limit""")
			.params(params)
			.query(SystemRows.place(this.levelNames.names(tenantId)))
			.list();
		List<OrganisationSummary> organisations = this.jdbc.sql("""
				select * from organisation o
				where o.tenant_id = :t and (lower(o.name) like :q or lower(o.external_id) like :q)
				order by o.name limit :limit""").params(params).query(SystemRows::organisation).list();
		boolean contact = viewer.role().seesContactDetails();
		List<PersonSummary> people = this.jdbc.sql("""
				%s and (lower(p.name) like :q or lower(p.job_title) like :q)
				order by p.name limit :limit""".formatted(SystemRows.PERSON_WITH_ORGANISATION))
			.params(params)
			.query((rs, n) -> SystemRows.person(rs, contact))
			.list();
		List<BodySummary> bodies = this.jdbc.sql("""
				%s and lower(b.name) like :q
				order by b.name limit :limit""".formatted(SystemRows.BODY_WITH_PLACE))
			.params(params)
			.query(SystemRows::body)
			.list();
		return new SearchResults(query.trim(), places, organisations, people, bodies);
	}

}
