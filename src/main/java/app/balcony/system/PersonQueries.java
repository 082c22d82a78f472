package app.balcony.system;

import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.balcony.identity.AuditLog;
import app.balcony.identity.BalconyUser;
import app.balcony.shared.NotFoundException;
import app.balcony.shared.PageResult;
import app.balcony.system.Views.MembershipView;
import app.balcony.system.Views.PersonDetail;
import app.balcony.system.Views.PersonSummary;
import app.balcony.system.Views.PlaceSummary;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * People today: a page of them by name, job title, organisation, staff group and
 * seniority, and one person's record with their memberships over time and the places they
 * work in, whose opening is audited. Contact details only for roles allowed to see them.
 * Every statement filters on the tenant; dated facts are read in force today through
 * {@link EffectiveDating#inForce}.
 */
final class PersonQueries {

	private final JdbcClient jdbc;

	private final LevelNames levelNames;

	private final AuditLog audit;

	PersonQueries(JdbcClient jdbc, LevelNames levelNames, AuditLog audit) {
		this.jdbc = jdbc;
		this.levelNames = levelNames;
		this.audit = audit;
	}

	PageResult<PersonSummary> people(BalconyUser viewer, String query, Long organisationId, StaffGroup staffGroup,
			Seniority seniority, int page, int size) {
		StringBuilder where = new StringBuilder();
		Map<String, Object> params = new HashMap<>();
		params.put("t", viewer.tenantId());
		params.put("d", Date.valueOf(LocalDate.now()));
		if (query != null && !query.isBlank()) {
			where.append(" and (lower(p.name) like :q or lower(p.job_title) like :q)");
			params.put("q", EffectiveDating.like(query));
		}
		if (organisationId != null) {
			String members = """
					select m.person_id from organisation_membership m
					where m.organisation_id = :org and m.tenant_id = :t and %s"""
				.formatted(EffectiveDating.inForce("m"));
			where.append(" and p.id in (").append(members).append(")");
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
		long total = this.jdbc.sql("select count(*) from person p where p.tenant_id = :t" + where)
			.params(params)
			.query(Long.class)
			.single();
		params.put("limit", size);
		params.put("offset", (long) page * size);
		boolean contact = viewer.role().seesContactDetails();
		List<PersonSummary> items = this.jdbc
			.sql(SystemRows.PERSON_WITH_ORGANISATION + where + " order by p.name, p.id limit :limit offset :offset")
			.params(params)
			.query((rs, n) -> SystemRows.person(rs, contact))
			.list();
		return new PageResult<>(items, page, size, total);
	}

	/**
	 * A person's record with their memberships over time. Audited: it is identifiable
	 * data.
	 */
	PersonDetail person(BalconyUser viewer, long personId) {
		long tenantId = viewer.tenantId();
		Map<String, Object> params = Map.of("id", personId, "t", tenantId, "d", Date.valueOf(LocalDate.now()));
		boolean contact = viewer.role().seesContactDetails();
		PersonSummary person = this.jdbc.sql(SystemRows.PERSON_WITH_ORGANISATION + " and p.id = :id")
			.params(params)
			.query((rs, n) -> SystemRows.person(rs, contact))
			.optional()
			.orElseThrow(() -> new NotFoundException("Person"));
		List<MembershipView> organisations = this.jdbc
			.sql("""
					select o.id as target_id, o.name as target_name, m.role, m.valid_from, m.valid_to,
					  case when %s then 1 else 0 end as current_flag
					from organisation_membership m join organisation o on o.id = m.organisation_id
					where m.person_id = :id and m.tenant_id = :t order by m.valid_from desc"""
				.formatted(EffectiveDating.inForce("m")))
			.params(params)
			.query(SystemRows::membership)
			.list();
		List<MembershipView> bodies = this.jdbc
			.sql("""
					select b.id as target_id, b.name as target_name, m.role, m.valid_from, m.valid_to,
					  case when %s then 1 else 0 end as current_flag
					from governance_membership m join governance_body b on b.id = m.body_id
					where m.person_id = :id and m.tenant_id = :t order by m.valid_from desc"""
				.formatted(EffectiveDating.inForce("m")))
			.params(params)
			.query(SystemRows::membership)
			.list();
		List<PlaceSummary> places = this.jdbc.sql("""
				select p.* from place p join person_place pp on pp.place_id = p.id
				where pp.person_id = :id and pp.tenant_id = :t and %s
				order by p.name""".formatted(EffectiveDating.inForce("pp")))
			.params(params)
			.query(SystemRows.place(this.levelNames.names(tenantId)))
			.list();
		this.audit.record(tenantId, viewer.getUsername(), "PERSON_VIEWED", "person " + person.externalId(), null);
		return new PersonDetail(person, organisations, bodies, places);
	}

}
