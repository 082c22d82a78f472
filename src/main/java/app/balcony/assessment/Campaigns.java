package app.balcony.assessment;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;

import app.balcony.identity.AuditLog;
import app.balcony.privacy.AnonymityEngine;
import app.balcony.privacy.Thresholds;
import app.balcony.shared.BadRequestException;
import app.balcony.shared.NotFoundException;
import app.balcony.system.SystemQueries;
import app.balcony.system.Views;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Campaigns: an instrument sent to an audience from the system model between two dates,
 * as a baseline or a follow-up wave of one. Each person in the audience gets a single-use
 * link; the token in it is derived from a random salt with the tenant's secret, and only
 * its hash is stored for lookup. The respondent needs no account, can save and come back
 * until the campaign closes, and submits once: a repeated submission changes nothing. In
 * anonymous campaigns the response keeps no link to the invitation (its id is random and
 * its date is the day only).
 */
@Service
public class Campaigns {

	private static final int MAX_TEXT = 4000;

	private final JdbcClient jdbc;

	private final org.springframework.jdbc.core.JdbcTemplate batch;

	private final SystemQueries system;

	private final AuditLog audit;

	private final AnonymityEngine engine;

	private final Tokens tokens;

	private final org.springframework.beans.factory.ObjectProvider<Campaigns> self;

	private final LinkBinding binding;

	private final Ballots ballots;

	Campaigns(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batch, SystemQueries system, AuditLog audit,
			AnonymityEngine engine, Tokens tokens, org.springframework.beans.factory.ObjectProvider<Campaigns> self,
			Ballots ballots) {
		this.self = self;
		this.ballots = ballots;
		this.binding = new LinkBinding(jdbc, "campaign_invitation");
		this.tokens = tokens;
		this.jdbc = jdbc;
		this.batch = batch;
		this.system = system;
		this.audit = audit;
		this.engine = engine;
	}

	/** Places, organisations, sectors... an audience may list in all. */
	public static final int MAX_AUDIENCE_ENTRIES = 300;

	/** Who a campaign goes to: people matching every non-empty list. */
	public record Audience(List<Long> places, List<Long> organisations, List<String> sectors, List<String> staffGroups,
			List<String> seniorities, List<Long> bodies) {

		public Audience {
			places = places == null ? List.of() : List.copyOf(places);
			organisations = organisations == null ? List.of() : List.copyOf(organisations);
			sectors = sectors == null ? List.of() : List.copyOf(sectors);
			staffGroups = staffGroups == null ? List.of() : List.copyOf(staffGroups);
			seniorities = seniorities == null ? List.of() : List.copyOf(seniorities);
			bodies = bodies == null ? List.of() : List.copyOf(bodies);
		}

		public static final Audience EVERYONE = new Audience(null, null, null, null, null, null);

		boolean matches(Views.Profile p) {
			return (this.places.isEmpty() || (p.placeId() != null && this.places.contains(p.placeId()))
					|| (p.neighbourhoodId() != null && this.places.contains(p.neighbourhoodId())))
					&& (this.organisations.isEmpty()
							|| (p.organisationId() != null && this.organisations.contains(p.organisationId())))
					&& (this.sectors.isEmpty() || (p.sector() != null && this.sectors.contains(p.sector())))
					&& (this.staffGroups.isEmpty() || this.staffGroups.contains(p.staffGroup()))
					&& (this.seniorities.isEmpty() || this.seniorities.contains(p.seniority()))
					&& (this.bodies.isEmpty() || p.bodyIds().stream().anyMatch(this.bodies::contains));
		}

	}

	/** A new campaign; {@code scaleKey} agree5 (default), frequency5 or agree7. */
	public record Draft(String name, String instrumentKey, boolean anonymous, LocalDate opensOn, LocalDate closesOn,
			Long baselineId, String waveLabel, Audience audience, String scaleKey) {

		public Draft(String name, String instrumentKey, boolean anonymous, LocalDate opensOn, LocalDate closesOn,
				Long baselineId, String waveLabel, Audience audience) {
			this(name, instrumentKey, anonymous, opensOn, closesOn, baselineId, waveLabel, audience, null);
		}

	}

	public record Campaign(long id, String name, Instrument instrument, boolean anonymous, LocalDate opensOn,
			LocalDate closesOn, Long baselineId, String baselineName, String waveLabel, Audience audience,
			String status, int invited, int started, int submitted, LocalDate closedOn, String storedStatus,
			Thresholds thresholds, String linksHandedOutBy, LocalDate linksHandedOutOn, String linksHandedOutReason) {

		/**
		 * True when someone downloaded everyone's links to hand them out: whoever held
		 * them could have answered for anyone who had not.
		 */
		public boolean linksHandedOut() {
			return this.linksHandedOutBy != null;
		}

		/**
		 * Results open once the campaign is closed for good (by hand, or by the sweep
		 * after its closing date, which waits for submissions in flight), so nobody
		 * watches a score move as one colleague submits and the answers never change
		 * under released figures.
		 */
		public boolean resultsOpen() {
			return "CLOSED".equals(this.storedStatus);
		}

		public boolean acceptsAnswers() {
			return "OPEN".equals(this.status);
		}

		public int responseRatePercent() {
			return this.invited == 0 ? 0 : (int) Math.round(100.0 * this.submitted / this.invited);
		}

	}

	/** A respondent's link, for mail-merge. */
	public record Link(String name, String email, String token, String status) {
	}

	@Transactional
	public long create(long tenantId, String actor, Draft draft) {
		List<String> problems = new ArrayList<>();
		String name = draft.name() == null ? "" : draft.name().strip();
		if (name.isEmpty() || name.length() > 200) {
			problems.add("name: required, at most 200 characters");
		}
		Optional<Instrument> instrument = ItemBank
			.instrument(draft.instrumentKey() == null ? "" : draft.instrumentKey());
		if (instrument.isEmpty()) {
			problems.add("instrument: unknown '" + draft.instrumentKey() + "'; use one of "
					+ ItemBank.instruments()
						.stream()
						.filter(i -> !"360".equals(i.kind()))
						.map(Instrument::key)
						.toList());
		}
		else if ("360".equals(instrument.get().kind())) {
			problems.add("instrument: " + instrument.get().key() + " is run as a 360, not as a campaign");
		}
		else if (instrument.get().network() && draft.anonymous()) {
			problems.add("anonymous: a network survey names the people each respondent works with, so it cannot be "
					+ "anonymous; it is confidential (named results for analysts and admins only)");
		}
		if (draft.opensOn() == null || draft.closesOn() == null) {
			problems.add("dates: opensOn and closesOn are required");
		}
		else if (!draft.closesOn().isAfter(draft.opensOn())) {
			problems.add("closesOn: must be after opensOn");
		}
		String scale = draft.scaleKey() == null || draft.scaleKey().isBlank() ? "agree5" : draft.scaleKey();
		if (instrument.isPresent() && instrument.get().network()) {
			scale = "agree5";
		}
		if (!ItemBank.scales().containsKey(scale)) {
			problems.add("scale: unknown '" + scale + "'; use one of " + ItemBank.scales().keySet());
		}
		if (draft.baselineId() != null) {
			Campaign baseline = find(tenantId, draft.baselineId());
			if (!baseline.instrument().network()
					&& (baseline.instrument().scalePoints() != ItemBank.scales().getOrDefault(scale, List.of()).size()
							|| !baseline.instrument().scale().equals(ItemBank.scales().get(scale)))) {
				problems.add("scale: a follow-up must use the baseline's scale, so the waves can be compared");
			}
			if (instrument.isPresent() && !baseline.instrument().key().equals(instrument.get().key())) {
				problems.add("baselineId: a follow-up must use the baseline's instrument ("
						+ baseline.instrument().key() + ")");
			}
			if (baseline.baselineId() != null) {
				problems.add("baselineId: link follow-ups to the baseline itself, not to another follow-up");
			}
		}
		if (!problems.isEmpty()) {
			throw new BadRequestException(String.join("; ", problems));
		}
		Audience audience = draft.audience() == null ? Audience.EVERYONE : draft.audience();
		int entries = audience.places().size() + audience.organisations().size() + audience.sectors().size()
				+ audience.staffGroups().size() + audience.seniorities().size() + audience.bodies().size();
		if (entries > MAX_AUDIENCE_ENTRIES || Answers.json(audience).length() > 4000) {
			throw new BadRequestException("audience: " + entries + " entries is more than a campaign can keep (at most "
					+ MAX_AUDIENCE_ENTRIES + "); choose whole places, organisations or sectors instead of long lists");
		}
		List<Views.Profile> people = this.system.profiles(tenantId, LocalDate.now())
			.values()
			.stream()
			.filter(audience::matches)
			.filter(p -> p.email() != null && !p.email().isBlank())
			.toList();
		if (people.isEmpty()) {
			throw new BadRequestException("audience: nobody with an e-mail address matches it");
		}
		String wave = draft.waveLabel() == null || draft.waveLabel().isBlank()
				? (draft.baselineId() == null ? "Baseline" : "Follow-up") : draft.waveLabel().strip();
		try {
			this.jdbc.sql(
					"insert into campaign (tenant_id, name, instrument_key, anonymous, opens_on, closes_on, baseline_id, "
							+ "wave_label, audience, status, created_by, created_on, scale_key) "
							+ "values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'DRAFT', ?, ?, ?)")
				.params(tenantId, name, instrument.get().key(), draft.anonymous(), Date.valueOf(draft.opensOn()),
						Date.valueOf(draft.closesOn()), draft.baselineId(), wave, Answers.json(audience), actor,
						Date.valueOf(LocalDate.now()), scale)
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new BadRequestException("name: a campaign called '" + name + "' already exists");
		}
		long id = lastId(tenantId, name);
		String secret = this.tokens.secret(tenantId);
		Date today = Date.valueOf(LocalDate.now());
		List<Object[]> rows = new ArrayList<>();
		for (Views.Profile p : people) {
			String salt = Tokens.salt();
			rows.add(new Object[] { tenantId, id, p.personId(), p.email(), salt,
					Tokens.hash(Tokens.token(secret, salt)), today });
		}
		this.batch.batchUpdate(
				"insert into campaign_invitation (tenant_id, campaign_id, person_id, email, salt, token_hash, status, "
						+ "invited_on) values (?, ?, ?, ?, ?, ?, 'INVITED', ?)",
				rows);
		this.audit.record(tenantId, actor, "CAMPAIGN_CREATED", "campaign " + id, name + " (" + instrument.get().key()
				+ ", " + people.size() + " invited" + (draft.anonymous() ? ", anonymous" : "") + ")");
		return id;
	}

	private long lastId(long tenantId, String name) {
		return this.jdbc.sql("select id from campaign where tenant_id = ? and name = ?")
			.params(tenantId, name)
			.query(Long.class)
			.single();
	}

	@Transactional(readOnly = true)
	public List<Campaign> list(long tenantId) {
		return this.jdbc.sql("select id from campaign where tenant_id = ? order by opens_on desc, id desc")
			.param(tenantId)
			.query(Long.class)
			.list()
			.stream()
			.map(id -> find(tenantId, id))
			.toList();
	}

	@Transactional(readOnly = true)
	public Campaign find(long tenantId, long id) {
		Campaign c = findWithoutCounts(tenantId, id);
		Map<String, Integer> counts = new LinkedHashMap<>();
		this.jdbc.sql(
				"select status, count(*) from campaign_invitation where tenant_id = ? and campaign_id = ? group by status")
			.params(tenantId, id)
			.query((rs, n) -> counts.put(rs.getString(1), rs.getInt(2)))
			.list();
		int submitted = counts.getOrDefault("SUBMITTED", 0);
		int started = counts.getOrDefault("STARTED", 0);
		int invited = submitted + started + counts.getOrDefault("INVITED", 0);
		return new Campaign(c.id(), c.name(), c.instrument(), c.anonymous(), c.opensOn(), c.closesOn(), c.baselineId(),
				c.baselineName(), c.waveLabel(), c.audience(), c.status(), invited, started, submitted, c.closedOn(),
				c.storedStatus(), c.thresholds(), c.linksHandedOutBy(), c.linksHandedOutOn(), c.linksHandedOutReason());
	}

	/**
	 * The campaign without its response counts (zero): what a respondent's link needs,
	 * without counting every invitation on every answer.
	 */
	Campaign findWithoutCounts(long tenantId, long id) {
		Campaign c = this.jdbc
			.sql("select c.id, c.name, c.instrument_key, c.anonymous, c.opens_on, c.closes_on, c.baseline_id, b.name, "
					+ "c.wave_label, c.audience, c.status, c.closed_on, c.scale_key, c.min_cell, c.min_comments, "
					+ "c.min_rater_group, c.links_handed_out_by, c.links_handed_out_on, c.links_handed_out_reason "
					+ "from campaign c "
					+ "left join campaign b on b.id = c.baseline_id where c.tenant_id = ? and c.id = ?")
			.params(tenantId, id)
			.query((rs, n) -> new Campaign(rs.getLong(1), rs.getString(2),
					ItemBank.withScale(ItemBank.instrument(rs.getString(3)).orElseThrow(), rs.getString(13)),
					rs.getBoolean(4), rs.getDate(5).toLocalDate(), rs.getDate(6).toLocalDate(),
					(Long) rs.getObject(7, Long.class), rs.getString(8), rs.getString(9), audience(rs.getString(10)),
					effectiveStatus(rs.getString(11), rs.getDate(5).toLocalDate(), rs.getDate(6).toLocalDate()), 0, 0,
					0, rs.getDate(12) == null ? null : rs.getDate(12).toLocalDate(), rs.getString(11),
					rs.getObject(14) == null ? null : new Thresholds(rs.getInt(14), rs.getInt(15), rs.getInt(16)),
					rs.getString(17), rs.getDate(18) == null ? null : rs.getDate(18).toLocalDate(), rs.getString(19)))
			.optional()
			.orElseThrow(() -> new NotFoundException("No campaign " + id));
		Thresholds thresholds = c.thresholds() != null ? c.thresholds() : this.engine.thresholds(tenantId);
		return new Campaign(c.id(), c.name(), c.instrument(), c.anonymous(), c.opensOn(), c.closesOn(), c.baselineId(),
				c.baselineName(), c.waveLabel(), c.audience(), c.status(), 0, 0, 0, c.closedOn(), c.storedStatus(),
				thresholds, c.linksHandedOutBy(), c.linksHandedOutOn(), c.linksHandedOutReason());
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

	@Transactional
	public void open(long tenantId, String actor, long id) {
		Campaign c = find(tenantId, id);
		if (!"DRAFT".equals(c.status())) {
			throw new BadRequestException(
					"Only a draft campaign can be opened; this one is " + c.status().toLowerCase());
		}
		// Thresholds are frozen now: lowering the tenant's later changes nothing here.
		Thresholds t = this.engine.thresholds(tenantId);
		this.jdbc
			.sql("update campaign set status = 'OPEN', min_cell = ?, min_comments = ?, min_rater_group = ? "
					+ "where tenant_id = ? and id = ?")
			.params(t.minCell(), t.minComments(), t.minRaterGroup(), tenantId, id)
			.update();
		this.audit.record(tenantId, actor, "CAMPAIGN_OPENED", "campaign " + id,
				c.name() + " (thresholds " + t.minCell() + "/" + t.minComments() + ")");
	}

	/** Closes a campaign for good: answers stop and results open. */
	@Transactional
	public void close(long tenantId, String actor, long id) {
		// The campaign row is locked first: a submission holds a shared lock on it from
		// its open check to its commit, so close waits for those in flight and none
		// commits after it.
		lockCampaign(tenantId, id, true);
		Campaign c = find(tenantId, id);
		if ("CLOSED".equals(c.storedStatus())) {
			return;
		}
		Thresholds t = c.thresholds();
		LocalDate closedOn = LocalDate.now();
		this.jdbc
			.sql("update campaign set status = 'CLOSED', closed_on = ?, min_cell = ?, min_comments = ?, "
					+ "min_rater_group = ? where tenant_id = ? and id = ?")
			.params(Date.valueOf(closedOn), t.minCell(), t.minComments(), t.minRaterGroup(), tenantId, id)
			.update();
		// The ballot box opens: every submission becomes a response now, together, in
		// random order, dated with the close.
		for (Ballots.Ballot b : this.ballots.open(tenantId, Ballots.Kind.CAMPAIGN, id)) {
			Map<String, Object> col = b.columns();
			String responseId = Ballots.newId();
			this.jdbc.sql(
					"insert into campaign_response (id, tenant_id, campaign_id, invitation_id, submitted_on, place_id, "
							+ "neighbourhood_id, organisation_id, sector, level_key, staff_group, seniority) "
							+ "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
				.params(responseId, tenantId, id, Ballots.asLong(col.get("invitation_id")), Date.valueOf(closedOn),
						Ballots.asLong(col.get("place_id")), Ballots.asLong(col.get("neighbourhood_id")),
						Ballots.asLong(col.get("organisation_id")), Ballots.asString(col.get("sector")),
						Ballots.asString(col.get("level_key")), Ballots.asString(col.get("staff_group")),
						Ballots.asString(col.get("seniority")))
				.update();
			insertAnswers(responseId, b.answers());
		}
		// Drafts never submitted are deleted: nothing unsent is kept.
		this.jdbc.sql("update campaign_invitation set draft = null where tenant_id = ? and campaign_id = ?")
			.params(tenantId, id)
			.update();
		this.audit.record(tenantId, actor, "CAMPAIGN_CLOSED", "campaign " + id, c.name());
	}

	/**
	 * Closes, for good, every open campaign past its closing date (each with the same
	 * lock as a close by hand), so drafts are cleared and results open. Run every minute;
	 * safe on several instances at once.
	 */
	@org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "${balcony.campaigns.sweep:60s}",
			initialDelayString = "5s")
	public void closeDue() {
		List<long[]> due = this.jdbc
			.sql("select tenant_id, id from campaign where status in ('OPEN', 'DRAFT') and closes_on < ?")
			.param(Date.valueOf(LocalDate.now()))
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.list();
		for (long[] d : due) {
			this.self.getObject().close(d[0], "system (closing date passed)", d[1]);
		}
	}

	/**
	 * Locks the campaign row for this transaction: shared for a submission, exclusive for
	 * a close. (H2, the embedded database, has no shared row locks; there a submission
	 * takes the exclusive lock, which only serialises submissions on one instance.)
	 */
	void lockCampaign(long tenantId, long id, boolean exclusive) {
		String mode = exclusive || !postgres() ? "for update" : "for share";
		this.jdbc.sql("select id from campaign where tenant_id = ? and id = ? " + mode)
			.params(tenantId, id)
			.query(Long.class)
			.list();
	}

	private Boolean postgres;

	private boolean postgres() {
		if (this.postgres == null) {
			this.postgres = Boolean.TRUE.equals(this.batch.execute((java.sql.Connection con) -> con.getMetaData()
				.getDatabaseProductName()
				.toLowerCase(java.util.Locale.ROOT)
				.contains("postgres")));
		}
		return this.postgres;
	}

	/**
	 * Everyone's link, for handing out by hand. Whoever holds the links can answer for
	 * anyone who has not, so this is an explicit decision: audited, recorded on the
	 * campaign and shown with its results.
	 */
	@Transactional
	public List<Link> links(long tenantId, String actor, long id, String reason) {
		Campaign c = find(tenantId, id);
		String why = handOutReason(reason);
		this.jdbc
			.sql("update campaign set links_handed_out_by = ?, links_handed_out_on = ?, "
					+ "links_handed_out_reason = ? where id = ?")
			.params(actor, Date.valueOf(LocalDate.now()), why, id)
			.update();
		List<Link> links = linkList(tenantId, id);
		this.audit.record(tenantId, actor, "CAMPAIGN_LINKS_EXPORTED", "campaign " + id,
				c.name() + " (" + links.size() + " links handed out by hand: " + why + ")");
		return links;
	}

	/**
	 * Everyone's link without recording a hand-out: only for demo data answered
	 * in-process by Balcony itself, never for people.
	 */
	public List<Link> demoLinks(long tenantId, long id) {
		return linkList(tenantId, id);
	}

	private List<Link> linkList(long tenantId, long id) {
		String secret = this.tokens.secret(tenantId);
		return this.jdbc.sql(
				"select p.name, i.email, i.salt, i.status from campaign_invitation i left join person p on p.id = i.person_id "
						+ "where i.tenant_id = ? and i.campaign_id = ? order by p.name, i.id")
			.params(tenantId, id)
			.query((rs, n) -> new Link(rs.getString(1), rs.getString(2), Tokens.token(secret, rs.getString(3)),
					rs.getString(4)))
			.list();
	}

	/** Checks the reason given for handing links out by hand; returns it stripped. */
	public static String handOutReason(String reason) {
		String why = reason == null ? "" : reason.strip();
		if (why.isEmpty()) {
			throw new BadRequestException("reason: say why the links are handed out by hand rather than sent by "
					+ "Balcony (whoever holds them can answer for anyone who has not); it is shown with the results");
		}
		if (why.length() > 500) {
			throw new BadRequestException("reason: at most 500 characters");
		}
		return why;
	}

	/**
	 * Response counts by a grouping of the invited people; groups under the threshold are
	 * pooled.
	 */
	public record Rate(String label, int invited, int submitted) {

		public int percent() {
			return this.invited == 0 ? 0 : (int) Math.round(100.0 * this.submitted / this.invited);
		}

	}

	@Transactional(readOnly = true)
	public List<Rate> rates(long tenantId, long id, Grouping grouping) {
		find(tenantId, id);
		Map<Long, Views.Profile> profiles = this.system.profiles(tenantId, LocalDate.now());
		Views.Names names = this.system.names(tenantId);
		Map<String, int[]> counts = new java.util.TreeMap<>();
		this.jdbc.sql("select person_id, status from campaign_invitation where tenant_id = ? and campaign_id = ?")
			.params(tenantId, id)
			.query((rs, n) -> {
				Views.Profile p = profiles.get(rs.getLong(1));
				String label = grouping.label(p == null ? null : grouping.value(p), names);
				int[] c = counts.computeIfAbsent(label, k -> new int[2]);
				c[0]++;
				if ("SUBMITTED".equals(rs.getString(2))) {
					c[1]++;
				}
				return null;
			})
			.list();
		int k = this.engine.thresholds(tenantId).minCell();
		List<Rate> out = new ArrayList<>();
		int[] pooled = new int[2];
		counts.forEach((label, c) -> {
			if (c[0] < k) {
				pooled[0] += c[0];
				pooled[1] += c[1];
			}
			else {
				out.add(new Rate(label, c[0], c[1]));
			}
		});
		if (pooled[0] > 0) {
			out.add(new Rate("Smaller groups (fewer than " + k + " invited each)", pooled[0], pooled[1]));
		}
		return out;
	}

	// ---------------------------------------------------------------- respondents

	/** The page a campaign respondent sees. */
	public SurveyPage page(Survey s) {
		Campaign c = s.campaign();
		String intro = c.anonymous()
				? "This survey is anonymous. Balcony keeps no link between your invitation and your answers, and records only the day you answer."
				: "Your answers are reported only together with others, in groups large enough that nobody's answers can be picked out.";
		return new SurveyPage(c.name(), c.instrument(), c.instrument().description() + " " + intro, "", c.opensOn(),
				c.closesOn(), c.status(), s.submitted(), s.draft(), s.use());
	}

	/** What a respondent's link opens. */
	public record Survey(long tenantId, long invitationId, Campaign campaign, String status, Map<String, String> draft,
			Long personId, SurveyPage.Use use) {

		/** True when answers are being saved through this link somewhere else. */
		public boolean inUseElsewhere() {
			return this.use.inUseElsewhere();
		}

		public boolean submitted() {
			return "SUBMITTED".equals(this.status);
		}

	}

	@Transactional(readOnly = true)
	public Optional<Survey> survey(String token) {
		if (!Tokens.plausible(token)) {
			return Optional.empty();
		}
		return this.jdbc
			.sql("select tenant_id, id, campaign_id, status, draft, person_id, submitted_on from campaign_invitation "
					+ "where token_hash = ?")
			.param(Tokens.hash(token))
			.query((rs, n) -> new Survey(rs.getLong(1), rs.getLong(2), null, rs.getString(4),
					Answers.draft(rs.getString(5)), (Long) rs.getObject(6, Long.class),
					new SurveyPage.Use(false, null, 0, rs.getDate(7) == null ? null : rs.getDate(7).toLocalDate())))
			.optional()
			.map(s -> {
				long campaignId = this.jdbc.sql("select campaign_id from campaign_invitation where id = ?")
					.param(s.invitationId())
					.query(Long.class)
					.single();
				LinkBinding.State b = this.binding.state(s.invitationId(), token);
				// The draft is the holder's alone: nobody else with the link reads it.
				return new Survey(s.tenantId(), s.invitationId(), findWithoutCounts(s.tenantId(), campaignId),
						s.status(), b.elsewhere() ? Map.of() : s.draft(), s.personId(),
						new SurveyPage.Use(b.elsewhere(), b.boundAt(), b.restarts(), s.use().submittedOn()));
			});
	}

	/**
	 * Starts a link again on this device: the draft saved through it elsewhere is
	 * discarded unread, and from now on only this device can change or submit answers.
	 */
	@Transactional
	public Survey restart(String token) {
		Survey s = answerable(token);
		this.binding.restart(s.invitationId(), token);
		return survey(token).orElseThrow();
	}

	/**
	 * Replaces the draft of a survey whose answers another module checks (a network
	 * survey's ties): the caller has validated {@code values}.
	 */
	@Transactional
	public Survey replaceDraft(String token, Map<String, String> values) {
		return storeDraft(token, answerable(token), values);
	}

	/** Keeps answers so far, marking the invitation started, and returns the survey. */
	private Survey storeDraft(String token, Survey s, Map<String, String> values) {
		this.binding.requireHolder(s.invitationId(), token);
		this.jdbc.sql(
				"update campaign_invitation set draft = ?, status = case when status = 'INVITED' then 'STARTED' else status end "
						+ "where id = ? and status <> 'SUBMITTED'")
			.params(Answers.json(values), s.invitationId())
			.update();
		return survey(token).orElseThrow();
	}

	/**
	 * Claims a survey link for submission, within the caller's transaction, so that the
	 * caller's writes and the claim stand or fall together. Empty when the link was
	 * already used (a retry or double click: the caller changes nothing).
	 * @throws NotFoundException for an unknown link
	 * @throws BadRequestException when the campaign is not open
	 */
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
	public Optional<Survey> claim(String token) {
		Survey found = survey(token).orElseThrow(() -> new NotFoundException("This survey link is not valid."));
		// Held until commit: a close waits for this submission, or this one sees it
		// closed.
		lockCampaign(found.tenantId(), found.campaign().id(), false);
		Survey s = survey(token).orElseThrow();
		if (s.submitted()) {
			return Optional.empty();
		}
		// Only whoever holds the link's key submits through it (an unbound link binds
		// to this caller now).
		this.binding.requireHolder(s.invitationId(), token);
		if (!s.campaign().acceptsAnswers()) {
			throw new BadRequestException("This survey is " + s.campaign().status().toLowerCase() + ".");
		}
		// An anonymous campaign's invitation keeps no day: with the responses it would
		// narrow who answered what.
		int claimed = this.jdbc
			.sql("update campaign_invitation set status = 'SUBMITTED', submitted_on = ?, draft = null "
					+ "where id = ? and status <> 'SUBMITTED'")
			.params(s.campaign().anonymous() ? null : Date.valueOf(LocalDate.now()), s.invitationId())
			.update();
		return claimed == 0 ? Optional.empty() : Optional.of(s);
	}

	/** Saves answers so far. Unknown questions and out-of-range answers are refused. */
	@Transactional
	public Survey save(String token, Map<String, String> answers) {
		Survey s = answerable(token);
		notNetwork(s);
		Map<String, String> clean = validate(s.campaign().instrument(), answers, false);
		Map<String, String> merged = new LinkedHashMap<>(s.draft());
		merged.putAll(clean);
		return storeDraft(token, s, merged);
	}

	/**
	 * Submits a response. Every rating item must be answered. Idempotent: a second submit
	 * (a retry, a double click) finds the invitation already used and changes nothing.
	 * Returns true when this call created the response.
	 */
	@Transactional
	public boolean submit(String token, Map<String, String> answers) {
		Survey s = survey(token).orElseThrow(() -> new NotFoundException("This survey link is not valid."));
		notNetwork(s);
		if (s.submitted()) {
			return false;
		}
		if (s.inUseElsewhere()) {
			throw new app.balcony.shared.ConflictException(
					LinkBinding.inUseElsewhere(this.binding.state(s.invitationId(), token)));
		}
		if (!s.campaign().acceptsAnswers()) {
			throw new BadRequestException("This survey is " + s.campaign().status().toLowerCase() + ".");
		}
		Map<String, String> merged = new LinkedHashMap<>(s.draft());
		merged.putAll(validate(s.campaign().instrument(), answers, false));
		validate(s.campaign().instrument(), merged, true);
		LocalDate today = LocalDate.now();
		Optional<Survey> claimed = claim(token);
		if (claimed.isEmpty()) {
			return false;
		}
		// The draft as it stood under the lock (a save racing this submit is in it).
		merged = new LinkedHashMap<>(claimed.get().draft());
		merged.putAll(validate(s.campaign().instrument(), answers, false));
		validate(s.campaign().instrument(), merged, true);
		Long personId = this.jdbc.sql("select person_id from campaign_invitation where id = ?")
			.param(s.invitationId())
			.query(Long.class)
			.single();
		Views.Profile profile = personId == null ? null
				: this.system.profile(s.tenantId(), personId, today).orElse(null);
		// Sealed with the claim, in this transaction; it becomes a response when the
		// campaign closes (see Ballots).
		this.ballots.cast(s.tenantId(), Ballots.Kind.CAMPAIGN, s.campaign().id(),
				Ballots.columns("invitation_id", s.campaign().anonymous() ? null : s.invitationId(), "place_id",
						profile == null ? null : profile.placeId(), "neighbourhood_id",
						profile == null ? null : profile.neighbourhoodId(), "organisation_id",
						profile == null ? null : profile.organisationId(), "sector",
						profile == null ? null : profile.sector(), "level_key",
						profile == null ? null : profile.level(), "staff_group",
						profile == null ? null : profile.staffGroup(), "seniority",
						profile == null ? null : profile.seniority()),
				merged);
		return true;
	}

	void insertAnswers(String responseId, Map<String, String> answers) {
		Answers.insert(this.jdbc, "campaign_answer", responseId, answers);
	}

	private static void notNetwork(Survey s) {
		if (s.campaign().instrument().network()) {
			throw new BadRequestException(
					"This is a network survey: answer it at /s/{token}/network or /api/v1/network-surveys/{token}");
		}
	}

	private Survey answerable(String token) {
		Survey s = survey(token).orElseThrow(() -> new NotFoundException("This survey link is not valid."));
		if (s.submitted()) {
			throw new BadRequestException("This survey has already been submitted. Thank you.");
		}
		if (!s.campaign().acceptsAnswers()) {
			throw new BadRequestException("This survey is " + s.campaign().status().toLowerCase() + ".");
		}
		return s;
	}

	/**
	 * Checks answers against the instrument: rating items take 1..points (or "na" where
	 * the instrument allows not observing), importance 1..5, open questions text up to
	 * 4,000 characters. With {@code complete}, every rating item must be answered.
	 */
	static Map<String, String> validate(Instrument instrument, Map<String, String> answers, boolean complete) {
		Map<String, String> out = new LinkedHashMap<>();
		List<String> problems = new ArrayList<>();
		java.util.Set<String> items = new java.util.HashSet<>();
		instrument.items().forEach(i -> items.add(i.key()));
		java.util.Set<String> open = new java.util.HashSet<>();
		instrument.open().forEach(q -> open.add(q.key()));
		java.util.Set<String> groups = new java.util.HashSet<>();
		instrument.sections().forEach(s -> groups.add("importance." + s.groupKey()));
		for (Map.Entry<String, String> e : answers.entrySet()) {
			String key = e.getKey();
			String v = e.getValue() == null ? "" : e.getValue().strip();
			if (v.isEmpty()) {
				continue;
			}
			if (items.contains(key)) {
				if ("na".equals(v) && instrument.notObserved()) {
					out.put(key, v);
				}
				else if (v.matches("[1-9]") && Integer.parseInt(v) <= instrument.scalePoints()) {
					out.put(key, v);
				}
				else {
					problems.add(key + ": answer 1 to " + instrument.scalePoints()
							+ (instrument.notObserved() ? " or 'not able to observe'" : ""));
				}
			}
			else if (open.contains(key)) {
				if (v.length() > MAX_TEXT) {
					problems.add(key + ": at most " + MAX_TEXT + " characters");
				}
				else {
					out.put(key, v);
				}
			}
			else if (instrument.importance() && groups.contains(key)) {
				if (v.matches("[1-5]")) {
					out.put(key, v);
				}
				else {
					problems.add(key + ": importance is 1 to 5");
				}
			}
			else if (!key.equals("_csrf") && !key.equals("action")) {
				problems.add(key + ": not a question of this survey");
			}
		}
		if (complete) {
			List<String> missing = instrument.items()
				.stream()
				.map(Instrument.Item::key)
				.filter(k -> !out.containsKey(k))
				.toList();
			if (!missing.isEmpty()) {
				problems.add("Please answer every statement before submitting; " + missing.size() + " still open ("
						+ String.join(", ", missing.subList(0, Math.min(5, missing.size())))
						+ (missing.size() > 5 ? ", …" : "") + ")");
			}
		}
		if (!problems.isEmpty()) {
			throw new BadRequestException(String.join("; ", problems));
		}
		return out;
	}

	private static Audience audience(String json) {
		try {
			return Answers.JSON.readValue(json, Audience.class);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Stored audience is not valid JSON", ex);
		}
	}

}
