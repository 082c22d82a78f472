package app.balcony.assessment;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import app.balcony.identity.AuditLog;
import app.balcony.identity.BalconyUser;
import app.balcony.identity.TenantAccounts;
import app.balcony.privacy.AnonymityEngine;
import app.balcony.privacy.Thresholds;
import app.balcony.shared.BadRequestException;
import app.balcony.shared.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 360 feedback for a leader: they (or the OD team for them) nominate raters by
 * relationship, each rater answers by a single-use link, the leader rates themselves, and
 * the report is visible only to the leader and the facilitator they chose. Rater groups
 * below the tenant's minimum are not shown (the line manager's group is exempt only when
 * raters are told beforehand that it is identifiable), through the anonymity engine.
 */
@Service
public class ThreeSixty {

	/**
	 * How far self and others must differ (scale points) to flag a blind spot or hidden
	 * strength.
	 */
	public static final double GAP = 1.0;

	public enum Relationship {

		SELF("Self"), MANAGER("Line manager"), PEER("Peers"), DIRECT_REPORT("Direct reports"),
		PARTNER("Partners in other organisations or sectors"),
		COMMUNITY("People with lived experience and community members"), OTHER("Others");

		private final String label;

		Relationship(String label) {
			this.label = label;
		}

		public String label() {
			return this.label;
		}

	}

	public record Feedback(long id, String subjectUsername, String subjectName, String facilitatorUsername,
			boolean managerIdentifiable, LocalDate opensOn, LocalDate closesOn, String status,
			Map<Relationship, int[]> counts, String storedStatus, String createdBy, Thresholds thresholds,
			String linksHandedOutBy, LocalDate linksHandedOutOn, String linksHandedOutReason) {

		public boolean linksHandedOut() {
			return this.linksHandedOutBy != null;
		}

		public boolean open() {
			return "OPEN".equals(this.status);
		}

		/**
		 * The report opens once the 360 is closed for good (raters frozen, no answer can
		 * arrive), so nothing can be learnt from how it changes.
		 */
		public boolean reportOpen() {
			return "CLOSED".equals(this.storedStatus);
		}

	}

	/**
	 * {@code inSystemModel}: the address is a person's in the system model;
	 * {@code mailed}: Balcony mailed them their link.
	 */
	public record Rater(long id, Relationship relationship, String name, String email, String status,
			boolean inSystemModel, boolean mailed) {
	}

	public record Link(String name, String email, String relationship, String token, String status) {
	}

	public record Action(long id, String action, LocalDate dueOn, String progress) {
	}

	private final JdbcClient jdbc;

	private final FeedbackStore store;

	private final FeedbackReport reports;

	private final FeedbackRaterLinks raterLinks;

	private final Tokens tokens;

	private final AnonymityEngine engine;

	private final TenantAccounts accounts;

	private final AuditLog audit;

	private final Ballots ballots;

	private final app.balcony.system.directory.Directory system;

	ThreeSixty(JdbcClient jdbc, Tokens tokens, AnonymityEngine engine, TenantAccounts accounts, AuditLog audit,
			app.balcony.system.directory.Directory system, Ballots ballots) {
		this.system = system;
		this.ballots = ballots;
		this.jdbc = jdbc;
		this.tokens = tokens;
		this.engine = engine;
		this.accounts = accounts;
		this.audit = audit;
		this.store = new FeedbackStore(jdbc);
		this.reports = new FeedbackReport(this.store, engine, audit);
		this.raterLinks = new FeedbackRaterLinks(this.store, jdbc, ballots);
	}

	public static Instrument instrument() {
		return ItemBank.instrument("leadership_360").orElseThrow();
	}

	/**
	 * Starts a 360 for a leader (an account of the tenant): the leader, or an admin or
	 * analyst for them. Creates the leader's own rating link.
	 */
	@Transactional
	public long start(BalconyUser actor, String subjectUsername, String facilitatorUsername,
			boolean managerIdentifiable, LocalDate closesOn) {
		String subject = subjectUsername == null || subjectUsername.isBlank() ? actor.getUsername() : subjectUsername;
		if (!subject.equals(actor.getUsername()) && !isOd(actor)) {
			throw new AccessDeniedException("Only admins and analysts can start a 360 for someone else");
		}
		BalconyUser leader = this.accounts.user(actor.tenantId(), subject.strip())
			.orElseThrow(() -> new BadRequestException("subject: no account '" + subject + "' in this ICS"));
		String typed = facilitatorUsername == null || facilitatorUsername.isBlank() ? null
				: facilitatorUsername.strip();
		// The accounts as stored, however they were typed.
		String facilitator = typed == null ? null
				: this.accounts.user(actor.tenantId(), typed)
					.map(BalconyUser::getUsername)
					.orElseThrow(() -> new BadRequestException("facilitator: no account '" + typed + "' in this ICS"));
		if (leader.getUsername().equalsIgnoreCase(facilitator)) {
			throw new BadRequestException("facilitator: choose someone other than the leader");
		}
		if (facilitator != null && !leader.getUsername().equalsIgnoreCase(actor.getUsername())
				&& facilitator.equalsIgnoreCase(actor.getUsername())) {
			throw new BadRequestException("facilitator: whoever sets up a 360 for someone else cannot be its "
					+ "facilitator (they would read a report they manage the raters of); choose someone else");
		}
		LocalDate today = LocalDate.now();
		if (closesOn == null || !closesOn.isAfter(today)) {
			throw new BadRequestException("closesOn: must be after today");
		}
		// Thresholds are frozen when the 360 opens.
		Thresholds frozen = this.engine.thresholds(actor.tenantId());
		long id = this.store.insert(actor.tenantId(), leader.getUsername(), leader.displayName(), facilitator,
				instrument().key(), managerIdentifiable, today, closesOn, actor.getUsername(), frozen);
		addRater(actor.tenantId(), id, Relationship.SELF, leader.displayName(), null, null);
		this.audit.record(actor.tenantId(), actor.getUsername(), "FEEDBACK_STARTED", "feedback " + id,
				"360 for " + leader.getUsername() + (facilitator == null ? "" : ", facilitator " + facilitator));
		return id;
	}

	private static boolean isOd(BalconyUser user) {
		return user.role() == app.balcony.identity.Role.ADMIN || user.role() == app.balcony.identity.Role.ANALYST;
	}

	/**
	 * Feedback the user may manage: their own, ones they facilitate, and (OD) ones they
	 * set up.
	 */
	@Transactional(readOnly = true)
	public List<Feedback> mine(BalconyUser user) {
		return this.store.idsFor(user.tenantId(), user.getUsername())
			.stream()
			.map(id -> this.store.load(user.tenantId(), id))
			.toList();
	}

	/**
	 * A 360 for someone allowed to manage it (the leader, the facilitator, or who set it
	 * up).
	 */
	@Transactional(readOnly = true)
	public Feedback manage(BalconyUser user, long id) {
		Feedback f = this.store.load(user.tenantId(), id);
		String creator = this.store.createdBy(user.tenantId(), id);
		if (!user.getUsername().equals(f.subjectUsername()) && !user.getUsername().equals(f.facilitatorUsername())
				&& !user.getUsername().equals(creator)) {
			throw new NotFoundException("No 360 " + id);
		}
		return f;
	}

	/**
	 * Nominates a rater. Every rater has their own e-mail address, so that Balcony can
	 * mail them their link and nobody else sees it: a person's in the system model (they
	 * are linked to it) or an external address, never the leader's or the facilitator's
	 * (who read the report), and never one already nominated for this 360.
	 */
	@Transactional
	public void nominate(BalconyUser user, long id, Relationship relationship, String name, String email) {
		Feedback f = manage(user, id);
		if (!f.open()) {
			throw new BadRequestException("This 360 is closed");
		}
		if (relationship == null || relationship == Relationship.SELF) {
			throw new BadRequestException("relationship: choose how the rater knows the leader");
		}
		if (name == null || name.isBlank() || name.length() > 200) {
			throw new BadRequestException("name: required, at most 200 characters");
		}
		if (email == null || email.isBlank()) {
			throw new BadRequestException(
					"email: required, so that Balcony can send the rater their own link (nobody else sees it)");
		}
		String address = MailAddress.parse("email", email);
		String mailbox = MailAddress.mailbox(address);
		if (mailbox.equals(MailAddress.mailbox(f.subjectUsername()))
				|| mailbox.equals(MailAddress.mailbox(f.facilitatorUsername()))) {
			throw new BadRequestException("email: the leader and the facilitator read the report, so they cannot "
					+ "also be raters; the leader rates themselves with their own link");
		}
		boolean taken = this.store.raterEmails(id).stream().anyMatch(e -> mailbox.equals(MailAddress.mailbox(e)));
		if (taken) {
			throw new BadRequestException(
					"email: " + address + " reaches a rater of this 360 already; each rater once");
		}
		Long person = this.system.personByEmail(user.tenantId(), address).orElse(null);
		addRater(user.tenantId(), id, relationship, name.strip(), address, person);
		this.audit.record(user.tenantId(), user.getUsername(), "FEEDBACK_RATER_NOMINATED", "feedback " + id,
				relationship.name() + (person == null ? ", external address" : ", person " + person));
	}

	private void addRater(long tenantId, long feedbackId, Relationship relationship, String name, String email,
			Long personId) {
		String salt = Tokens.salt();
		this.store.addRater(tenantId, feedbackId, relationship, name, email, salt,
				Tokens.hash(Tokens.token(this.tokens.secret(tenantId), salt)), personId);
	}

	/** The leader's own rating link (theirs alone; not a hand-out). */
	@Transactional(readOnly = true)
	public Optional<String> selfToken(BalconyUser user, long id) {
		Feedback f = this.store.load(user.tenantId(), id);
		if (!user.getUsername().equals(f.subjectUsername())) {
			return Optional.empty();
		}
		return this.store.selfSalt(id).map(salt -> Tokens.token(this.tokens.secret(user.tenantId()), salt));
	}

	@Transactional(readOnly = true)
	public List<Rater> raters(BalconyUser user, long id) {
		manage(user, id);
		return this.store.raters(id);
	}

	/**
	 * Every rater's link, for handing out by hand. Whoever holds them can answer as any
	 * rater who has not, so this is an explicit decision: audited, recorded and shown on
	 * the report.
	 */
	@Transactional
	public List<Link> links(BalconyUser user, long id, String reason) {
		manage(user, id);
		String why = Campaigns.handOutReason(reason);
		this.store.markHandedOut(user.tenantId(), id, user.getUsername(), why);
		this.audit.record(user.tenantId(), user.getUsername(), "FEEDBACK_LINKS_EXPORTED", "feedback " + id,
				"rater links handed out by hand: " + why);
		// The leader's own link is theirs alone (Rate yourself), never in the file.
		String self = Relationship.SELF.label();
		return linkList(user.tenantId(), id).stream().filter(l -> !l.relationship().equals(self)).toList();
	}

	/** The links without recording a hand-out: for in-process demo raters only. */
	List<Link> linkList(long tenantId, long id) {
		String secret = this.tokens.secret(tenantId);
		return this.store.linkRows(id)
			.stream()
			.map(r -> new Link(r.name(), r.email(), r.relationship().label(), Tokens.token(secret, r.salt()),
					r.status()))
			.toList();
	}

	@Transactional
	public void close(BalconyUser user, long id) {
		manage(user, id);
		closeNow(id);
	}

	/**
	 * Closes for good: the row is locked first, so a rater's submission in flight (which
	 * holds the same lock from its open check to its commit) either lands before or sees
	 * it closed. Raters are frozen from then on and drafts deleted.
	 */
	private void closeNow(long id) {
		this.store.lock(id);
		Long tenantId = this.store.tenantIfNotClosed(id).orElse(null);
		if (tenantId == null) {
			return;
		}
		this.store.markClosed(id);
		// The ballot box opens: every rater's answers become responses now, together, in
		// random order, dated with the close.
		LocalDate today = LocalDate.now();
		for (Ballots.Ballot b : this.ballots.open(tenantId, Ballots.Kind.FEEDBACK, id)) {
			String responseId = Ballots.newId();
			this.store.insertResponse(responseId, tenantId, id, Ballots.asString(b.columns().get("relationship")),
					today);
			insertAnswers(responseId, b.answers());
		}
		this.store.clearDrafts(id);
	}

	/** Closes every 360 past its closing date (see {@link Campaigns#closeDue()}). */
	@org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "${balcony.campaigns.sweep:60s}",
			initialDelayString = "7s")
	@Transactional
	public void closeDue() {
		this.store.dueIds(LocalDate.now()).forEach(this::closeNow);
	}

	/** Starts a rater link again on this device (see {@link Campaigns#restart}). */
	@Transactional
	public SurveyPage restart(String token) {
		return this.raterLinks.restart(token);
	}

	/** What a rater's link opens. */
	@Transactional(readOnly = true)
	public Optional<SurveyPage> survey(String token) {
		return this.raterLinks.survey(token);
	}

	@Transactional
	public SurveyPage save(String token, Map<String, String> answers) {
		return this.raterLinks.save(token, answers);
	}

	/** Submits once; a repeat changes nothing and returns false. */
	@Transactional
	public boolean submit(String token, Map<String, String> answers) {
		return this.raterLinks.submit(token, answers);
	}

	void insertAnswers(String responseId, Map<String, String> answers) {
		Answers.insert(this.jdbc, "feedback_answer", responseId, answers);
	}

	// ---------------------------------------------------------------- report

	/** A figure for one rater group: mean and count, or why not shown. */
	public record Score(Double mean, Integer raters, String hidden) {
	}

	public record GroupColumn(String key, String label, Integer respondents, String hidden) {
	}

	public record ScoreRow(String key, String label, String group, boolean dimension, Double self, List<Score> groups,
			String flag) {
	}

	public record ItemScore(String text, String element, double others, Double self) {
	}

	public record Importance(String dimension, Double importance, Double rating) {
	}

	/**
	 * How the raters were reached, so whoever reads the report can judge whether anyone
	 * else could have answered as a rater: raters whose address is a person's in the
	 * system model, external addresses, raters mailed their link by Balcony, and whether
	 * (and by whom) the links were handed out by hand.
	 */
	public record Reach(int raters, int inSystemModel, int external, int mailed, String handedOutBy,
			LocalDate handedOutOn, String handedOutReason) {
	}

	public record Report(Feedback feedback, List<GroupColumn> columns, List<ScoreRow> rows, List<ItemScore> highest,
			List<ItemScore> lowest, List<String> comments, String commentsNote, List<Importance> importance,
			List<Action> plan, Thresholds thresholds, Reach reach) {
	}

	/**
	 * The report, for the leader and their facilitator only, once the 360 is closed.
	 * Blind spot: self at least {@link #GAP} points above all other raters on an element;
	 * hidden strength: at least {@link #GAP} below.
	 */
	@Transactional(readOnly = true)
	public Report report(BalconyUser viewer, long id) {
		return this.reports.report(viewer, id);
	}

	// ---------------------------------------------------------------- development plan

	/** The leader adds an action to their development plan. */
	@Transactional
	public void addAction(BalconyUser user, long id, String action, LocalDate dueOn) {
		Feedback f = this.store.load(user.tenantId(), id);
		if (!user.getUsername().equals(f.subjectUsername())) {
			throw new NotFoundException("No 360 " + id + " of yours");
		}
		if (action == null || action.isBlank() || action.length() > 1000) {
			throw new BadRequestException("action: required, at most 1,000 characters");
		}
		this.store.addAction(user.tenantId(), id, action.strip(), dueOn);
	}

	@Transactional
	public void progress(BalconyUser user, long id, long actionId, String progress) {
		Feedback f = this.store.load(user.tenantId(), id);
		if (!user.getUsername().equals(f.subjectUsername())) {
			throw new NotFoundException("No 360 " + id + " of yours");
		}
		if (!List.of("NOT_STARTED", "IN_PROGRESS", "DONE").contains(progress)) {
			throw new BadRequestException("progress: use NOT_STARTED, IN_PROGRESS or DONE");
		}
		this.store.progress(user.tenantId(), id, actionId, progress);
	}

}
