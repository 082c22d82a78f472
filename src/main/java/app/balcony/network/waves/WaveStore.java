package app.balcony.network.waves;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import app.balcony.network.NetworkViews.Wave;
import app.balcony.network.analysis.Graph;
import app.balcony.shared.Batch;
import app.balcony.shared.NotFoundException;
import app.balcony.system.directory.Directory;
import app.balcony.system.Views;
import app.balcony.system.Views.PersonAttributes;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * All of the network module's SQL about waves: waves, ties between people and between
 * organisations, respondents, and the graph of a wave. Every statement filters on the
 * tenant or keys by a wave id the caller has already read through {@link #wave}.
 */
@Repository
public class WaveStore {

	private final JdbcClient jdbc;

	private final Batch batch;

	private final Directory system;

	WaveStore(JdbcClient jdbc, Batch batch, Directory system) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.system = system;
	}

	/** The tenant's waves, oldest first, with their tie and people counts. */
	public List<Wave> waves(long tenantId) {
		Map<Long, Long> ties = new HashMap<>();
		this.jdbc.sql("""
				select wave_id, count(*) as ties from network_tie where tenant_id = :t group by wave_id""")
			.param("t", tenantId)
			.query(rs -> {
				ties.put(rs.getLong("wave_id"), rs.getLong("ties"));
			});
		Map<Long, Long> people = new HashMap<>();
		this.jdbc.sql("""
				select wave_id, count(distinct p) as people from (
				  select wave_id, source_id as p from network_tie where tenant_id = :t
				  union select wave_id, target_id from network_tie where tenant_id = :t
				  union select wave_id, person_id from network_respondent where tenant_id = :t) x
				group by wave_id""").param("t", tenantId).query(rs -> {
			people.put(rs.getLong("wave_id"), rs.getLong("people"));
		});
		return this.jdbc.sql("""
				select id, name, collected_on, campaign_id from network_wave
				where tenant_id = :t order by collected_on, id""")
			.param("t", tenantId)
			.query((rs, n) -> new Wave(rs.getLong("id"), rs.getString("name"), rs.getDate("collected_on").toLocalDate(),
					ties.getOrDefault(rs.getLong("id"), 0L), people.getOrDefault(rs.getLong("id"), 0L),
					rs.getObject("campaign_id", Long.class)))
			.list();
	}

	/**
	 * One wave of the tenant.
	 * @throws NotFoundException if the tenant has no such wave
	 */
	public Wave wave(long tenantId, long waveId) {
		Wave w = this.jdbc.sql("""
				select w.id, w.name, w.collected_on, w.campaign_id,
				  (select count(*) from network_tie t where t.wave_id = w.id) as ties
				from network_wave w where w.tenant_id = :t and w.id = :w""")
			.param("t", tenantId)
			.param("w", waveId)
			.query((rs, n) -> new Wave(rs.getLong("id"), rs.getString("name"), rs.getDate("collected_on").toLocalDate(),
					rs.getLong("ties"), 0, rs.getObject("campaign_id", Long.class)))
			.optional()
			.orElseThrow(() -> new NotFoundException("Network wave"));
		// The stored analysis knows how many people the wave has (its graph's size).
		Long people = this.jdbc.sql("select vertices from network_analysis where wave_id = :w")
			.param("w", waveId)
			.query(Long.class)
			.optional()
			.orElseGet(() -> this.jdbc.sql("""
					select count(distinct p) from (
					  select source_id as p from network_tie where wave_id = :w
					  union select target_id from network_tie where wave_id = :w
					  union select person_id from network_respondent where wave_id = :w) x""")
				.param("w", waveId)
				.query(Long.class)
				.single());
		return new Wave(w.id(), w.name(), w.collectedOn(), w.ties(), people == null ? 0 : people, w.campaignId());
	}

	/** The wave collected just before this one, if any. */
	public Wave previousWave(long tenantId, Wave wave) {
		List<Long> ids = this.jdbc.sql("""
				select id from network_wave where tenant_id = :t and collected_on < :d
				order by collected_on desc, id desc""")
			.param("t", tenantId)
			.param("d", Date.valueOf(wave.collectedOn()))
			.query(Long.class)
			.list();
		return ids.isEmpty() ? null : wave(tenantId, ids.get(0));
	}

	/**
	 * The id of the tenant's wave with this name, its ties removed (and its stored
	 * metrics forgotten), or of a new wave.
	 */
	public long replaceWave(long tenantId, String actor, String name, LocalDate collectedOn) {
		List<Long> existing = this.jdbc.sql("select id from network_wave where tenant_id = :t and name = :n")
			.param("t", tenantId)
			.param("n", name)
			.query(Long.class)
			.list();
		if (!existing.isEmpty()) {
			long id = existing.get(0);
			this.jdbc.sql("delete from network_tie where tenant_id = :t and wave_id = :w")
				.param("t", tenantId)
				.param("w", id)
				.update();
			this.jdbc.sql("delete from network_org_tie where tenant_id = :t and wave_id = :w")
				.param("t", tenantId)
				.param("w", id)
				.update();
			tiesChanged(tenantId, id);
			this.jdbc.sql("update network_wave set collected_on = :d where tenant_id = :t and id = :w")
				.param("d", Date.valueOf(collectedOn))
				.param("t", tenantId)
				.param("w", id)
				.update();
			return id;
		}
		org.springframework.jdbc.support.GeneratedKeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into network_wave (tenant_id, name, collected_on, created_by, created_at)
				values (:t, :n, :d, :a, :at)""")
			.param("t", tenantId)
			.param("n", name)
			.param("d", Date.valueOf(collectedOn))
			.param("a", actor)
			.param("at", Timestamp.valueOf(LocalDateTime.now()))
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	/** Forgets a wave's stored metrics: its ties changed. */
	public void tiesChanged(long tenantId, long waveId) {
		this.jdbc.sql("delete from network_person_metric where wave_id = :w").param("w", waveId).update();
		this.jdbc.sql("delete from network_analysis where tenant_id = :t and wave_id = :w")
			.param("t", tenantId)
			.param("w", waveId)
			.update();
	}

	/** Replaces the people recorded as having answered for a wave. */
	public void replaceRespondents(long tenantId, long waveId, Set<Long> respondents) {
		this.jdbc.sql("delete from network_respondent where tenant_id = :t and wave_id = :w")
			.param("t", tenantId)
			.param("w", waveId)
			.update();
		this.batch.run("insert into network_respondent (wave_id, person_id, tenant_id) values (?, ?, ?)",
				respondents.stream().map(r -> new Object[] { waveId, r, tenantId }).toList());
	}

	/** A tie as written: who, how often, which flows, how useful (1–5), its weight. */
	public record TieRow(long source, long target, String frequency, String flows, Integer usefulness, double weight) {
	}

	/** Adds ties between people to a wave. */
	public void insertTies(long tenantId, long waveId, java.util.Collection<TieRow> ties) {
		this.batch.run("""
				insert into network_tie (tenant_id, wave_id, source_id, target_id, frequency, flows, usefulness, weight)
				values (?, ?, ?, ?, ?, ?, ?, ?)""",
				ties.stream()
					.map(t -> new Object[] { tenantId, waveId, t.source(), t.target(), t.frequency(), t.flows(),
							t.usefulness(), t.weight() })
					.toList());
	}

	/** Adds ties between organisations to a wave. */
	public void insertOrganisationTies(long tenantId, long waveId, java.util.Collection<TieRow> ties) {
		this.batch.run("""
				insert into network_org_tie (tenant_id, wave_id, source_org_id, target_org_id, frequency, flows,
				  usefulness, weight) values (?, ?, ?, ?, ?, ?, ?, ?)""",
				ties.stream()
					.map(t -> new Object[] { tenantId, waveId, t.source(), t.target(), t.frequency(), t.flows(),
							t.usefulness(), t.weight() })
					.toList());
	}

	/** How many people answered the wave's survey (or were listed as respondents). */
	public int respondentCount(long tenantId, long waveId) {
		return this.jdbc.sql("select count(*) from network_respondent where tenant_id = :t and wave_id = :w")
			.param("t", tenantId)
			.param("w", waveId)
			.query(Integer.class)
			.single();
	}

	/** The person ids of the wave's respondents, as the graph's vertex ids. */
	public Set<String> respondentIds(long tenantId, long waveId) {
		Set<String> ids = new HashSet<>();
		this.jdbc.sql("select person_id from network_respondent where tenant_id = :t and wave_id = :w")
			.param("t", tenantId)
			.param("w", waveId)
			.query(rs -> {
				ids.add(Long.toString(rs.getLong("person_id")));
			});
		return ids;
	}

	/** Each directed tie between people of the wave, in the order they were stored. */
	public void ties(long tenantId, long waveId, BiConsumer<Long, Long> sink) {
		this.jdbc.sql("select source_id, target_id from network_tie where tenant_id = :t and wave_id = :w order by id")
			.param("t", tenantId)
			.param("w", waveId)
			.query(rs -> {
				sink.accept(rs.getLong("source_id"), rs.getLong("target_id"));
			});
	}

	/** Each directed tie between organisations of the wave. */
	public void organisationTies(long tenantId, long waveId, BiConsumer<Long, Long> sink) {
		this.jdbc.sql("""
				select source_org_id, target_org_id from network_org_tie
				where tenant_id = :t and wave_id = :w order by id""")
			.param("t", tenantId)
			.param("w", waveId)
			.query(rs -> {
				sink.accept(rs.getLong("source_org_id"), rs.getLong("target_org_id"));
			});
	}

	/** The wave's ties with everything recorded about them, for GraphML and GEXF. */
	public List<NetworkExport.Tie> exportTies(long tenantId, long waveId) {
		return this.jdbc.sql("""
				select source_id, target_id, weight, frequency, flows, usefulness from network_tie
				where tenant_id = :t and wave_id = :w order by id""")
			.param("t", tenantId)
			.param("w", waveId)
			.query((rs, n) -> new NetworkExport.Tie(Long.toString(rs.getLong("source_id")),
					Long.toString(rs.getLong("target_id")), rs.getDouble("weight"), rs.getString("frequency"),
					rs.getString("flows"), rs.getObject("usefulness", Integer.class)))
			.list();
	}

	/** How many times each person was named in the wave. */
	public Map<Long, Integer> timesNamed(long tenantId, long waveId) {
		Map<Long, Integer> namedBy = new HashMap<>();
		this.jdbc.sql("""
				select target_id, count(*) as named from network_tie where tenant_id = :t and wave_id = :w
				group by target_id""").param("t", tenantId).param("w", waveId).query(rs -> {
			namedBy.put(rs.getLong("target_id"), rs.getInt("named"));
		});
		return namedBy;
	}

	/** Ties of a wave as unordered pairs "min>max" of person ids. */
	public Set<String> tiePairs(long tenantId, long waveId) {
		Set<String> pairs = new HashSet<>();
		ties(tenantId, waveId, (a, b) -> pairs.add(Math.min(a, b) + ">" + Math.max(a, b)));
		return pairs;
	}

	/**
	 * Reciprocity of a wave: the share of named ties (a named b) where b also named a.
	 * Fills {@code perPerson} with each person's named and returned counts.
	 */
	public double reciprocity(long tenantId, long waveId, Map<Long, int[]> perPerson) {
		Set<String> directed = new HashSet<>();
		List<long[]> ties = new ArrayList<>();
		ties(tenantId, waveId, (a, b) -> {
			directed.add(a + ">" + b);
			ties.add(new long[] { a, b });
		});
		int returned = 0;
		for (long[] t : ties) {
			boolean back = directed.contains(t[1] + ">" + t[0]);
			int[] c = perPerson.computeIfAbsent(t[0], k -> new int[2]);
			c[0]++;
			if (back) {
				c[1]++;
				returned++;
			}
		}
		return ties.isEmpty() ? Double.NaN : (double) returned / ties.size();
	}

	/**
	 * The wave as an undirected graph of people (respondents who named nobody included,
	 * alone), each in a group of the grouping on the day the wave was collected.
	 */
	public Loaded load(long tenantId, Wave wave, String grouping) {
		Map<Long, PersonAttributes> byId = new HashMap<>();
		for (PersonAttributes p : this.system.personAttributes(tenantId, wave.collectedOn())) {
			byId.put(p.id(), p);
		}
		Graph.Builder builder = Graph.builder(false);
		this.jdbc
			.sql("select person_id from network_respondent where tenant_id = :t and wave_id = :w order by person_id")
			.param("t", tenantId)
			.param("w", wave.id())
			.query(rs -> {
				builder.vertex(Long.toString(rs.getLong("person_id")));
			});
		this.jdbc.sql("""
				select source_id, target_id, weight from network_tie where tenant_id = :t and wave_id = :w
				order by id""").param("t", tenantId).param("w", wave.id()).query(rs -> {
			builder.edge(Long.toString(rs.getLong("source_id")), Long.toString(rs.getLong("target_id")),
					rs.getDouble("weight"));
		});
		Graph g = builder.build();
		List<PersonAttributes> people = new ArrayList<>();
		// The level (system, place, neighbourhood) of the place each person works in.
		Map<Long, Views.Profile> levels = grouping.equals("level") ? this.system.profiles(tenantId, wave.collectedOn())
				: Map.of();
		Map<String, Integer> groupNumbers = new LinkedHashMap<>();
		int[] groups = new int[g.size()];
		for (int v = 0; v < g.size(); v++) {
			PersonAttributes p = byId.get(Long.parseLong(g.id(v)));
			people.add(p);
			String value = switch (grouping) {
				case "organisation" -> p.organisation();
				case "place" -> p.place();
				case "staff_group" -> p.staffGroup();
				case "seniority" -> p.seniority();
				case "level" -> levelName(levels.get(p.id()));
				default -> p.sector();
			};
			groups[v] = groupNumbers.computeIfAbsent(value == null ? "Not recorded" : value, k -> groupNumbers.size());
		}
		return new Loaded(g, people, groups, new ArrayList<>(groupNumbers.keySet()));
	}

	private static String levelName(Views.Profile profile) {
		if (profile == null || profile.level() == null) {
			return null;
		}
		String key = profile.level().toLowerCase(Locale.ROOT);
		return Character.toUpperCase(key.charAt(0)) + key.substring(1) + " level";
	}

}
