package app.balcony.system.importing;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import app.balcony.system.ImportReport.Counts;

import org.springframework.jdbc.support.GeneratedKeyHolder;

import static app.balcony.system.importing.ApplyContext.date;
import static app.balcony.system.importing.ApplyContext.localDate;
import static app.balcony.system.importing.ApplyContext.nullableLong;

/**
 * Applies a batch's organisations: new ones inserted first (so parents can be set in any
 * order), changed ones updated, the places each serves kept as dated links, and
 * successions recorded once.
 */
final class OrganisationApplier {

	private final ApplyContext context;

	private final PlaceLinks places;

	OrganisationApplier(ApplyContext context) {
		this.context = context;
		this.places = new PlaceLinks(context, "organisation_place", "organisation_id");
	}

	private record OrganisationState(long id, String name, String sector, Long parentId, LocalDate from, LocalDate to) {
	}

	/** Applies the organisations; new organisations' ids are added to {@code ids}. */
	Counts apply(Rows.Batch batch, Map<String, Long> ids, Map<String, Long> placeIds) {
		Map<String, OrganisationState> existing = existing();
		Map<Long, Set<Long>> openLinks = this.places.open();
		Set<String> successions = this.context.successions("organisation_succession");
		// Insert every new organisation first (without parents), so parents can be set in
		// any order.
		int created = 0;
		for (var row : batch.organisations) {
			if (!existing.containsKey(row.id())) {
				ids.put(row.id(), insert(row));
				created++;
			}
		}
		int updated = 0;
		int unchanged = 0;
		for (var row : batch.organisations) {
			long id = ids.get(row.id());
			Long parentId = row.parentId() == null ? null : ids.get(row.parentId());
			OrganisationState state = existing.get(row.id());
			boolean changed;
			if (state == null) {
				if (parentId != null) {
					this.context.jdbc()
						.sql("update organisation set parent_id = :parent where tenant_id = :t and id = :id")
						.param("parent", parentId)
						.param("t", this.context.tenantId())
						.param("id", id)
						.update();
				}
				changed = true;
			}
			else {
				changed = !(state.name().equals(row.name()) && state.sector().equals(row.sector().name())
						&& Objects.equals(state.parentId(), parentId) && state.from().equals(row.validFrom())
						&& Objects.equals(state.to(), row.validTo()));
				if (changed) {
					update(id, row, parentId);
				}
			}
			Set<Long> wanted = new HashSet<>();
			row.placesServed().forEach(p -> wanted.add(placeIds.get(p)));
			boolean linksChanged = this.places.sync(id, openLinks.get(id), wanted,
					state == null ? row.validFrom() : this.context.effective());
			linksChanged |= this.context.succeed("organisation_succession", successions, ids, row.predecessorIds(), id,
					row.validFrom());
			if (state != null) {
				if (changed || linksChanged) {
					updated++;
				}
				else {
					unchanged++;
				}
			}
			this.context.step("Applying organisations");
		}
		return new Counts(created, updated, unchanged);
	}

	private Map<String, OrganisationState> existing() {
		Map<String, OrganisationState> existing = new HashMap<>();
		this.context.jdbc().sql("""
				select external_id, id, name, sector, parent_id, valid_from, valid_to
				from organisation where tenant_id = :t""").param("t", this.context.tenantId()).query(rs -> {
			existing.put(rs.getString("external_id"),
					new OrganisationState(rs.getLong("id"), rs.getString("name"), rs.getString("sector"),
							nullableLong(rs, "parent_id"), rs.getDate("valid_from").toLocalDate(),
							localDate(rs.getDate("valid_to"))));
		});
		return existing;
	}

	/** Inserts a new organisation without its parent; returns its id. */
	private long insert(Rows.OrganisationRow row) {
		var keys = new GeneratedKeyHolder();
		this.context.jdbc()
			.sql("""
					insert into organisation (tenant_id, external_id, name, sector, valid_from, valid_to)
					values (:t, :external, :name, :sector, :from, :to)""")
			.param("t", this.context.tenantId())
			.param("external", row.id())
			.param("name", row.name())
			.param("sector", row.sector().name())
			.param("from", date(row.validFrom()))
			.param("to", date(row.validTo()))
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	private void update(long id, Rows.OrganisationRow row, Long parentId) {
		this.context.jdbc()
			.sql("""
					update organisation set name = :name, sector = :sector, parent_id = :parent, valid_from = :from,
					  valid_to = :to
					where tenant_id = :t and id = :id""")
			.param("name", row.name())
			.param("sector", row.sector().name())
			.param("parent", parentId)
			.param("from", date(row.validFrom()))
			.param("to", date(row.validTo()))
			.param("t", this.context.tenantId())
			.param("id", id)
			.update();
	}

}
