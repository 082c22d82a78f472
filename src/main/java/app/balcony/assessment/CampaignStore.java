package app.balcony.assessment;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import app.balcony.assessment.Campaigns.Audience;
import app.balcony.assessment.Campaigns.Campaign;
import app.balcony.privacy.Thresholds;
import app.balcony.shared.Batch;
import app.balcony.shared.NotFoundException;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * All SQL of campaigns: the campaign row, its invitations (one per invited person, found
 * by the hash of its token) and the responses written when the ballot box opens at close.
 * Every statement filters on the tenant or is the scheduled sweep over every tenant; a
 * link's own row (found by its token) is the token-survey engine's ({@link TokenLinks}).
 */
class CampaignStore {

	private final JdbcClient jdbc;

	private final Batch batch;

	private Boolean postgres;

	CampaignStore(JdbcClient jdbc, Batch batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	/** An invitation as the links file and the response rates need it. */
	record InvitationRow(long id, Long personId, String email, String salt, String status) {
	}

	/**
	 * A new invitation: the person, their address, the salt and the hash of its token.
	 */
	record NewInvitation(long personId, String email, String salt, String tokenHash) {
	}

	/** Inserts a draft campaign; its id, from the database. */
	long insert(long tenantId, String name, String instrumentKey, boolean anonymous, LocalDate opensOn,
			LocalDate closesOn, Long baselineId, String waveLabel, String audienceJson, String createdBy,
			String scaleKey) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into campaign (tenant_id, name, instrument_key, anonymous, opens_on, closes_on, baseline_id,
				    wave_label, audience, status, created_by, created_on, scale_key)
				values (:tenant, :name, :instrument, :anonymous, :opensOn, :closesOn, :baseline, :wave, :audience,
				    'DRAFT', :createdBy, :createdOn, :scale)
				""")
			.param("tenant", tenantId)
			.param("name", name)
			.param("instrument", instrumentKey)
			.param("anonymous", anonymous)
			.param("opensOn", Date.valueOf(opensOn))
			.param("closesOn", Date.valueOf(closesOn))
			.param("baseline", baselineId)
			.param("wave", waveLabel)
			.param("audience", audienceJson)
			.param("createdBy", createdBy)
			.param("createdOn", Date.valueOf(LocalDate.now()))
			.param("scale", scaleKey)
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	void invite(long tenantId, long campaignId, List<NewInvitation> invitations) {
		Date today = Date.valueOf(LocalDate.now());
		List<Object[]> rows = new ArrayList<>();
		for (NewInvitation i : invitations) {
			rows.add(new Object[] { tenantId, campaignId, i.personId(), i.email(), i.salt(), i.tokenHash(), today });
		}
		this.batch.run("""
				insert into campaign_invitation (tenant_id, campaign_id, person_id, email, salt, token_hash, status,
				    invited_on)
				values (?, ?, ?, ?, ?, ?, 'INVITED', ?)
				""", rows);
	}

	List<Long> ids(long tenantId) {
		return this.jdbc.sql("select id from campaign where tenant_id = :tenant order by opens_on desc, id desc")
			.param("tenant", tenantId)
			.query(Long.class)
			.list();
	}

	/** Invitations by status. */
	Map<String, Integer> counts(long tenantId, long campaignId) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		this.jdbc.sql("""
				select status, count(*) as invitations from campaign_invitation
				where tenant_id = :tenant and campaign_id = :campaign group by status
				""")
			.param("tenant", tenantId)
			.param("campaign", campaignId)
			.query((rs, n) -> counts.put(rs.getString("status"), rs.getInt("invitations")))
			.list();
		return counts;
	}

	/** The campaign with zero counts and its own frozen thresholds (null if none yet). */
	Campaign find(long tenantId, long id) {
		return this.jdbc.sql("""
				select c.id, c.name, c.instrument_key, c.anonymous, c.opens_on, c.closes_on, c.baseline_id,
				       b.name as baseline_name, c.wave_label, c.audience, c.status, c.closed_on, c.scale_key,
				       c.min_cell, c.min_comments, c.min_rater_group, c.links_handed_out_by, c.links_handed_out_on,
				       c.links_handed_out_reason
				from campaign c left join campaign b on b.id = c.baseline_id and b.tenant_id = c.tenant_id
				where c.tenant_id = :tenant and c.id = :id
				""")
			.param("tenant", tenantId)
			.param("id", id)
			.query((rs, n) -> campaign(rs))
			.optional()
			.orElseThrow(() -> new NotFoundException("No campaign " + id));
	}

	private static Campaign campaign(ResultSet rs) throws SQLException {
		LocalDate opensOn = rs.getDate("opens_on").toLocalDate();
		LocalDate closesOn = rs.getDate("closes_on").toLocalDate();
		String stored = rs.getString("status");
		Thresholds thresholds = rs.getObject("min_cell") == null ? null
				: new Thresholds(rs.getInt("min_cell"), rs.getInt("min_comments"), rs.getInt("min_rater_group"));
		return new Campaign(rs.getLong("id"), rs.getString("name"),
				ItemBank.withScale(ItemBank.instrument(rs.getString("instrument_key")).orElseThrow(),
						rs.getString("scale_key")),
				rs.getBoolean("anonymous"), opensOn, closesOn, rs.getObject("baseline_id", Long.class),
				rs.getString("baseline_name"), rs.getString("wave_label"), audience(rs.getString("audience")),
				effectiveStatus(stored, opensOn, closesOn), 0, 0, 0, localDate(rs, "closed_on"), stored, thresholds,
				rs.getString("links_handed_out_by"), localDate(rs, "links_handed_out_on"),
				rs.getString("links_handed_out_reason"));
	}

	/**
	 * OPEN between its dates once opened; CLOSED when closed by hand or after its closing
	 * date.
	 */
	private static String effectiveStatus(String stored, LocalDate opensOn, LocalDate closesOn) {
		if ("CLOSED".equals(stored)) {
			return stored;
		}
		LocalDate today = LocalDate.now();
		if (today.isAfter(closesOn)) {
			return "CLOSED";
		}
		if ("OPEN".equals(stored) && today.isBefore(opensOn)) {
			return "SCHEDULED";
		}
		return stored;
	}

	private static Audience audience(String json) {
		try {
			return Answers.JSON.readValue(json, Audience.class);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Stored audience is not valid JSON", ex);
		}
	}

	private static LocalDate localDate(ResultSet rs, String column) throws SQLException {
		Date d = rs.getDate(column);
		return d == null ? null : d.toLocalDate();
	}

	/** Opens a draft, freezing the thresholds. */
	void markOpen(long tenantId, long id, Thresholds t) {
		this.jdbc.sql("""
				update campaign set status = 'OPEN', min_cell = :minCell, min_comments = :minComments,
				    min_rater_group = :minRaterGroup
				where tenant_id = :tenant and id = :id
				""")
			.param("minCell", t.minCell())
			.param("minComments", t.minComments())
			.param("minRaterGroup", t.minRaterGroup())
			.param("tenant", tenantId)
			.param("id", id)
			.update();
	}

	void markClosed(long tenantId, long id, LocalDate closedOn, Thresholds t) {
		this.jdbc.sql("""
				update campaign set status = 'CLOSED', closed_on = :closedOn, min_cell = :minCell,
				    min_comments = :minComments, min_rater_group = :minRaterGroup
				where tenant_id = :tenant and id = :id
				""")
			.param("closedOn", Date.valueOf(closedOn))
			.param("minCell", t.minCell())
			.param("minComments", t.minComments())
			.param("minRaterGroup", t.minRaterGroup())
			.param("tenant", tenantId)
			.param("id", id)
			.update();
	}

	/** A response, with the respondent's groups as sealed in their ballot. */
	void insertResponse(String responseId, long tenantId, long campaignId, LocalDate on, Map<String, Object> col) {
		this.jdbc.sql("""
				insert into campaign_response (id, tenant_id, campaign_id, invitation_id, submitted_on, place_id,
				    neighbourhood_id, organisation_id, sector, level_key, staff_group, seniority)
				values (:id, :tenant, :campaign, :invitation, :on, :place, :neighbourhood, :organisation, :sector,
				    :level, :staffGroup, :seniority)
				""")
			.param("id", responseId)
			.param("tenant", tenantId)
			.param("campaign", campaignId)
			.param("invitation", Ballots.asLong(col.get("invitation_id")))
			.param("on", Date.valueOf(on))
			.param("place", Ballots.asLong(col.get("place_id")))
			.param("neighbourhood", Ballots.asLong(col.get("neighbourhood_id")))
			.param("organisation", Ballots.asLong(col.get("organisation_id")))
			.param("sector", Ballots.asString(col.get("sector")))
			.param("level", Ballots.asString(col.get("level_key")))
			.param("staffGroup", Ballots.asString(col.get("staff_group")))
			.param("seniority", Ballots.asString(col.get("seniority")))
			.update();
	}

	void clearDrafts(long tenantId, long campaignId) {
		this.jdbc
			.sql("update campaign_invitation set draft = null where tenant_id = :tenant and campaign_id = :campaign")
			.param("tenant", tenantId)
			.param("campaign", campaignId)
			.update();
	}

	/**
	 * Tenant and id of every campaign past its closing date, in every tenant (the sweep).
	 */
	List<long[]> due(LocalDate today) {
		return this.jdbc
			.sql("select tenant_id, id from campaign where status in ('OPEN', 'DRAFT') and closes_on < :today")
			.param("today", Date.valueOf(today))
			.query((rs, n) -> new long[] { rs.getLong("tenant_id"), rs.getLong("id") })
			.list();
	}

	/**
	 * Locks the campaign row for this transaction: shared for a submission, exclusive for
	 * a close. (H2, the embedded database, has no shared row locks; there a submission
	 * takes the exclusive lock, which only serialises submissions on one instance.)
	 */
	void lock(long tenantId, long id, boolean exclusive) {
		String mode = exclusive || !postgres() ? "for update" : "for share";
		this.jdbc.sql("select id from campaign where tenant_id = :tenant and id = :id " + mode)
			.param("tenant", tenantId)
			.param("id", id)
			.query(Long.class)
			.list();
	}

	private boolean postgres() {
		if (this.postgres == null) {
			this.postgres = this.batch.postgres();
		}
		return this.postgres;
	}

	void markHandedOut(long tenantId, long id, String by, String reason) {
		this.jdbc.sql("""
				update campaign set links_handed_out_by = :by, links_handed_out_on = :today,
				    links_handed_out_reason = :reason
				where tenant_id = :tenant and id = :id
				""")
			.param("by", by)
			.param("today", Date.valueOf(LocalDate.now()))
			.param("reason", reason)
			.param("tenant", tenantId)
			.param("id", id)
			.update();
	}

	List<InvitationRow> invitations(long tenantId, long campaignId) {
		return this.jdbc.sql("""
				select id, person_id, email, salt, status from campaign_invitation
				where tenant_id = :tenant and campaign_id = :campaign order by id
				""")
			.param("tenant", tenantId)
			.param("campaign", campaignId)
			.query((rs, n) -> new InvitationRow(rs.getLong("id"), rs.getObject("person_id", Long.class),
					rs.getString("email"), rs.getString("salt"), rs.getString("status")))
			.list();
	}

}
