package app.balcony.system;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import app.balcony.system.Views.Count;
import app.balcony.system.Views.Overview;
import app.balcony.system.Views.PlaceSummary;
import app.balcony.system.Views.PlaceWithCounts;
import app.balcony.system.Views.Restructure;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The overview of a tenant's system as of a date (its places with their neighbourhoods
 * and organisations, and counts of organisations, people and governance bodies) and the
 * history of its restructures. Every statement filters on the tenant; structural facts
 * are read in force on the date through {@link EffectiveDating#inForce}.
 */
final class OverviewQueries {

	private final JdbcClient jdbc;

	private final LevelNames levelNames;

	OverviewQueries(JdbcClient jdbc, LevelNames levelNames) {
		this.jdbc = jdbc;
		this.levelNames = levelNames;
	}

	Overview overview(long tenantId, LocalDate asOf) {
		Map<Level, String> names = this.levelNames.names(tenantId);
		Date d = Date.valueOf(asOf);
		List<PlaceSummary> current = this.jdbc
			.sql("""
					select * from place p where p.tenant_id = :t and %s order by p.name"""
				.formatted(EffectiveDating.inForce("p")))
			.param("t", tenantId)
			.param("d", d)
			.query(SystemRows.place(names))
			.list();
		PlaceSummary system = current.stream().filter(p -> p.level() == Level.SYSTEM).findFirst().orElse(null);
		Map<Long, Long> neighbourhoodsByPlace = new HashMap<>();
		this.jdbc.sql("""
				select p.parent_id, count(*) as neighbourhoods from place p
				where p.tenant_id = :t and p.level_key = 'NEIGHBOURHOOD' and %s
				group by p.parent_id""".formatted(EffectiveDating.inForce("p")))
			.param("t", tenantId)
			.param("d", d)
			.query(rs -> {
				neighbourhoodsByPlace.put(rs.getLong("parent_id"), rs.getLong("neighbourhoods"));
			});
		Map<Long, Long> organisationsByPlace = new HashMap<>();
		this.jdbc.sql("""
				select op.place_id, count(distinct o.id) as organisations
				from organisation_place op join organisation o on o.id = op.organisation_id
				where op.tenant_id = :t and %s and %s
				group by op.place_id""".formatted(EffectiveDating.inForce("op"), EffectiveDating.inForce("o")))
			.param("t", tenantId)
			.param("d", d)
			.query(rs -> {
				organisationsByPlace.put(rs.getLong("place_id"), rs.getLong("organisations"));
			});
		List<PlaceWithCounts> places = current.stream()
			.filter(p -> p.level() == Level.PLACE)
			.map(p -> new PlaceWithCounts(p, neighbourhoodsByPlace.getOrDefault(p.id(), 0L),
					organisationsByPlace.getOrDefault(p.id(), 0L)))
			.toList();
		long neighbourhoods = current.stream().filter(p -> p.level() == Level.NEIGHBOURHOOD).count();

		Map<String, Long> bySector = counts("""
				select o.sector as bucket, count(*) as total from organisation o
				where o.tenant_id = :t and %s group by o.sector""".formatted(EffectiveDating.inForce("o")), tenantId,
				d);
		List<Count> organisationsBySector = Arrays.stream(Sector.values())
			.filter(s -> bySector.containsKey(s.name()))
			.map(s -> new Count(s.key(), s.label(), bySector.get(s.name())))
			.toList();
		String peopleInForce = """
				select distinct m.person_id from organisation_membership m
				join organisation o on o.id = m.organisation_id
				where m.tenant_id = :t and %s and %s""".formatted(EffectiveDating.inForce("m"),
				EffectiveDating.inForce("o"));
		Map<String, Long> byStaffGroup = counts("""
				select p.staff_group as bucket, count(*) as total from person p
				where p.id in (%s) group by p.staff_group""".formatted(peopleInForce), tenantId, d);
		List<Count> peopleByStaffGroup = Arrays.stream(StaffGroup.values())
			.map(s -> new Count(s.key(), s.label(), byStaffGroup.getOrDefault(s.name(), 0L)))
			.toList();
		Map<String, Long> bySeniority = counts("""
				select p.seniority as bucket, count(*) as total from person p
				where p.id in (%s) group by p.seniority""".formatted(peopleInForce), tenantId, d);
		List<Count> peopleBySeniority = Arrays.stream(Seniority.values())
			.map(s -> new Count(s.key(), s.label(), bySeniority.getOrDefault(s.name(), 0L)))
			.toList();
		Map<String, Long> byType = counts("""
				select b.body_type as bucket, count(*) as total from governance_body b
				where b.tenant_id = :t and %s group by b.body_type""".formatted(EffectiveDating.inForce("b")), tenantId,
				d);
		List<Count> bodiesByType = Arrays.stream(GovernanceType.values())
			.filter(g -> byType.containsKey(g.name()))
			.map(g -> new Count(g.key(), g.label(), byType.get(g.name())))
			.toList();
		long people = peopleByStaffGroup.stream().mapToLong(Count::count).sum();
		return new Overview(asOf, names.get(Level.SYSTEM), names.get(Level.PLACE), names.get(Level.NEIGHBOURHOOD),
				system, places, neighbourhoods, organisationsBySector.stream().mapToLong(Count::count).sum(), people,
				bodiesByType.stream().mapToLong(Count::count).sum(), organisationsBySector, peopleByStaffGroup,
				peopleBySeniority, bodiesByType,
				restructures(tenantId).stream().filter(r -> !r.date().isAfter(asOf)).toList());
	}

	/** Every restructure in the tenant's history, newest first. */
	List<Restructure> restructures(long tenantId) {
		Map<String, Restructure> grouped = new LinkedHashMap<>();
		for (String kind : List.of("place", "organisation")) {
			this.jdbc.sql("""
					select s.effective, a.name as before_name, b.name as after_name from %1$s_succession s
					join %1$s a on a.id = s.predecessor_id join %1$s b on b.id = s.successor_id
					where s.tenant_id = :t order by s.effective, a.name, b.name""".formatted(kind))
				.param("t", tenantId)
				.query(rs -> {
					LocalDate date = rs.getDate("effective").toLocalDate();
					String before = rs.getString("before_name");
					String after = rs.getString("after_name");
					Restructure r = grouped.computeIfAbsent(kind + date + before,
							k -> new Restructure(date, kind, new ArrayList<>(), new ArrayList<>()));
					if (!r.before().contains(before)) {
						r.before().add(before);
					}
					if (!r.after().contains(after)) {
						r.after().add(after);
					}
				});
		}
		// Merge groups that share a predecessor or successor on the same date (a split, a
		// merger).
		List<Restructure> merged = new ArrayList<>();
		for (Restructure r : grouped.values()) {
			Restructure into = merged.stream()
				.filter(m -> m.kind().equals(r.kind()) && m.date().equals(r.date())
						&& (m.before().stream().anyMatch(r.before()::contains)
								|| m.after().stream().anyMatch(r.after()::contains)))
				.findFirst()
				.orElse(null);
			if (into == null) {
				merged.add(r);
			}
			else {
				r.before().stream().filter(x -> !into.before().contains(x)).forEach(into.before()::add);
				r.after().stream().filter(x -> !into.after().contains(x)).forEach(into.after()::add);
			}
		}
		merged.sort(Comparator.comparing(Restructure::date).reversed());
		return merged;
	}

	/**
	 * Counts by {@code bucket} ({@code total}) from a statement on {@code :t} and
	 * {@code :d}.
	 */
	private Map<String, Long> counts(String sql, long tenantId, Date d) {
		Map<String, Long> counts = new HashMap<>();
		this.jdbc.sql(sql).param("t", tenantId).param("d", d).query(rs -> {
			counts.put(rs.getString("bucket"), rs.getLong("total"));
		});
		return counts;
	}

}
