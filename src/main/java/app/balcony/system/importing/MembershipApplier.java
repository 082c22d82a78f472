package app.balcony.system.importing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import app.balcony.system.ImportReport.Counts;

import static app.balcony.system.importing.ApplyContext.date;
import static app.balcony.system.importing.ApplyContext.localDate;

/**
 * Applies a batch's memberships of organisations and of governance bodies in JDBC
 * batches. A membership is identified by its person, organisation or body, and start
 * date; its role and end date are updated when they differ.
 */
final class MembershipApplier {

	private final ApplyContext context;

	MembershipApplier(ApplyContext context) {
		this.context = context;
	}

	private record MembershipState(long id, String role, LocalDate to) {
	}

	Counts apply(Rows.Batch batch, Map<String, Long> personIds, Map<String, Long> organisationIds,
			Map<String, Long> bodyIds) {
		long tenantId = this.context.tenantId();
		Map<String, MembershipState> existing = existing();
		List<Object[]> orgInserts = new ArrayList<>();
		List<Object[]> bodyInserts = new ArrayList<>();
		List<Object[]> orgUpdates = new ArrayList<>();
		List<Object[]> bodyUpdates = new ArrayList<>();
		int unchanged = 0;
		for (var row : batch.memberships) {
			long personId = personIds.get(row.personId());
			boolean organisation = row.organisationId() != null;
			long targetId = organisation ? organisationIds.get(row.organisationId()) : bodyIds.get(row.bodyId());
			String key = (organisation ? "o" : "b") + personId + "|" + targetId + "|" + row.validFrom();
			MembershipState state = existing.get(key);
			if (state == null) {
				(organisation ? orgInserts : bodyInserts).add(new Object[] { tenantId, personId, targetId, row.role(),
						date(row.validFrom()), date(row.validTo()) });
			}
			else if (!Objects.equals(state.role(), row.role()) || !Objects.equals(state.to(), row.validTo())) {
				(organisation ? orgUpdates : bodyUpdates)
					.add(new Object[] { row.role(), date(row.validTo()), tenantId, state.id() });
			}
			else {
				unchanged++;
			}
		}
		String note = "Applying memberships";
		this.context.batch("""
				insert into organisation_membership (tenant_id, person_id, organisation_id, role, valid_from, valid_to)
				values (?, ?, ?, ?, ?, ?)""", orgInserts, note);
		this.context.batch("""
				insert into governance_membership (tenant_id, person_id, body_id, role, valid_from, valid_to)
				values (?, ?, ?, ?, ?, ?)""", bodyInserts, note);
		this.context.batch("update organisation_membership set role = ?, valid_to = ? where tenant_id = ? and id = ?",
				orgUpdates, note);
		this.context.batch("update governance_membership set role = ?, valid_to = ? where tenant_id = ? and id = ?",
				bodyUpdates, note);
		this.context.skipped(unchanged);
		return new Counts(orgInserts.size() + bodyInserts.size(), orgUpdates.size() + bodyUpdates.size(), unchanged);
	}

	/**
	 * The tenant's memberships by key: "o" or "b" (organisation or body), the person id,
	 * "|", the organisation or body id, "|", the start date.
	 */
	private Map<String, MembershipState> existing() {
		Map<String, MembershipState> existing = new HashMap<>();
		this.context.jdbc().sql("""
				select 'o' as kind, person_id, organisation_id as target_id, valid_from, id, role, valid_to
				from organisation_membership where tenant_id = :t
				union all
				select 'b', person_id, body_id, valid_from, id, role, valid_to
				from governance_membership where tenant_id = :t""").param("t", this.context.tenantId()).query(rs -> {
			existing.put(
					rs.getString("kind") + rs.getLong("person_id") + "|" + rs.getLong("target_id") + "|"
							+ rs.getDate("valid_from").toLocalDate(),
					new MembershipState(rs.getLong("id"), rs.getString("role"), localDate(rs.getDate("valid_to"))));
		});
		return existing;
	}

}
