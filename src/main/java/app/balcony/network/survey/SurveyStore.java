package app.balcony.network.survey;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import app.balcony.shared.Batch;
import app.balcony.shared.SideTransactions;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * All of the network survey's SQL: the wave a network campaign collects into, the ties
 * and the respondent a submission writes, and the daily budget of roster searches per
 * link. Every statement filters on the tenant, or keys by a wave id read for the tenant
 * through {@link #waveOf} or an invitation id the caller read through the tenant's survey
 * link.
 */
@Repository
public class SurveyStore {

	private final JdbcClient jdbc;

	private final Batch batch;

	/** Writes that commit on their own (the day's search count, a wave's creation). */
	private final SideTransactions side;

	SurveyStore(JdbcClient jdbc, Batch batch, SideTransactions side) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.side = side;
	}

	/**
	 * One tie a respondent named: a person or organisation id, how often, the flows
	 * (semicolon-separated), how useful (1–5) and its weight.
	 */
	public record Answer(long id, String frequency, String flows, Integer usefulness, double weight) {
	}

	/** The wave of a network campaign, or null before its first response. */
	public Long waveOf(long tenantId, long campaignId) {
		List<Long> ids = this.jdbc.sql("select id from network_wave where tenant_id = :t and campaign_id = :c")
			.param("t", tenantId)
			.param("c", campaignId)
			.query(Long.class)
			.list();
		return ids.isEmpty() ? null : ids.get(0);
	}

	/**
	 * Creates the wave of a network campaign, in a transaction of its own on the side
	 * pool, named after the campaign (with the campaign's id when another wave has the
	 * name) and collected on its closing date.
	 * @return the new wave's id
	 * @throws DuplicateKeyException when another respondent's first submission created it
	 * a moment ago
	 */
	public long createWave(long tenantId, long campaignId, String campaignName, LocalDate closesOn) {
		return this.side.run(() -> insertWave(tenantId, campaignId, campaignName, closesOn));
	}

	private long insertWave(long tenantId, long campaignId, String campaignName, LocalDate closesOn) {
		JdbcClient db = this.side.jdbc();
		String name = campaignName;
		Integer clash = db.sql("select count(*) from network_wave where tenant_id = :t and name = :n")
			.param("t", tenantId)
			.param("n", name)
			.query(Integer.class)
			.single();
		if (clash != null && clash > 0) {
			name = name.length() > 100 ? name.substring(0, 100) : name;
			name = name + " (survey " + campaignId + ")";
		}
		KeyHolder keys = new GeneratedKeyHolder();
		db.sql("""
				insert into network_wave (tenant_id, name, collected_on, created_by, created_at, campaign_id)
				values (:t, :n, :d, :creator, :at, :c)""")
			.param("t", tenantId)
			.param("n", name)
			.param("d", Date.valueOf(closesOn))
			.param("creator", "network survey")
			.param("at", Timestamp.valueOf(LocalDateTime.now()))
			.param("c", campaignId)
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	/**
	 * What a respondent submitted to a wave, as the draft's fields ({@code p.<id>},
	 * {@code p.<id>.frequency}... and the same with {@code o.<id>}).
	 */
	public Map<String, String> submitted(long tenantId, long waveId, long personId) {
		Map<String, String> out = new LinkedHashMap<>();
		this.jdbc.sql("""
				select 'p' as kind, target_id as chosen, frequency, flows, usefulness from network_tie
				where tenant_id = :t and wave_id = :w and source_id = :p
				union all
				select 'o', target_org_id, frequency, flows, usefulness from network_org_tie
				where tenant_id = :t and wave_id = :w and respondent_id = :p""")
			.param("t", tenantId)
			.param("w", waveId)
			.param("p", personId)
			.query(rs -> {
				String k = rs.getString("kind") + "." + rs.getLong("chosen");
				out.put(k, "1");
				out.put(k + ".frequency", rs.getString("frequency"));
				out.put(k + ".flows", rs.getString("flows"));
				out.put(k + ".usefulness", rs.getString("usefulness"));
			});
		return out;
	}

	/** Records that a person answered the wave's survey. */
	public void insertRespondent(long tenantId, long waveId, long personId) {
		this.jdbc.sql("insert into network_respondent (wave_id, person_id, tenant_id) values (:w, :p, :t)")
			.param("w", waveId)
			.param("p", personId)
			.param("t", tenantId)
			.update();
	}

	/** Adds the ties a respondent named to other people. */
	public void insertTies(long tenantId, long waveId, long respondentId, List<Answer> people) {
		this.batch.run("""
				insert into network_tie (tenant_id, wave_id, source_id, target_id, frequency, flows, usefulness, weight)
				values (?, ?, ?, ?, ?, ?, ?, ?)""",
				people.stream()
					.map(a -> new Object[] { tenantId, waveId, respondentId, a.id(), a.frequency(), a.flows(),
							a.usefulness(), a.weight() })
					.toList());
	}

	/**
	 * Adds the ties a respondent named from their organisation
	 * ({@code sourceOrganisationId}) to others.
	 */
	public void insertOrganisationTies(long tenantId, long waveId, long respondentId, Long sourceOrganisationId,
			List<Answer> organisations) {
		this.batch.run("""
				insert into network_org_tie (tenant_id, wave_id, respondent_id, source_org_id, target_org_id,
				  frequency, flows, usefulness, weight) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
				organisations.stream()
					.map(a -> new Object[] { tenantId, waveId, respondentId, sourceOrganisationId, a.id(),
							a.frequency(), a.flows(), a.usefulness(), a.weight() })
					.toList());
	}

	/**
	 * Counts one roster search for a link on a day, in a transaction of its own on the
	 * side pool (the searches themselves are read-only, and a clash on the day's first
	 * insert must not spoil the caller's transaction). The count is one conditional
	 * update (or the day's first insert), so instances sharing the database share the
	 * budget.
	 * @return null when counted, else the searches already made that day
	 * @throws DuplicateKeyException when another request made the day's first search at
	 * the same moment
	 */
	public Integer countSearch(long invitationId, LocalDate day, int perDay) {
		return this.side.run(() -> count(invitationId, Date.valueOf(day), perDay));
	}

	private Integer count(long invitationId, Date day, int perDay) {
		JdbcClient db = this.side.jdbc();
		int counted = db.sql("""
				update network_roster_search set searches = searches + 1
				where invitation_id = :i and search_day = :d and searches < :most""")
			.param("i", invitationId)
			.param("d", day)
			.param("most", perDay)
			.update();
		if (counted == 1) {
			return null;
		}
		Integer used = db.sql("select searches from network_roster_search where invitation_id = :i and search_day = :d")
			.param("i", invitationId)
			.param("d", day)
			.query((rs, n) -> rs.getInt("searches"))
			.optional()
			.orElse(null);
		if (used != null) {
			return used;
		}
		db.sql("insert into network_roster_search (invitation_id, search_day, searches) values (:i, :d, 1)")
			.param("i", invitationId)
			.param("d", day)
			.update();
		return null;
	}

}
