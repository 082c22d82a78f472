package app.balcony.system.importing;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import app.balcony.system.ImportReport.Counts;

import org.springframework.jdbc.support.GeneratedKeyHolder;

import static app.balcony.system.importing.ApplyContext.date;
import static app.balcony.system.importing.ApplyContext.localDate;
import static app.balcony.system.importing.ApplyContext.nullableLong;

/**
 * Applies a batch's governance bodies: new bodies inserted, changed ones updated, each at
 * most at one place.
 */
final class GovernanceApplier {

	private final ApplyContext context;

	GovernanceApplier(ApplyContext context) {
		this.context = context;
	}

	private record BodyState(long id, String name, String type, Long placeId, LocalDate from, LocalDate to) {
	}

	/** Applies the bodies; new bodies' ids are added to {@code ids}. */
	Counts apply(Rows.Batch batch, Map<String, Long> ids, Map<String, Long> placeIds) {
		Map<String, BodyState> existing = existing();
		int created = 0;
		int updated = 0;
		int unchanged = 0;
		for (var row : batch.bodies) {
			Long placeId = row.placeId() == null ? null : placeIds.get(row.placeId());
			BodyState state = existing.get(row.id());
			if (state == null) {
				ids.put(row.id(), insert(row, placeId));
				created++;
			}
			else if (!(state.name().equals(row.name()) && state.type().equals(row.type().name())
					&& Objects.equals(state.placeId(), placeId) && state.from().equals(row.validFrom())
					&& Objects.equals(state.to(), row.validTo()))) {
				update(state.id(), row, placeId);
				updated++;
			}
			else {
				unchanged++;
			}
			this.context.step("Applying governance bodies");
		}
		return new Counts(created, updated, unchanged);
	}

	private Map<String, BodyState> existing() {
		Map<String, BodyState> existing = new HashMap<>();
		this.context.jdbc().sql("""
				select external_id, id, name, body_type, place_id, valid_from, valid_to
				from governance_body where tenant_id = :t""").param("t", this.context.tenantId()).query(rs -> {
			existing.put(rs.getString("external_id"),
					new BodyState(rs.getLong("id"), rs.getString("name"), rs.getString("body_type"),
							nullableLong(rs, "place_id"), rs.getDate("valid_from").toLocalDate(),
							localDate(rs.getDate("valid_to"))));
		});
		return existing;
	}

	private long insert(Rows.BodyRow row, Long placeId) {
		var keys = new GeneratedKeyHolder();
		this.context.jdbc()
			.sql("""
					insert into governance_body (tenant_id, external_id, name, body_type, place_id, valid_from,
					  valid_to)
					values (:t, :external, :name, :type, :place, :from, :to)""")
			.param("t", this.context.tenantId())
			.param("external", row.id())
			.param("name", row.name())
			.param("type", row.type().name())
			.param("place", placeId)
			.param("from", date(row.validFrom()))
			.param("to", date(row.validTo()))
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	private void update(long id, Rows.BodyRow row, Long placeId) {
		this.context.jdbc()
			.sql("""
					update governance_body set name = :name, body_type = :type, place_id = :place,
					  valid_from = :from, valid_to = :to
					where tenant_id = :t and id = :id""")
			.param("name", row.name())
			.param("type", row.type().name())
			.param("place", placeId)
			.param("from", date(row.validFrom()))
			.param("to", date(row.validTo()))
			.param("t", this.context.tenantId())
			.param("id", id)
			.update();
	}

}
