package app.balcony.system.importing;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import app.balcony.system.ImportReport.Counts;
import app.balcony.system.Level;
import app.balcony.system.importing.Rows.Batch;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * Writes a validated batch into a tenant: inserts rows whose identifier is new, updates
 * rows that differ, and leaves identical rows untouched, so importing the same file twice
 * changes nothing. Links that change (places an organisation serves, places a person
 * works in) are closed and opened at the import's effective date, keeping their history.
 * Must run inside one transaction, which the caller owns. People and memberships are
 * written in JDBC batches.
 */
public final class ImportApplier {

	/** Receives progress as rows are applied. */
	public interface Progress {

		void update(int done, int total, String note);

	}

	private static final int BATCH = 500;

	private final JdbcTemplate jdbc;

	private final JdbcClient client;

	private final long tenantId;

	private final LocalDate effective;

	private final Progress progress;

	private int done;

	private int total;

	public ImportApplier(JdbcTemplate jdbc, long tenantId, LocalDate effective, Progress progress) {
		this.jdbc = jdbc;
		this.client = JdbcClient.create(jdbc);
		this.tenantId = tenantId;
		this.effective = effective;
		this.progress = progress;
	}

	/** The identifiers the tenant already holds, for validation. */
	public ImportValidator.Existing existing() {
		Map<String, Level> levels = new HashMap<>();
		Map<String, String> placeParents = new HashMap<>();
		this.jdbc.query(
				"select p.external_id, p.level_key, q.external_id from place p left join place q on q.id = p.parent_id where p.tenant_id = ?",
				rs -> {
					levels.put(rs.getString(1), Level.valueOf(rs.getString(2)));
					placeParents.put(rs.getString(1), rs.getString(3));
				}, this.tenantId);
		Map<String, String> orgParents = new HashMap<>();
		this.jdbc.query(
				"select o.external_id, q.external_id from organisation o left join organisation q on q.id = o.parent_id where o.tenant_id = ?",
				rs -> {
					orgParents.put(rs.getString(1), rs.getString(2));
				}, this.tenantId);
		Set<String> people = new HashSet<>(this.jdbc.queryForList("select external_id from person where tenant_id = ?",
				String.class, this.tenantId));
		Set<String> bodies = new HashSet<>(this.jdbc
			.queryForList("select external_id from governance_body where tenant_id = ?", String.class, this.tenantId));
		return new ImportValidator.Existing(levels, placeParents, orgParents, people, bodies);
	}

	public Map<String, Counts> apply(Batch batch) {
		this.total = batch.size();
		Map<String, Counts> counts = new LinkedHashMap<>();
		Map<String, Long> placeIds = ids("place");
		counts.put("places", places(batch, placeIds));
		Map<String, Long> organisationIds = ids("organisation");
		counts.put("organisations", organisations(batch, organisationIds, placeIds));
		counts.put("people", people(batch, placeIds));
		Map<String, Long> bodyIds = ids("governance_body");
		counts.put("governance-bodies", bodies(batch, bodyIds, placeIds));
		counts.put("memberships", memberships(batch, ids("person"), organisationIds, bodyIds));
		this.progress.update(this.total, this.total, "Applied");
		return counts;
	}

	private Map<String, Long> ids(String table) {
		Map<String, Long> ids = new HashMap<>();
		this.jdbc.query("select external_id, id from " + table + " where tenant_id = ?", rs -> {
			ids.put(rs.getString(1), rs.getLong(2));
		}, this.tenantId);
		return ids;
	}

	private record PlaceState(long id, String name, String level, Long parentId, Integer population, LocalDate from,
			LocalDate to) {
	}

	private Counts places(Batch batch, Map<String, Long> ids) {
		Map<String, PlaceState> existing = new HashMap<>();
		this.jdbc.query(
				"select external_id, id, name, level_key, parent_id, population, valid_from, valid_to from place where tenant_id = ?",
				rs -> {
					existing.put(rs.getString(1),
							new PlaceState(rs.getLong(2), rs.getString(3), rs.getString(4), nullableLong(rs, 5),
									nullableInt(rs, 6), rs.getDate(7).toLocalDate(), localDate(rs.getDate(8))));
				}, this.tenantId);
		Set<String> successions = new HashSet<>();
		this.jdbc.query("select predecessor_id, successor_id from place_succession where tenant_id = ?", rs -> {
			successions.add(rs.getLong(1) + ">" + rs.getLong(2));
		}, this.tenantId);
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
				var keys = new GeneratedKeyHolder();
				this.client.sql(
						"insert into place (tenant_id, external_id, name, level_key, parent_id, population, valid_from, valid_to) "
								+ "values (?, ?, ?, ?, ?, ?, ?, ?)")
					.params(this.tenantId, row.id(), row.name(), row.level().name(), parentId, row.population(),
							date(row.validFrom()), date(row.validTo()))
					.update(keys, "id");
				id = keys.getKey().longValue();
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
					this.jdbc.update(
							"update place set name = ?, level_key = ?, parent_id = ?, population = ?, valid_from = ?, valid_to = ? where id = ?",
							row.name(), row.level().name(), parentId, row.population(), date(row.validFrom()),
							date(row.validTo()), id);
				}
			}
			boolean newSuccession = false;
			for (String predecessor : row.predecessorIds()) {
				long predecessorId = ids.get(predecessor);
				if (successions.add(predecessorId + ">" + id)) {
					this.jdbc.update(
							"insert into place_succession (tenant_id, predecessor_id, successor_id, effective) values (?, ?, ?, ?)",
							this.tenantId, predecessorId, id, date(row.validFrom()));
					newSuccession = true;
				}
			}
			if (state != null) {
				if (changed || newSuccession) {
					updated++;
				}
				else {
					unchanged++;
				}
			}
			step("Applying places");
		}
		return new Counts(created, updated, unchanged);
	}

	private record OrganisationState(long id, String name, String sector, Long parentId, LocalDate from, LocalDate to) {
	}

	private Counts organisations(Batch batch, Map<String, Long> ids, Map<String, Long> placeIds) {
		Map<String, OrganisationState> existing = new HashMap<>();
		this.jdbc.query(
				"select external_id, id, name, sector, parent_id, valid_from, valid_to from organisation where tenant_id = ?",
				rs -> {
					existing.put(rs.getString(1), new OrganisationState(rs.getLong(2), rs.getString(3), rs.getString(4),
							nullableLong(rs, 5), rs.getDate(6).toLocalDate(), localDate(rs.getDate(7))));
				}, this.tenantId);
		Map<Long, Set<Long>> openLinks = openLinks("organisation_place", "organisation_id");
		Set<String> successions = new HashSet<>();
		this.jdbc.query("select predecessor_id, successor_id from organisation_succession where tenant_id = ?", rs -> {
			successions.add(rs.getLong(1) + ">" + rs.getLong(2));
		}, this.tenantId);
		// Insert every new organisation first (without parents), so parents can be set in
		// any order.
		int created = 0;
		for (var row : batch.organisations) {
			if (!existing.containsKey(row.id())) {
				var keys = new GeneratedKeyHolder();
				this.client.sql(
						"insert into organisation (tenant_id, external_id, name, sector, valid_from, valid_to) values (?, ?, ?, ?, ?, ?)")
					.params(this.tenantId, row.id(), row.name(), row.sector().name(), date(row.validFrom()),
							date(row.validTo()))
					.update(keys, "id");
				ids.put(row.id(), keys.getKey().longValue());
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
					this.jdbc.update("update organisation set parent_id = ? where id = ?", parentId, id);
				}
				changed = true;
			}
			else {
				changed = !(state.name().equals(row.name()) && state.sector().equals(row.sector().name())
						&& Objects.equals(state.parentId(), parentId) && state.from().equals(row.validFrom())
						&& Objects.equals(state.to(), row.validTo()));
				if (changed) {
					this.jdbc.update(
							"update organisation set name = ?, sector = ?, parent_id = ?, valid_from = ?, valid_to = ? where id = ?",
							row.name(), row.sector().name(), parentId, date(row.validFrom()), date(row.validTo()), id);
				}
			}
			Set<Long> wanted = new HashSet<>();
			row.placesServed().forEach(p -> wanted.add(placeIds.get(p)));
			boolean linksChanged = syncLinks("organisation_place", "organisation_id", id, openLinks.get(id), wanted,
					state == null ? row.validFrom() : this.effective);
			for (String predecessor : row.predecessorIds()) {
				long predecessorId = ids.get(predecessor);
				if (successions.add(predecessorId + ">" + id)) {
					this.jdbc.update(
							"insert into organisation_succession (tenant_id, predecessor_id, successor_id, effective) values (?, ?, ?, ?)",
							this.tenantId, predecessorId, id, date(row.validFrom()));
					linksChanged = true;
				}
			}
			if (state != null) {
				if (changed || linksChanged) {
					updated++;
				}
				else {
					unchanged++;
				}
			}
			step("Applying organisations");
		}
		return new Counts(created, updated, unchanged);
	}

	private record PersonState(long id, String name, String email, String jobTitle, String staffGroup,
			String seniority) {
	}

	private Counts people(Batch batch, Map<String, Long> placeIds) {
		Map<String, PersonState> existing = new HashMap<>();
		this.jdbc.query(
				"select external_id, id, name, email, job_title, staff_group, seniority from person where tenant_id = ?",
				rs -> {
					existing.put(rs.getString(1), new PersonState(rs.getLong(2), rs.getString(3), rs.getString(4),
							rs.getString(5), rs.getString(6), rs.getString(7)));
				}, this.tenantId);
		List<Object[]> inserts = new ArrayList<>();
		List<Object[]> updates = new ArrayList<>();
		int unchanged = 0;
		Set<String> touched = new HashSet<>();
		for (var row : batch.people) {
			PersonState state = existing.get(row.id());
			if (state == null) {
				inserts.add(new Object[] { this.tenantId, row.id(), row.name(), row.email(), row.jobTitle(),
						row.staffGroup().name(), row.seniority().name() });
			}
			else if (!(state.name().equals(row.name()) && Objects.equals(state.email(), row.email())
					&& Objects.equals(state.jobTitle(), row.jobTitle())
					&& state.staffGroup().equals(row.staffGroup().name())
					&& state.seniority().equals(row.seniority().name()))) {
				updates.add(new Object[] { row.name(), row.email(), row.jobTitle(), row.staffGroup().name(),
						row.seniority().name(), state.id() });
				touched.add(row.id());
			}
		}
		batchUpdate("insert into person (tenant_id, external_id, name, email, job_title, staff_group, seniority) "
				+ "values (?, ?, ?, ?, ?, ?, ?)", inserts, "Applying people");
		batchUpdate("update person set name = ?, email = ?, job_title = ?, staff_group = ?, seniority = ? where id = ?",
				updates, "Applying people");
		Map<String, Long> personIds = ids("person");
		Map<Long, Set<Long>> openLinks = openLinks("person_place", "person_id");
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
						closeLink("person_place", "person_id", id, gone);
					}
				}
				for (Long added : wanted) {
					if (!current.contains(added)) {
						linkInserts.add(new Object[] { this.tenantId, id, added, date(this.effective) });
					}
				}
			}
		}
		batchUpdate("insert into person_place (tenant_id, person_id, place_id, valid_from) values (?, ?, ?, ?)",
				linkInserts, null);
		for (var row : batch.people) {
			if (existing.containsKey(row.id()) && !touched.contains(row.id())) {
				unchanged++;
			}
		}
		return new Counts(inserts.size(), touched.size(), unchanged);
	}

	private record BodyState(long id, String name, String type, Long placeId, LocalDate from, LocalDate to) {
	}

	private Counts bodies(Batch batch, Map<String, Long> ids, Map<String, Long> placeIds) {
		Map<String, BodyState> existing = new HashMap<>();
		this.jdbc.query(
				"select external_id, id, name, body_type, place_id, valid_from, valid_to from governance_body where tenant_id = ?",
				rs -> {
					existing.put(rs.getString(1), new BodyState(rs.getLong(2), rs.getString(3), rs.getString(4),
							nullableLong(rs, 5), rs.getDate(6).toLocalDate(), localDate(rs.getDate(7))));
				}, this.tenantId);
		int created = 0;
		int updated = 0;
		int unchanged = 0;
		for (var row : batch.bodies) {
			Long placeId = row.placeId() == null ? null : placeIds.get(row.placeId());
			BodyState state = existing.get(row.id());
			if (state == null) {
				var keys = new GeneratedKeyHolder();
				this.client.sql(
						"insert into governance_body (tenant_id, external_id, name, body_type, place_id, valid_from, valid_to) "
								+ "values (?, ?, ?, ?, ?, ?, ?)")
					.params(this.tenantId, row.id(), row.name(), row.type().name(), placeId, date(row.validFrom()),
							date(row.validTo()))
					.update(keys, "id");
				ids.put(row.id(), keys.getKey().longValue());
				created++;
			}
			else if (!(state.name().equals(row.name()) && state.type().equals(row.type().name())
					&& Objects.equals(state.placeId(), placeId) && state.from().equals(row.validFrom())
					&& Objects.equals(state.to(), row.validTo()))) {
				this.jdbc.update(
						"update governance_body set name = ?, body_type = ?, place_id = ?, valid_from = ?, valid_to = ? where id = ?",
						row.name(), row.type().name(), placeId, date(row.validFrom()), date(row.validTo()), state.id());
				updated++;
			}
			else {
				unchanged++;
			}
			step("Applying governance bodies");
		}
		return new Counts(created, updated, unchanged);
	}

	private record MembershipState(long id, String role, LocalDate to) {
	}

	private Counts memberships(Batch batch, Map<String, Long> personIds, Map<String, Long> organisationIds,
			Map<String, Long> bodyIds) {
		Map<String, MembershipState> existing = new HashMap<>();
		this.jdbc
			.query("select 'o', person_id, organisation_id, valid_from, id, role, valid_to from organisation_membership where tenant_id = ? "
					+ "union all select 'b', person_id, body_id, valid_from, id, role, valid_to from governance_membership where tenant_id = ?",
					rs -> {
						existing.put(
								rs.getString(1) + rs.getLong(2) + "|" + rs.getLong(3) + "|"
										+ rs.getDate(4).toLocalDate(),
								new MembershipState(rs.getLong(5), rs.getString(6), localDate(rs.getDate(7))));
					}, this.tenantId, this.tenantId);
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
				(organisation ? orgInserts : bodyInserts).add(new Object[] { this.tenantId, personId, targetId,
						row.role(), date(row.validFrom()), date(row.validTo()) });
			}
			else if (!Objects.equals(state.role(), row.role()) || !Objects.equals(state.to(), row.validTo())) {
				(organisation ? orgUpdates : bodyUpdates)
					.add(new Object[] { row.role(), date(row.validTo()), state.id() });
			}
			else {
				unchanged++;
			}
		}
		String note = "Applying memberships";
		batchUpdate(
				"insert into organisation_membership (tenant_id, person_id, organisation_id, role, valid_from, valid_to) "
						+ "values (?, ?, ?, ?, ?, ?)",
				orgInserts, note);
		batchUpdate("insert into governance_membership (tenant_id, person_id, body_id, role, valid_from, valid_to) "
				+ "values (?, ?, ?, ?, ?, ?)", bodyInserts, note);
		batchUpdate("update organisation_membership set role = ?, valid_to = ? where id = ?", orgUpdates, note);
		batchUpdate("update governance_membership set role = ?, valid_to = ? where id = ?", bodyUpdates, note);
		this.done += unchanged;
		return new Counts(orgInserts.size() + bodyInserts.size(), orgUpdates.size() + bodyUpdates.size(), unchanged);
	}

	/** Open links (valid_to is null) of a link table, by owner. */
	private Map<Long, Set<Long>> openLinks(String table, String ownerColumn) {
		Map<Long, Set<Long>> links = new HashMap<>();
		this.jdbc.query(
				"select " + ownerColumn + ", place_id from " + table + " where tenant_id = ? and valid_to is null",
				rs -> {
					links.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getLong(2));
				}, this.tenantId);
		return links;
	}

	private boolean syncLinks(String table, String ownerColumn, long ownerId, Set<Long> current, Set<Long> wanted,
			LocalDate from) {
		Set<Long> now = current == null ? Set.of() : current;
		if (now.equals(wanted)) {
			return false;
		}
		for (Long gone : now) {
			if (!wanted.contains(gone)) {
				closeLink(table, ownerColumn, ownerId, gone);
			}
		}
		for (Long added : wanted) {
			if (!now.contains(added)) {
				this.jdbc.update(
						"insert into " + table + " (tenant_id, " + ownerColumn
								+ ", place_id, valid_from) values (?, ?, ?, ?)",
						this.tenantId, ownerId, added, date(from));
			}
		}
		return true;
	}

	/**
	 * Ends a link at the effective date; a link that only began on or after that date is
	 * removed.
	 */
	private void closeLink(String table, String ownerColumn, long ownerId, long placeId) {
		Date when = date(this.effective);
		this.jdbc.update("delete from " + table + " where " + ownerColumn
				+ " = ? and place_id = ? and valid_to is null and valid_from >= ?", ownerId, placeId, when);
		this.jdbc.update("update " + table + " set valid_to = ? where " + ownerColumn
				+ " = ? and place_id = ? and valid_to is null", when, ownerId, placeId);
	}

	private void batchUpdate(String sql, List<Object[]> rows, String note) {
		for (int start = 0; start < rows.size(); start += BATCH) {
			List<Object[]> chunk = rows.subList(start, Math.min(rows.size(), start + BATCH));
			this.jdbc.batchUpdate(sql, chunk);
			if (note != null) {
				this.done += chunk.size();
				this.progress.update(Math.min(this.done, this.total), this.total, note);
			}
		}
	}

	private void step(String note) {
		this.done++;
		if (this.done % 50 == 0) {
			this.progress.update(Math.min(this.done, this.total), this.total, note);
		}
	}

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

	private static Date date(LocalDate date) {
		return date == null ? null : Date.valueOf(date);
	}

	private static LocalDate localDate(java.sql.Date date) {
		return date == null ? null : date.toLocalDate();
	}

	private static Long nullableLong(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

	private static Integer nullableInt(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
		int value = rs.getInt(column);
		return rs.wasNull() ? null : value;
	}

}
