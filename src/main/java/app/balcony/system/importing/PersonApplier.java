package app.balcony.system.importing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import app.balcony.system.ImportReport.Counts;

import static app.balcony.system.importing.ApplyContext.date;

/**
 * Applies a batch's people in JDBC batches: new people inserted, changed ones updated,
 * and the places each works in kept as links dated from the import's effective date.
 */
final class PersonApplier {

	private final ApplyContext context;

	private final PlaceLinks places;

	PersonApplier(ApplyContext context) {
		this.context = context;
		this.places = new PlaceLinks(context, "person_place", "person_id");
	}

	private record PersonState(long id, String name, String email, String jobTitle, String staffGroup,
			String seniority) {
	}

	Counts apply(Rows.Batch batch, Map<String, Long> placeIds) {
		long tenantId = this.context.tenantId();
		Map<String, PersonState> existing = existing();
		List<Object[]> inserts = new ArrayList<>();
		List<Object[]> updates = new ArrayList<>();
		int unchanged = 0;
		Set<String> touched = new HashSet<>();
		for (var row : batch.people) {
			PersonState state = existing.get(row.id());
			if (state == null) {
				inserts.add(new Object[] { tenantId, row.id(), row.name(), row.email(), row.jobTitle(),
						row.staffGroup().name(), row.seniority().name() });
			}
			else if (!(state.name().equals(row.name()) && Objects.equals(state.email(), row.email())
					&& Objects.equals(state.jobTitle(), row.jobTitle())
					&& state.staffGroup().equals(row.staffGroup().name())
					&& state.seniority().equals(row.seniority().name()))) {
				updates.add(new Object[] { row.name(), row.email(), row.jobTitle(), row.staffGroup().name(),
						row.seniority().name(), tenantId, state.id() });
				touched.add(row.id());
			}
		}
		this.context.batch("""
				insert into person (tenant_id, external_id, name, email, job_title, staff_group, seniority)
				values (?, ?, ?, ?, ?, ?, ?)""", inserts, "Applying people");
		this.context.batch("""
				update person set name = ?, email = ?, job_title = ?, staff_group = ?, seniority = ?
				where tenant_id = ? and id = ?""", updates, "Applying people");
		Map<String, Long> personIds = this.context.ids("person");
		Map<Long, Set<Long>> openLinks = this.places.open();
		List<Object[]> linkInserts = new ArrayList<>();
		for (var row : batch.people) {
			long id = personIds.get(row.id());
			Set<Long> wanted = new HashSet<>();
			row.places().forEach(p -> wanted.add(placeIds.get(p)));
			Set<Long> current = openLinks.getOrDefault(id, Set.of());
			if (!current.equals(wanted)) {
				if (existing.containsKey(row.id())) {
					touched.add(row.id());
				}
				for (Long gone : current) {
					if (!wanted.contains(gone)) {
						this.places.close(id, gone);
					}
				}
				for (Long added : wanted) {
					if (!current.contains(added)) {
						linkInserts.add(new Object[] { tenantId, id, added, date(this.context.effective()) });
					}
				}
			}
		}
		this.context.batch("insert into person_place (tenant_id, person_id, place_id, valid_from) values (?, ?, ?, ?)",
				linkInserts, null);
		for (var row : batch.people) {
			if (existing.containsKey(row.id()) && !touched.contains(row.id())) {
				unchanged++;
			}
		}
		return new Counts(inserts.size(), touched.size(), unchanged);
	}

	private Map<String, PersonState> existing() {
		Map<String, PersonState> existing = new HashMap<>();
		this.context.jdbc().sql("""
				select external_id, id, name, email, job_title, staff_group, seniority
				from person where tenant_id = :t""").param("t", this.context.tenantId()).query(rs -> {
			existing.put(rs.getString("external_id"),
					new PersonState(rs.getLong("id"), rs.getString("name"), rs.getString("email"),
							rs.getString("job_title"), rs.getString("staff_group"), rs.getString("seniority")));
		});
		return existing;
	}

}
