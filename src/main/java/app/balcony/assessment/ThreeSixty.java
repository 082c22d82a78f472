package app.balcony.assessment;

import java.security.SecureRandom;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import app.balcony.identity.AuditLog;
import app.balcony.identity.BalconyUser;
import app.balcony.identity.TenantAccounts;
import app.balcony.privacy.AnonymityEngine;
import app.balcony.privacy.DisclosureControl;
import app.balcony.privacy.Microdata;
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

	private static final SecureRandom RANDOM = new SecureRandom();

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

	private final Tokens tokens;

	private final AnonymityEngine engine;

	private final TenantAccounts accounts;

	private final AuditLog audit;

	private final LinkBinding binding;

	private final Ballots ballots;

	private final app.balcony.system.SystemQueries system;

	ThreeSixty(JdbcClient jdbc, Tokens tokens, AnonymityEngine engine, TenantAccounts accounts, AuditLog audit,
			app.balcony.system.SystemQueries system, Ballots ballots) {
		this.system = system;
		this.ballots = ballots;
		this.jdbc = jdbc;
		this.tokens = tokens;
		this.engine = engine;
		this.accounts = accounts;
		this.audit = audit;
		this.binding = new LinkBinding(jdbc, "feedback_rater");
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
		this.jdbc
			.sql("insert into feedback (tenant_id, subject_username, subject_name, facilitator_username, "
					+ "instrument_key, manager_identifiable, opens_on, closes_on, status, created_by, created_on, "
					+ "min_cell, min_comments, min_rater_group) values (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, ?, ?)")
			.params(actor.tenantId(), leader.getUsername(), leader.displayName(), facilitator, instrument().key(),
					managerIdentifiable, Date.valueOf(today), Date.valueOf(closesOn), actor.getUsername(),
					Date.valueOf(today), frozen.minCell(), frozen.minComments(), frozen.minRaterGroup())
			.update();
		long id = this.jdbc
			.sql("select max(id) from feedback where tenant_id = ? and subject_username = ? and created_by = ?")
			.params(actor.tenantId(), leader.getUsername(), actor.getUsername())
			.query(Long.class)
			.single();
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
		return this.jdbc
			.sql("select id from feedback where tenant_id = ? and (subject_username = ? or facilitator_username = ? "
					+ "or created_by = ?) order by id desc")
			.params(user.tenantId(), user.getUsername(), user.getUsername(), user.getUsername())
			.query(Long.class)
			.list()
			.stream()
			.map(id -> load(user.tenantId(), id))
			.toList();
	}

	/**
	 * A 360 for someone allowed to manage it (the leader, the facilitator, or who set it
	 * up).
	 */
	@Transactional(readOnly = true)
	public Feedback manage(BalconyUser user, long id) {
		Feedback f = load(user.tenantId(), id);
		String creator = this.jdbc.sql("select created_by from feedback where id = ?")
			.param(id)
			.query(String.class)
			.single();
		if (!user.getUsername().equals(f.subjectUsername()) && !user.getUsername().equals(f.facilitatorUsername())
				&& !user.getUsername().equals(creator)) {
			throw new NotFoundException("No 360 " + id);
		}
		return f;
	}

	private Feedback load(long tenantId, long id) {
		Feedback f = this.jdbc
			.sql("select id, subject_username, subject_name, facilitator_username, manager_identifiable, opens_on, "
					+ "closes_on, status, created_by, min_cell, min_comments, min_rater_group, links_handed_out_by, "
					+ "links_handed_out_on, links_handed_out_reason from feedback where tenant_id = ? and id = ?")
			.params(tenantId, id)
			.query((rs,
					n) -> new Feedback(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
							rs.getBoolean(5), rs.getDate(6).toLocalDate(), rs.getDate(7).toLocalDate(),
							"CLOSED".equals(rs.getString(8)) || LocalDate.now().isAfter(rs.getDate(7).toLocalDate())
									? "CLOSED" : "OPEN",
							new EnumMap<>(Relationship.class), rs.getString(8), rs.getString(9),
							rs.getObject(10) == null ? Thresholds.DEFAULT
									: new Thresholds(rs.getInt(10), rs.getInt(11), rs.getInt(12)),
							rs.getString(13), rs.getDate(14) == null ? null : rs.getDate(14).toLocalDate(),
							rs.getString(15)))
			.optional()
			.orElseThrow(() -> new NotFoundException("No 360 " + id));
		this.jdbc.sql("select relationship, status from feedback_rater where feedback_id = ?")
			.param(id)
			.query((rs, n) -> {
				int[] c = f.counts().computeIfAbsent(Relationship.valueOf(rs.getString(1)), k -> new int[2]);
				c[0]++;
				if ("SUBMITTED".equals(rs.getString(2))) {
					c[1]++;
				}
				return null;
			})
			.list();
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
		boolean taken = this.jdbc.sql("select email from feedback_rater where feedback_id = ? and email is not null")
			.param(id)
			.query(String.class)
			.list()
			.stream()
			.anyMatch(e -> mailbox.equals(MailAddress.mailbox(e)));
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
		this.jdbc.sql(
				"insert into feedback_rater (tenant_id, feedback_id, relationship, name, email, salt, token_hash, status, "
						+ "invited_on, person_id) values (?, ?, ?, ?, ?, ?, ?, 'INVITED', ?, ?)")
			.params(tenantId, feedbackId, relationship.name(), name, email, salt,
					Tokens.hash(Tokens.token(this.tokens.secret(tenantId), salt)), Date.valueOf(LocalDate.now()),
					personId)
			.update();
	}

	/** The leader's own rating link (theirs alone; not a hand-out). */
	@Transactional(readOnly = true)
	public Optional<String> selfToken(BalconyUser user, long id) {
		Feedback f = load(user.tenantId(), id);
		if (!user.getUsername().equals(f.subjectUsername())) {
			return Optional.empty();
		}
		return this.jdbc.sql("select salt from feedback_rater where feedback_id = ? and relationship = 'SELF'")
			.param(id)
			.query(String.class)
			.optional()
			.map(salt -> Tokens.token(this.tokens.secret(user.tenantId()), salt));
	}

	@Transactional(readOnly = true)
	public List<Rater> raters(BalconyUser user, long id) {
		manage(user, id);
		return this.jdbc.sql(
				"select id, relationship, name, email, status, person_id, mailed_on from feedback_rater where feedback_id = ? "
						+ "order by relationship, name")
			.param(id)
			.query((rs, n) -> new Rater(rs.getLong(1), Relationship.valueOf(rs.getString(2)), rs.getString(3),
					rs.getString(4), rs.getString(5), rs.getObject(6) != null, rs.getDate(7) != null))
			.list();
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
		this.jdbc
			.sql("update feedback set links_handed_out_by = ?, links_handed_out_on = ?, "
					+ "links_handed_out_reason = ? where id = ?")
			.params(user.getUsername(), Date.valueOf(LocalDate.now()), why, id)
			.update();
		this.audit.record(user.tenantId(), user.getUsername(), "FEEDBACK_LINKS_EXPORTED", "feedback " + id,
				"rater links handed out by hand: " + why);
		// The leader's own link is theirs alone (Rate yourself), never in the file.
		String self = Relationship.SELF.label();
		return linkList(user.tenantId(), id).stream().filter(l -> !l.relationship().equals(self)).toList();
	}

	/** The links without recording a hand-out: for in-process demo raters only. */
	List<Link> linkList(long tenantId, long id) {
		String secret = this.tokens.secret(tenantId);
		return this.jdbc.sql(
				"select name, email, relationship, salt, status from feedback_rater where feedback_id = ? order by relationship, name")
			.param(id)
			.query((rs, n) -> new Link(rs.getString(1), rs.getString(2), Relationship.valueOf(rs.getString(3)).label(),
					Tokens.token(secret, rs.getString(4)), rs.getString(5)))
			.list();
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
		this.jdbc.sql("select id from feedback where id = ? for update").param(id).query(Long.class).list();
		Long tenantId = this.jdbc.sql("select tenant_id from feedback where id = ? and status <> 'CLOSED'")
			.param(id)
			.query(Long.class)
			.optional()
			.orElse(null);
		if (tenantId == null) {
			return;
		}
		this.jdbc.sql("update feedback set status = 'CLOSED' where id = ?").param(id).update();
		// The ballot box opens: every rater's answers become responses now, together, in
		// random order, dated with the close.
		Date today = Date.valueOf(LocalDate.now());
		for (Ballots.Ballot b : this.ballots.open(tenantId, Ballots.Kind.FEEDBACK, id)) {
			String responseId = Ballots.newId();
			this.jdbc.sql(
					"insert into feedback_response (id, tenant_id, feedback_id, relationship, submitted_on) values (?, ?, ?, ?, ?)")
				.params(responseId, tenantId, id, Ballots.asString(b.columns().get("relationship")), today)
				.update();
			insertAnswers(responseId, b.answers());
		}
		this.jdbc.sql("update feedback_rater set draft = null where feedback_id = ?").param(id).update();
	}

	/** Closes every 360 past its closing date (see {@link Campaigns#closeDue()}). */
	@org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "${balcony.campaigns.sweep:60s}",
			initialDelayString = "7s")
	@Transactional
	public void closeDue() {
		this.jdbc.sql("select id from feedback where status = 'OPEN' and closes_on < ?")
			.param(Date.valueOf(LocalDate.now()))
			.query(Long.class)
			.list()
			.forEach(this::closeNow);
	}

	// ---------------------------------------------------------------- raters

	private record RaterRow(long tenantId, long raterId, long feedbackId, Relationship relationship, String status,
			Map<String, String> draft, SurveyPage.Use use) {
	}

	/** A rater's link; the draft only for whoever holds the link's key. */
	private Optional<RaterRow> rater(String token) {
		if (!Tokens.plausible(token)) {
			return Optional.empty();
		}
		return this.jdbc.sql(
				"select tenant_id, id, feedback_id, relationship, status, draft, submitted_on from feedback_rater where token_hash = ?")
			.param(Tokens.hash(token))
			.query((rs, n) -> new RaterRow(rs.getLong(1), rs.getLong(2), rs.getLong(3),
					Relationship.valueOf(rs.getString(4)), rs.getString(5), Answers.draft(rs.getString(6)),
					new SurveyPage.Use(false, null, 0, rs.getDate(7) == null ? null : rs.getDate(7).toLocalDate())))
			.optional()
			.map(r -> {
				LinkBinding.State b = this.binding.state(r.raterId(), token);
				return new RaterRow(r.tenantId(), r.raterId(), r.feedbackId(), r.relationship(), r.status(),
						b.elsewhere() ? Map.of() : r.draft(),
						new SurveyPage.Use(b.elsewhere(), b.boundAt(), b.restarts(), r.use().submittedOn()));
			});
	}

	/** Starts a rater link again on this device (see {@link Campaigns#restart}). */
	@Transactional
	public SurveyPage restart(String token) {
		RaterRow r = answerable(token);
		this.binding.restart(r.raterId(), token);
		return survey(token).orElseThrow();
	}

	/** What a rater's link opens. */
	@Transactional(readOnly = true)
	public Optional<SurveyPage> survey(String token) {
		return rater(token).map(r -> {
			Feedback f = load(r.tenantId(), r.feedbackId());
			boolean self = r.relationship() == Relationship.SELF;
			String intro;
			if (self) {
				intro = "Rate yourself on each statement. Your own ratings are shown next to the others' in your report.";
			}
			else if (r.relationship() == Relationship.MANAGER && f.managerIdentifiable()) {
				intro = "You are rating as " + f.subjectName()
						+ "'s line manager. The line manager's ratings are shown as a group of their own, so "
						+ f.subjectName()
						+ " will be able to tell they are yours. Comments are pooled with other raters'.";
			}
			else {
				intro = "Your ratings are shown only together with others who know " + f.subjectName()
						+ " the same way, and only when at least " + f.thresholds().minRaterGroup()
						+ " of you have answered. Nothing links your answers to your name.";
			}
			Instrument instrument = self ? ItemBank.asSelf(instrument()) : instrument();
			return new SurveyPage("360 feedback for " + f.subjectName(), instrument, intro,
					self ? "" : "How far do you agree that " + f.subjectName() + "…", f.opensOn(), f.closesOn(),
					f.status(), "SUBMITTED".equals(r.status()), r.draft(), r.use());
		});
	}

	@Transactional
	public SurveyPage save(String token, Map<String, String> answers) {
		RaterRow r = answerable(token);
		this.binding.requireHolder(r.raterId(), token);
		Map<String, String> merged = new LinkedHashMap<>(r.draft());
		merged.putAll(Campaigns.validate(instrument(), answers, false));
		this.jdbc.sql(
				"update feedback_rater set draft = ?, status = case when status = 'INVITED' then 'STARTED' else status end "
						+ "where id = ? and status <> 'SUBMITTED'")
			.params(Answers.json(merged), r.raterId())
			.update();
		return survey(token).orElseThrow();
	}

	/** Submits once; a repeat changes nothing and returns false. */
	@Transactional
	public boolean submit(String token, Map<String, String> answers) {
		RaterRow r = rater(token).orElseThrow(() -> new NotFoundException("This feedback link is not valid."));
		if ("SUBMITTED".equals(r.status())) {
			return false;
		}
		answerable(token);
		// Only whoever holds the link's key submits through it.
		this.binding.requireHolder(r.raterId(), token);
		Map<String, String> merged = new LinkedHashMap<>(r.draft());
		merged.putAll(Campaigns.validate(instrument(), answers, false));
		Campaigns.validate(instrument(), merged, true);
		LocalDate today = LocalDate.now();
		// Held until commit, so a close waits for this submission or it sees the close.
		this.jdbc.sql("select id from feedback where id = ? for update").param(r.feedbackId()).query(Long.class).list();
		if (!load(r.tenantId(), r.feedbackId()).open()) {
			throw new BadRequestException("This 360 has closed.");
		}
		// The draft as it stands now (a save that committed since the first read is in
		// it).
		RaterRow now = rater(token).orElseThrow();
		if ("SUBMITTED".equals(now.status())) {
			return false;
		}
		merged = new LinkedHashMap<>(now.draft());
		merged.putAll(Campaigns.validate(instrument(), answers, false));
		Campaigns.validate(instrument(), merged, true);
		// No day is kept on the rater: with the responses it would narrow who said what.
		int claimed = this.jdbc.sql(
				"update feedback_rater set status = 'SUBMITTED', submitted_on = null, draft = null where id = ? and status <> 'SUBMITTED'")
			.params(r.raterId())
			.update();
		if (claimed == 0) {
			return false;
		}
		// Sealed with the claim; it becomes a response when the 360 closes (Ballots).
		this.ballots.cast(r.tenantId(), Ballots.Kind.FEEDBACK, r.feedbackId(),
				Ballots.columns("relationship", r.relationship().name()), merged);
		return true;
	}

	void insertAnswers(String responseId, Map<String, String> answers) {
		Answers.insert(this.jdbc, "feedback_answer", responseId, answers);
	}

	private RaterRow answerable(String token) {
		RaterRow r = rater(token).orElseThrow(() -> new NotFoundException("This feedback link is not valid."));
		if ("SUBMITTED".equals(r.status())) {
			throw new BadRequestException("This feedback has already been submitted. Thank you.");
		}
		if (!load(r.tenantId(), r.feedbackId()).open()) {
			throw new BadRequestException("This 360 has closed.");
		}
		return r;
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
	 * The report, for the leader and their facilitator only. Blind spot: self at least
	 * {@link #GAP} points above all other raters on an element; hidden strength: at least
	 * {@link #GAP} below.
	 */
	@Transactional(readOnly = true)
	public Report report(BalconyUser viewer, long id) {
		Feedback f = load(viewer.tenantId(), id);
		if (!viewer.getUsername().equals(f.subjectUsername())
				&& !viewer.getUsername().equals(f.facilitatorUsername())) {
			throw new NotFoundException("No 360 report " + id + " for you");
		}
		if (!f.reportOpen()) {
			throw new BadRequestException("The report opens when this 360 closes (on " + f.closesOn()
					+ ", or when it is closed by hand), with its raters frozen: a report read while raters are "
					+ "still answering would let anyone who reads it twice work out the newest answers.");
		}
		this.audit.record(viewer.tenantId(), viewer.getUsername(), "FEEDBACK_REPORT_VIEWED", "feedback " + id,
				"360 for " + f.subjectUsername());
		Thresholds t = f.thresholds();
		Instrument instrument = instrument();
		List<Instrument.Item> items = instrument.items();
		Map<String, Integer> itemIndex = new LinkedHashMap<>();
		List<Microdata.Measure> measures = new ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			itemIndex.put(items.get(i).key(), i);
			measures.add(new Microdata.Measure(items.get(i).key(), 1, instrument.scalePoints()));
		}
		// How important raters find each dimension: measures like any other, through the
		// engine with the same rater groups (never averaged outside it).
		Map<String, Integer> importanceIndex = new LinkedHashMap<>();
		for (Instrument.Section section : instrument.sections()) {
			importanceIndex.computeIfAbsent(section.groupKey(), k -> {
				measures.add(new Microdata.Measure("importance." + k, 1, 5));
				return measures.size() - 1;
			});
		}
		// Atoms are relationships; the leader's own rating is theirs to see and is kept
		// apart.
		Relationship[] groups = Relationship.values();
		Microdata data = new Microdata(groups.length, measures);
		double[] self = new double[items.size()];
		java.util.Arrays.fill(self, Double.NaN);
		Map<String, Relationship> responses = new LinkedHashMap<>();
		this.jdbc.sql("select id, relationship from feedback_response where feedback_id = ?")
			.param(id)
			.query((rs, n) -> responses.put(rs.getString(1), Relationship.valueOf(rs.getString(2))))
			.list();
		responses.values().forEach(r -> data.addRespondent(r.ordinal()));
		List<String> comments = new ArrayList<>();
		this.jdbc
			.sql("select a.response_id, a.item_key, a.score, a.text_value from feedback_answer a "
					+ "join feedback_response r on r.id = a.response_id where r.feedback_id = ?")
			.param(id)
			.query((rs, n) -> {
				Relationship rel = responses.get(rs.getString(1));
				String key = rs.getString(2);
				Integer item = itemIndex.get(key);
				int score = rs.getInt(3);
				boolean hasScore = !rs.wasNull();
				if (item != null && hasScore) {
					if (rel == Relationship.SELF) {
						self[item] = score;
					}
					else {
						data.add(rel.ordinal(), item, score);
					}
				}
				else if (key.startsWith("open.") && rel != Relationship.SELF && rs.getString(4) != null) {
					comments.add(rs.getString(4));
				}
				else if (key.startsWith("importance.") && hasScore && rel != Relationship.SELF) {
					Integer measure = importanceIndex.get(key.substring("importance.".length()));
					if (measure != null) {
						data.add(rel.ordinal(), measure, score);
					}
				}
				return null;
			})
			.list();
		// Rater groups through the engine, with the rater-group minimum as the cell
		// minimum.
		boolean managerApart = f.managerIdentifiable();
		List<DisclosureControl.Request> requests = new ArrayList<>();
		java.util.BitSet others = new java.util.BitSet();
		for (Relationship r : groups) {
			if (r != Relationship.SELF && !(managerApart && r == Relationship.MANAGER)) {
				others.set(r.ordinal());
			}
		}
		requests.add(new DisclosureControl.Request("others",
				managerApart ? "All other raters (not the line manager)" : "All raters", null, others));
		for (Relationship r : groups) {
			if (r == Relationship.SELF || (managerApart && r == Relationship.MANAGER)
					|| data.respondents(r.ordinal()) == 0) {
				continue;
			}
			java.util.BitSet one = new java.util.BitSet();
			one.set(r.ordinal());
			requests.add(new DisclosureControl.Request(r.name(), r.label(), "relationship", one));
		}
		Thresholds asCells = new Thresholds(t.minRaterGroup(), t.minComments(), t.minRaterGroup());
		DisclosureControl.Outcome outcome = this.engine.report(viewer.tenantId(), viewer.getUsername(),
				"feedback:" + id, "responses:" + responses.size(), data, requests, asCells, null);
		List<DisclosureControl.Cell> cells = new ArrayList<>(outcome.cells());
		if (managerApart && data.respondents(Relationship.MANAGER.ordinal()) > 0) {
			// Raters were told the manager's group is identifiable: shown as it is.
			List<DisclosureControl.Figure> figures = new ArrayList<>();
			java.util.BitSet m = new java.util.BitSet();
			m.set(Relationship.MANAGER.ordinal());
			Microdata.Summary[] s = data.summaries(m);
			for (Microdata.Summary x : s) {
				figures.add(x.count() == 0 ? new DisclosureControl.Figure(Double.NaN, 0, "not able to observe")
						: new DisclosureControl.Figure(x.mean(), x.count(), null));
			}
			cells.add(1, new DisclosureControl.Cell("MANAGER", Relationship.MANAGER.label() + " (identifiable)",
					"relationship", DisclosureControl.Status.SHOWN, null, data.respondents(m), figures));
		}
		List<GroupColumn> columns = cells.stream()
			.map(c -> new GroupColumn(c.key(), c.label(), c.respondents(), c.reason()))
			.toList();
		List<ScoreRow> rows = new ArrayList<>();
		for (Results.Detail detail : List.of(Results.Detail.DIMENSION, Results.Detail.ELEMENT)) {
			for (Results.Column col : Results.columns(instrument, detail)) {
				List<Score> scores = new ArrayList<>();
				for (DisclosureControl.Cell c : cells) {
					scores.add(score(c, col));
				}
				Double selfMean = mean(self, col.items());
				String flag = null;
				Score all = scores.get(0);
				if (selfMean != null && all.mean() != null) {
					if (selfMean - all.mean() >= GAP) {
						flag = "Blind spot";
					}
					else if (all.mean() - selfMean >= GAP) {
						flag = "Hidden strength";
					}
				}
				rows.add(new ScoreRow(col.key(), col.label(), col.group(), detail == Results.Detail.DIMENSION, selfMean,
						scores, flag));
			}
		}
		List<ItemScore> ranked = new ArrayList<>();
		DisclosureControl.Cell all = cells.get(0);
		if (all.shown()) {
			for (int i = 0; i < items.size(); i++) {
				DisclosureControl.Figure fig = all.figures().get(i);
				if (fig.shown()) {
					ranked.add(new ItemScore(items.get(i).text(), items.get(i).elementKey(),
							Math.round(fig.mean() * 100) / 100.0, Double.isNaN(self[i]) ? null : self[i]));
				}
			}
		}
		ranked.sort(java.util.Comparator.comparingDouble(ItemScore::others).reversed());
		List<ItemScore> highest = ranked.subList(0, Math.min(5, ranked.size()));
		List<ItemScore> lowest = new ArrayList<>(ranked.subList(Math.max(0, ranked.size() - 5), ranked.size()));
		Collections.reverse(lowest);
		int raters = data.respondents(others) + (managerApart ? data.respondents(Relationship.MANAGER.ordinal()) : 0);
		String commentsNote;
		if (raters >= t.minComments()) {
			Collections.shuffle(comments, RANDOM);
			commentsNote = "Comments from all " + raters + " raters, in random order.";
		}
		else {
			comments.clear();
			commentsNote = "Comments are shown when at least " + t.minComments() + " raters have answered (" + raters
					+ " so far), so that nobody's words can be traced to them.";
		}
		List<Importance> importanceRows = new ArrayList<>();
		for (ScoreRow r : rows) {
			if (r.dimension()) {
				Integer measure = importanceIndex.get(r.key());
				DisclosureControl.Figure fig = measure == null || !all.shown() ? null : all.figures().get(measure);
				importanceRows.add(new Importance(r.label(),
						fig != null && fig.shown() ? Math.round(fig.mean() * 100) / 100.0 : null,
						r.groups().get(0).mean()));
			}
		}
		int[] reach = new int[4];
		this.jdbc.sql(
				"select person_id, email, mailed_on from feedback_rater where feedback_id = ? and relationship <> 'SELF'")
			.param(id)
			.query((rs, n) -> {
				reach[0]++;
				if (rs.getObject(1) != null) {
					reach[1]++;
				}
				else if (rs.getString(2) != null) {
					reach[2]++;
				}
				if (rs.getDate(3) != null) {
					reach[3]++;
				}
				return null;
			})
			.list();
		return new Report(f, columns, rows, List.copyOf(highest), lowest, List.copyOf(comments), commentsNote,
				importanceRows, plan(viewer.tenantId(), id), t, new Reach(reach[0], reach[1], reach[2], reach[3],
						f.linksHandedOutBy(), f.linksHandedOutOn(), f.linksHandedOutReason()));
	}

	/**
	 * An element's score for a rater group: the mean of its statements' means, over the
	 * statements whose figure can be shown (raters may not be able to observe some), so
	 * it is a function of shown figures only.
	 */
	private static Score score(DisclosureControl.Cell cell, Results.Column col) {
		if (!cell.shown()) {
			return new Score(null, null, cell.reason());
		}
		double sum = 0;
		int counted = 0;
		String hidden = null;
		for (int item : col.items()) {
			DisclosureControl.Figure fig = cell.figures().get(item);
			if (fig.shown()) {
				sum += fig.mean();
				counted++;
			}
			else {
				hidden = fig.hidden();
			}
		}
		if (counted == 0) {
			return new Score(null, cell.respondents(), hidden);
		}
		return new Score(Math.round(sum / counted * 100) / 100.0, cell.respondents(), null);
	}

	private static Double mean(double[] values, List<Integer> items) {
		double sum = 0;
		int n = 0;
		for (int i : items) {
			if (!Double.isNaN(values[i])) {
				sum += values[i];
				n++;
			}
		}
		return n == 0 ? null : Math.round(sum / n * 100) / 100.0;
	}

	// ---------------------------------------------------------------- development plan

	private List<Action> plan(long tenantId, long id) {
		return this.jdbc.sql(
				"select id, action, due_on, progress from development_action where tenant_id = ? and feedback_id = ? order by due_on, id")
			.params(tenantId, id)
			.query((rs, n) -> new Action(rs.getLong(1), rs.getString(2),
					rs.getDate(3) == null ? null : rs.getDate(3).toLocalDate(), rs.getString(4)))
			.list();
	}

	/** The leader adds an action to their development plan. */
	@Transactional
	public void addAction(BalconyUser user, long id, String action, LocalDate dueOn) {
		Feedback f = load(user.tenantId(), id);
		if (!user.getUsername().equals(f.subjectUsername())) {
			throw new NotFoundException("No 360 " + id + " of yours");
		}
		if (action == null || action.isBlank() || action.length() > 1000) {
			throw new BadRequestException("action: required, at most 1,000 characters");
		}
		this.jdbc
			.sql("insert into development_action (tenant_id, feedback_id, action, due_on, progress, created_on) "
					+ "values (?, ?, ?, ?, 'NOT_STARTED', ?)")
			.params(user.tenantId(), id, action.strip(), dueOn == null ? null : Date.valueOf(dueOn),
					Date.valueOf(LocalDate.now()))
			.update();
	}

	@Transactional
	public void progress(BalconyUser user, long id, long actionId, String progress) {
		Feedback f = load(user.tenantId(), id);
		if (!user.getUsername().equals(f.subjectUsername())) {
			throw new NotFoundException("No 360 " + id + " of yours");
		}
		if (!List.of("NOT_STARTED", "IN_PROGRESS", "DONE").contains(progress)) {
			throw new BadRequestException("progress: use NOT_STARTED, IN_PROGRESS or DONE");
		}
		this.jdbc.sql("update development_action set progress = ? where id = ? and feedback_id = ? and tenant_id = ?")
			.params(progress, actionId, id, user.tenantId())
			.update();
	}

}
