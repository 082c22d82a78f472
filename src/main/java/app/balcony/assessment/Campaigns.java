package app.balcony.assessment;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import app.balcony.identity.AuditLog;
import app.balcony.privacy.AnonymityEngine;
import app.balcony.privacy.Thresholds;
import app.balcony.shared.BadRequestException;
import app.balcony.shared.Batch;
import app.balcony.shared.NotFoundException;
import app.balcony.system.directory.Directory;
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

	private final JdbcClient jdbc;

	private final CampaignStore store;

	private final CampaignRespondents respondents;

	private final Directory directory;

	private final AuditLog audit;

	private final AnonymityEngine engine;

	private final Tokens tokens;

	private final org.springframework.beans.factory.ObjectProvider<Campaigns> self;

	private final Ballots ballots;

	Campaigns(JdbcClient jdbc, Batch batch, Directory directory, AuditLog audit, AnonymityEngine engine, Tokens tokens,
			org.springframework.beans.factory.ObjectProvider<Campaigns> self, Ballots ballots, SurveyRoutes routes) {
		this.self = self;
		this.ballots = ballots;
		this.tokens = tokens;
		this.jdbc = jdbc;
		this.directory = directory;
		this.audit = audit;
		this.engine = engine;
		this.store = new CampaignStore(jdbc, batch);
		this.respondents = new CampaignRespondents(this, this.store, directory, new TokenLinks(jdbc,
				"campaign_invitation", "campaign_id", List.of("person_id"), "This survey link is not valid."), ballots,
				routes);
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
		List<Views.Profile> people = this.directory.profiles(tenantId, LocalDate.now())
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
		long id;
		try {
			id = this.store.insert(tenantId, name, instrument.get().key(), draft.anonymous(), draft.opensOn(),
					draft.closesOn(), draft.baselineId(), wave, Answers.json(audience), actor, scale);
		}
		catch (DuplicateKeyException ex) {
			throw new BadRequestException("name: a campaign called '" + name + "' already exists");
		}
		String secret = this.tokens.secret(tenantId);
		List<CampaignStore.NewInvitation> invitations = new ArrayList<>();
		for (Views.Profile p : people) {
			String salt = Tokens.salt();
			invitations.add(new CampaignStore.NewInvitation(p.personId(), p.email(), salt,
					Tokens.hash(Tokens.token(secret, salt))));
		}
		this.store.invite(tenantId, id, invitations);
		this.audit.record(tenantId, actor, "CAMPAIGN_CREATED", "campaign " + id, name + " (" + instrument.get().key()
				+ ", " + people.size() + " invited" + (draft.anonymous() ? ", anonymous" : "") + ")");
		return id;
	}

	@Transactional(readOnly = true)
	public List<Campaign> list(long tenantId) {
		return this.store.ids(tenantId).stream().map(id -> find(tenantId, id)).toList();
	}

	@Transactional(readOnly = true)
	public Campaign find(long tenantId, long id) {
		Campaign c = findWithoutCounts(tenantId, id);
		Map<String, Integer> counts = this.store.counts(tenantId, id);
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
		Campaign c = this.store.find(tenantId, id);
		Thresholds thresholds = c.thresholds() != null ? c.thresholds() : this.engine.thresholds(tenantId);
		return new Campaign(c.id(), c.name(), c.instrument(), c.anonymous(), c.opensOn(), c.closesOn(), c.baselineId(),
				c.baselineName(), c.waveLabel(), c.audience(), c.status(), 0, 0, 0, c.closedOn(), c.storedStatus(),
				thresholds, c.linksHandedOutBy(), c.linksHandedOutOn(), c.linksHandedOutReason());
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
		this.store.markOpen(tenantId, id, t);
		this.audit.record(tenantId, actor, "CAMPAIGN_OPENED", "campaign " + id,
				c.name() + " (thresholds " + t.minCell() + "/" + t.minComments() + ")");
	}

	/** Closes a campaign for good: answers stop and results open. */
	@Transactional
	public void close(long tenantId, String actor, long id) {
		// The campaign row is locked first: a submission holds a shared lock on it from
		// its open check to its commit, so close waits for those in flight and none
		// commits after it.
		this.store.lock(tenantId, id, true);
		Campaign c = find(tenantId, id);
		if ("CLOSED".equals(c.storedStatus())) {
			return;
		}
		Thresholds t = c.thresholds();
		LocalDate closedOn = LocalDate.now();
		this.store.markClosed(tenantId, id, closedOn, t);
		// The ballot box opens: every submission becomes a response now, together, in
		// random order, dated with the close.
		for (Ballots.Ballot b : this.ballots.open(tenantId, Ballots.Kind.CAMPAIGN, id)) {
			String responseId = Ballots.newId();
			this.store.insertResponse(responseId, tenantId, id, closedOn, b.columns());
			insertAnswers(responseId, b.answers());
		}
		// Drafts never submitted are deleted: nothing unsent is kept.
		this.store.clearDrafts(tenantId, id);
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
		List<long[]> due = this.store.due(LocalDate.now());
		for (long[] d : due) {
			this.self.getObject().close(d[0], "system (closing date passed)", d[1]);
		}
	}

	/**
	 * Locks the campaign row for this transaction: shared for a submission, exclusive for
	 * a close (see {@link CampaignStore#lock}).
	 */
	void lockCampaign(long tenantId, long id, boolean exclusive) {
		this.store.lock(tenantId, id, exclusive);
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
		this.store.markHandedOut(tenantId, id, actor, why);
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
		List<CampaignStore.InvitationRow> rows = this.store.invitations(tenantId, id);
		Map<Long, Views.RosterEntry> people = this.directory.rosterEntries(tenantId,
				rows.stream().map(CampaignStore.InvitationRow::personId).filter(java.util.Objects::nonNull).toList());
		java.util.function.Function<CampaignStore.InvitationRow, String> name = r -> r.personId() == null
				|| !people.containsKey(r.personId()) ? null : people.get(r.personId()).name();
		return rows.stream()
			.sorted(java.util.Comparator.comparing(name, java.util.Comparator.nullsLast(String::compareTo)))
			.map(r -> new Link(name.apply(r), r.email(), Tokens.token(secret, r.salt()), r.status()))
			.toList();
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
		return ResponseRates.of(this.store.invitations(tenantId, id),
				this.directory.profiles(tenantId, LocalDate.now()), this.directory.names(tenantId), grouping,
				this.engine.thresholds(tenantId).minCell());
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

	/** What a respondent's link opens. */
	@Transactional(readOnly = true)
	public Optional<Survey> survey(String token) {
		return this.respondents.survey(token);
	}

	/**
	 * Starts a link again on this device: the draft saved through it elsewhere is
	 * discarded unread, and from now on only this device can change or submit answers.
	 */
	@Transactional
	public Survey restart(String token) {
		return this.respondents.restart(token);
	}

	/**
	 * Replaces the draft of a survey whose answers another module checks (a network
	 * survey's ties): the caller has validated {@code values}.
	 */
	@Transactional
	public Survey replaceDraft(String token, Map<String, String> values) {
		return this.respondents.replaceDraft(token, values);
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
		return this.respondents.claim(token);
	}

	/** Saves answers so far. Unknown questions and out-of-range answers are refused. */
	@Transactional
	public Survey save(String token, Map<String, String> answers) {
		return this.respondents.save(token, answers);
	}

	/**
	 * Submits a response. Every rating item must be answered. Idempotent: a second submit
	 * (a retry, a double click) finds the invitation already used and changes nothing.
	 * Returns true when this call created the response.
	 */
	@Transactional
	public boolean submit(String token, Map<String, String> answers) {
		return this.respondents.submit(token, answers);
	}

	void insertAnswers(String responseId, Map<String, String> answers) {
		Answers.insert(this.jdbc, "campaign_answer", responseId, answers);
	}

}
