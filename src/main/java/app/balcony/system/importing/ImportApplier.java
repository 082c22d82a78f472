package app.balcony.system.importing;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import app.balcony.jobs.Progress;
import app.balcony.shared.Batch;
import app.balcony.system.ImportReport.Counts;
import app.balcony.system.Level;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes a validated batch into a tenant: inserts rows whose identifier is new, updates
 * rows that differ, and leaves identical rows untouched, so importing the same file twice
 * changes nothing. Links that change (places an organisation serves, places a person
 * works in) are closed and opened at the import's effective date, keeping their history.
 * Must run inside one transaction, which the caller owns. Each kind is applied by its own
 * class of this package, in kind order; people and memberships are written in JDBC
 * batches.
 */
public final class ImportApplier {

	private final ApplyContext context;

	public ImportApplier(JdbcClient jdbc, Batch batch, long tenantId, LocalDate effective, Progress progress) {
		this.context = new ApplyContext(jdbc, batch, tenantId, effective, progress);
	}

	/** The identifiers the tenant already holds, for validation. */
	public ImportValidator.Existing existing() {
		JdbcClient jdbc = this.context.jdbc();
		long tenantId = this.context.tenantId();
		Map<String, Level> levels = new HashMap<>();
		Map<String, String> placeParents = new HashMap<>();
		jdbc.sql("""
				select p.external_id, p.level_key, q.external_id as parent_external_id
				from place p left join place q on q.id = p.parent_id where p.tenant_id = :t""")
			.param("t", tenantId)
			.query(rs -> {
				levels.put(rs.getString("external_id"), Level.valueOf(rs.getString("level_key")));
				placeParents.put(rs.getString("external_id"), rs.getString("parent_external_id"));
			});
		Map<String, String> orgParents = new HashMap<>();
		jdbc.sql("""
				select o.external_id, q.external_id as parent_external_id
				from organisation o left join organisation q on q.id = o.parent_id where o.tenant_id = :t""")
			.param("t", tenantId)
			.query(rs -> {
				orgParents.put(rs.getString("external_id"), rs.getString("parent_external_id"));
			});
		Set<String> people = new HashSet<>(jdbc.sql("select external_id from person where tenant_id = :t")
			.param("t", tenantId)
			.query(String.class)
			.list());
		Set<String> bodies = new HashSet<>(jdbc.sql("select external_id from governance_body where tenant_id = :t")
			.param("t", tenantId)
			.query(String.class)
			.list());
		return new ImportValidator.Existing(levels, placeParents, orgParents, people, bodies);
	}

	public Map<String, Counts> apply(Rows.Batch batch) {
		this.context.begin(batch.size());
		Map<String, Counts> counts = new LinkedHashMap<>();
		Map<String, Long> placeIds = this.context.ids("place");
		counts.put("places", new PlaceApplier(this.context).apply(batch, placeIds));
		Map<String, Long> organisationIds = this.context.ids("organisation");
		counts.put("organisations", new OrganisationApplier(this.context).apply(batch, organisationIds, placeIds));
		counts.put("people", new PersonApplier(this.context).apply(batch, placeIds));
		Map<String, Long> bodyIds = this.context.ids("governance_body");
		counts.put("governance-bodies", new GovernanceApplier(this.context).apply(batch, bodyIds, placeIds));
		counts.put("memberships",
				new MembershipApplier(this.context).apply(batch, this.context.ids("person"), organisationIds, bodyIds));
		this.context.finish();
		return counts;
	}

}
