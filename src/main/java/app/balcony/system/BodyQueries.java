package app.balcony.system;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;

import app.balcony.shared.NotFoundException;
import app.balcony.system.Views.BodyDetail;
import app.balcony.system.Views.BodySummary;
import app.balcony.system.Views.MemberView;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Governance bodies as of a date: all of them by type and name, and one body with its
 * members, chairs first. Every statement filters on the tenant; structural facts are read
 * in force on the date through {@link EffectiveDating#inForce}.
 */
final class BodyQueries {

	private final JdbcClient jdbc;

	BodyQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<BodySummary> governanceBodies(long tenantId, LocalDate asOf) {
		return this.jdbc.sql("""
				%s and %s
				order by b.body_type, b.name""".formatted(SystemRows.BODY_WITH_PLACE, EffectiveDating.inForce("b")))
			.param("t", tenantId)
			.param("d", Date.valueOf(asOf))
			.query(SystemRows::body)
			.list();
	}

	BodyDetail governanceBody(long tenantId, long bodyId, LocalDate asOf) {
		BodySummary body = this.jdbc.sql(SystemRows.BODY_WITH_PLACE + " and b.id = :id")
			.param("id", bodyId)
			.param("t", tenantId)
			.query(SystemRows::body)
			.optional()
			.orElseThrow(() -> new NotFoundException("Governance body"));
		// '%%' is a literal '%' once formatted: chairs first.
		List<MemberView> members = this.jdbc
			.sql("""
					select p.id as person_id, p.name, p.job_title, m.role, m.valid_from, m.valid_to
					from governance_membership m join person p on p.id = m.person_id
					where m.body_id = :id and m.tenant_id = :t and %s
					order by case when lower(m.role) like '%%chair%%' then 0 else 1 end, p.name"""
				.formatted(EffectiveDating.inForce("m")))
			.param("id", bodyId)
			.param("t", tenantId)
			.param("d", Date.valueOf(asOf))
			.query(SystemRows::member)
			.list();
		return new BodyDetail(asOf, body, members);
	}

}
