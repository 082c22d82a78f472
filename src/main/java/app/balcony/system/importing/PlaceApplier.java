package app.balcony.system.importing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import app.balcony.system.ImportReport.Counts;

import org.springframework.jdbc.support.GeneratedKeyHolder;

import static app.balcony.system.importing.ApplyContext.date;
import static app.balcony.system.importing.ApplyContext.localDate;
import static app.balcony.system.importing.ApplyContext.nullableInt;
import static app.balcony.system.importing.ApplyContext.nullableLong;

/**
 * Applies a batch's places: parents before children, new places inserted, changed ones
 * updated, and successions (a place formed from others) recorded once.
 */
final class PlaceApplier {

	private final ApplyContext context;

	PlaceApplier(ApplyContext context) {
		this.context = context;
	}

	private record PlaceState(long id, String name, String level, Long parentId, Integer population, LocalDate from,
			LocalDate to) {
	}

	/** Applies the places; new places' ids are added to {@code ids}. */
	Counts apply(Rows.Batch batch, Map<String, Long> ids) {
		Map<String, PlaceState> existing = existing();
		Set<String> successions = this.context.successions("place_succession");
		Map<String, Rows.PlaceRow> byId = new HashMap<>();
		batch.places.forEach(r -> byId.put(r.id(), r));
		List<Rows.PlaceRow> ordered = new ArrayList<>(batch.places);
		ordered.sort(Comparator
			.comparingInt(r -> depth(r.id(), id -> byId.containsKey(id) ? byId.get(id).parentId() : null)));
		int created = 0;
		int updated = 0;
		int unchanged = 0;
		for (var row : ordered) {
			Long parentId = row.parentId() == null ? null : ids.get(row.parentId());
			PlaceState state = existing.get(row.id());
			boolean changed;
			long id;
			if (state == null) {
				id = insert(row, parentId);
				ids.put(row.id(), id);
				created++;
				changed = true;
			}
			else {
				id = state.id();
				changed = !(state.name().equals(row.name()) && state.level().equals(row.level().name())
						&& Objects.equals(state.parentId(), parentId)
						&& Objects.equals(state.population(), row.population()) && state.from().equals(row.validFrom())
						&& Objects.equals(state.to(), row.validTo()));
				if (changed) {
					update(id, row, parentId);
				}
			}
			boolean newSuccession = this.context.succeed("place_succession", successions, ids, row.predecessorIds(), id,
					row.validFrom());
			if (state != null) {
				if (changed || newSuccession) {
					updated++;
				}
				else {
					unchanged++;
				}
			}
			this.context.step("Applying places");
		}
		return new Counts(created, updated, unchanged);
	}

	private Map<String, PlaceState> existing() {
		Map<String, PlaceState> existing = new HashMap<>();
		this.context.jdbc().sql("""
				select external_id, id, name, level_key, parent_id, population, valid_from, valid_to
				from place where tenant_id = :t""").param("t", this.context.tenantId()).query(rs -> {
			existing.put(rs.getString("external_id"),
					new PlaceState(rs.getLong("id"), rs.getString("name"), rs.getString("level_key"),
							nullableLong(rs, "parent_id"), nullableInt(rs, "population"),
							rs.getDate("valid_from").toLocalDate(), localDate(rs.getDate("valid_to"))));
		});
		return existing;
	}

	private long insert(Rows.PlaceRow row, Long parentId) {
		var keys = new GeneratedKeyHolder();
		this.context.jdbc()
			.sql("""
					insert into place (tenant_id, external_id, name, level_key, parent_id, population, valid_from,
					  valid_to)
					values (:t, :external, :name, :level, :parent, :population, :from, :to)""")
			.param("t", this.context.tenantId())
			.param("external", row.id())
			.param("name", row.name())
			.param("level", row.level().name())
			.param("parent", parentId)
			.param("population", row.population())
			.param("from", date(row.validFrom()))
			.param("to", date(row.validTo()))
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	private void update(long id, Rows.PlaceRow row, Long parentId) {
		this.context.jdbc()
			.sql("""
					update place set name = :name, level_key = :level, parent_id = :parent, population = :population,
					  valid_from = :from, valid_to = :to
					where tenant_id = :t and id = :id""")
			.param("name", row.name())
			.param("level", row.level().name())
			.param("parent", parentId)
			.param("population", row.population())
			.param("from", date(row.validFrom()))
			.param("to", date(row.validTo()))
			.param("t", this.context.tenantId())
			.param("id", id)
			.update();
	}

	/** How many ancestors a place has in the batch (a cycle counts each once). */
	private static int depth(String id, Function<String, String> parentOf) {
		int depth = 0;
		Set<String> seen = new HashSet<>();
		String parent = parentOf.apply(id);
		while (parent != null && seen.add(parent)) {
			depth++;
			parent = parentOf.apply(parent);
		}
		return depth;
	}

}
