package app.balcony.assessment;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import app.balcony.assessment.ThreeSixty.Action;
import app.balcony.assessment.ThreeSixty.Feedback;
import app.balcony.assessment.ThreeSixty.Rater;
import app.balcony.assessment.ThreeSixty.Relationship;
import app.balcony.privacy.Thresholds;
import app.balcony.shared.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * All SQL of the 360: the feedback row, its raters, the responses opened at close and the
 * leader's development plan. Every statement filters on the tenant or is keyed by a
 * feedback or rater id that {@link ThreeSixty} has already loaded for the tenant (or by
 * the hash of a rater's secret token).
 */
class FeedbackStore {

	private final JdbcClient jdbc;

	FeedbackStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One rater row as the report's reach counts it. */
	record Reached(boolean inSystemModel, boolean hasEmail, boolean mailed) {
	}

	/** One answer of a response, as stored. */
	record Answer(String responseId, String itemKey, Integer score, String text) {
	}

	long insert(long tenantId, String subject, String subjectName, String facilitator, String instrumentKey,
			boolean managerIdentifiable, LocalDate opensOn, LocalDate closesOn, String createdBy, Thresholds frozen) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into feedback (tenant_id, subject_username, subject_name, facilitator_username, instrument_key,
				    manager_identifiable, opens_on, closes_on, status, created_by, created_on, min_cell, min_comments,
				    min_rater_group)
				values (:tenant, :subject, :subjectName, :facilitator, :instrument, :managerIdentifiable, :opensOn,
				    :closesOn, 'OPEN', :createdBy, :createdOn, :minCell, :minComments, :minRaterGroup)
				""")
			.param("tenant", tenantId)
			.param("subject", subject)
			.param("subjectName", subjectName)
			.param("facilitator", facilitator)
			.param("instrument", instrumentKey)
			.param("managerIdentifiable", managerIdentifiable)
			.param("opensOn", Date.valueOf(opensOn))
			.param("closesOn", Date.valueOf(closesOn))
			.param("createdBy", createdBy)
			.param("createdOn", Date.valueOf(opensOn))
			.param("minCell", frozen.minCell())
			.param("minComments", frozen.minComments())
			.param("minRaterGroup", frozen.minRaterGroup())
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	void addRater(long tenantId, long feedbackId, Relationship relationship, String name, String email, String salt,
			String tokenHash, Long personId) {
		this.jdbc.sql("""
				insert into feedback_rater (tenant_id, feedback_id, relationship, name, email, salt, token_hash, status,
				    invited_on, person_id)
				values (:tenant, :feedback, :relationship, :name, :email, :salt, :tokenHash, 'INVITED', :today, :person)
				""")
			.param("tenant", tenantId)
			.param("feedback", feedbackId)
			.param("relationship", relationship.name())
			.param("name", name)
			.param("email", email)
			.param("salt", salt)
			.param("tokenHash", tokenHash)
			.param("today", Date.valueOf(LocalDate.now()))
			.param("person", personId)
			.update();
	}

	List<Long> idsFor(long tenantId, String username) {
		return this.jdbc.sql("""
				select id from feedback
				where tenant_id = :tenant
				  and (subject_username = :user or facilitator_username = :user or created_by = :user)
				order by id desc
				""").param("tenant", tenantId).param("user", username).query(Long.class).list();
	}

	Feedback load(long tenantId, long id) {
		Feedback f = this.jdbc.sql("""
				select id, subject_username, subject_name, facilitator_username, manager_identifiable, opens_on,
				       closes_on, status, created_by, min_cell, min_comments, min_rater_group, links_handed_out_by,
				       links_handed_out_on, links_handed_out_reason
				from feedback where tenant_id = :tenant and id = :id
				""")
			.param("tenant", tenantId)
			.param("id", id)
			.query((rs, n) -> feedback(rs))
			.optional()
			.orElseThrow(() -> new NotFoundException("No 360 " + id));
		this.jdbc.sql("select relationship, status from feedback_rater where feedback_id = :id")
			.param("id", id)
			.query((rs, n) -> {
				int[] c = f.counts()
					.computeIfAbsent(Relationship.valueOf(rs.getString("relationship")), k -> new int[2]);
				c[0]++;
				if ("SUBMITTED".equals(rs.getString("status"))) {
					c[1]++;
				}
				return null;
			})
			.list();
		return f;
	}

	private static Feedback feedback(ResultSet rs) throws SQLException {
		LocalDate closesOn = rs.getDate("closes_on").toLocalDate();
		String stored = rs.getString("status");
		Thresholds thresholds = rs.getObject("min_cell") == null ? Thresholds.DEFAULT
				: new Thresholds(rs.getInt("min_cell"), rs.getInt("min_comments"), rs.getInt("min_rater_group"));
		return new Feedback(rs.getLong("id"), rs.getString("subject_username"), rs.getString("subject_name"),
				rs.getString("facilitator_username"), rs.getBoolean("manager_identifiable"),
				rs.getDate("opens_on").toLocalDate(), closesOn,
				"CLOSED".equals(stored) || LocalDate.now().isAfter(closesOn) ? "CLOSED" : "OPEN",
				new EnumMap<>(Relationship.class), stored, rs.getString("created_by"), thresholds,
				rs.getString("links_handed_out_by"), localDate(rs, "links_handed_out_on"),
				rs.getString("links_handed_out_reason"));
	}

	private static LocalDate localDate(ResultSet rs, String column) throws SQLException {
		Date d = rs.getDate(column);
		return d == null ? null : d.toLocalDate();
	}

	String createdBy(long tenantId, long id) {
		return this.jdbc.sql("select created_by from feedback where tenant_id = :tenant and id = :id")
			.param("tenant", tenantId)
			.param("id", id)
			.query(String.class)
			.single();
	}

	List<String> raterEmails(long feedbackId) {
		return this.jdbc.sql("select email from feedback_rater where feedback_id = :feedback and email is not null")
			.param("feedback", feedbackId)
			.query(String.class)
			.list();
	}

	Optional<String> selfSalt(long feedbackId) {
		return this.jdbc.sql("select salt from feedback_rater where feedback_id = :feedback and relationship = 'SELF'")
			.param("feedback", feedbackId)
			.query(String.class)
			.optional();
	}

	List<Rater> raters(long feedbackId) {
		return this.jdbc.sql("""
				select id, relationship, name, email, status, person_id, mailed_on from feedback_rater
				where feedback_id = :feedback order by relationship, name
				""")
			.param("feedback", feedbackId)
			.query((rs, n) -> new Rater(rs.getLong("id"), Relationship.valueOf(rs.getString("relationship")),
					rs.getString("name"), rs.getString("email"), rs.getString("status"),
					rs.getObject("person_id") != null, rs.getDate("mailed_on") != null))
			.list();
	}

	/** Name, address, relationship, salt and status of each rater (salts make links). */
	record LinkRow(String name, String email, Relationship relationship, String salt, String status) {
	}

	List<LinkRow> linkRows(long feedbackId) {
		return this.jdbc.sql("""
				select name, email, relationship, salt, status from feedback_rater
				where feedback_id = :feedback order by relationship, name
				""")
			.param("feedback", feedbackId)
			.query((rs, n) -> new LinkRow(rs.getString("name"), rs.getString("email"),
					Relationship.valueOf(rs.getString("relationship")), rs.getString("salt"), rs.getString("status")))
			.list();
	}

	void markHandedOut(long tenantId, long id, String by, String reason) {
		this.jdbc.sql("""
				update feedback set links_handed_out_by = :by, links_handed_out_on = :today,
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

	/** Locks the feedback row until the transaction ends. */
	void lock(long id) {
		this.jdbc.sql("select id from feedback where id = :id for update").param("id", id).query(Long.class).list();
	}

	/** The tenant of a feedback that is not yet closed for good. */
	Optional<Long> tenantIfNotClosed(long id) {
		return this.jdbc.sql("select tenant_id from feedback where id = :id and status <> 'CLOSED'")
			.param("id", id)
			.query(Long.class)
			.optional();
	}

	void markClosed(long id) {
		this.jdbc.sql("update feedback set status = 'CLOSED' where id = :id").param("id", id).update();
	}

	void insertResponse(String responseId, long tenantId, long feedbackId, String relationship, LocalDate on) {
		this.jdbc.sql("""
				insert into feedback_response (id, tenant_id, feedback_id, relationship, submitted_on)
				values (:id, :tenant, :feedback, :relationship, :on)
				""")
			.param("id", responseId)
			.param("tenant", tenantId)
			.param("feedback", feedbackId)
			.param("relationship", relationship)
			.param("on", Date.valueOf(on))
			.update();
	}

	void clearDrafts(long feedbackId) {
		this.jdbc.sql("update feedback_rater set draft = null where feedback_id = :feedback")
			.param("feedback", feedbackId)
			.update();
	}

	/** Open 360s past their closing date, in every tenant (the scheduled sweep). */
	List<Long> dueIds(LocalDate today) {
		return this.jdbc.sql("select id from feedback where status = 'OPEN' and closes_on < :today")
			.param("today", Date.valueOf(today))
			.query(Long.class)
			.list();
	}

	/** Response id → relationship, for a closed 360. */
	Map<String, Relationship> responses(long feedbackId) {
		Map<String, Relationship> responses = new java.util.LinkedHashMap<>();
		this.jdbc.sql("select id, relationship from feedback_response where feedback_id = :feedback")
			.param("feedback", feedbackId)
			.query((rs, n) -> responses.put(rs.getString("id"), Relationship.valueOf(rs.getString("relationship"))))
			.list();
		return responses;
	}

	void answers(long feedbackId, Consumer<Answer> each) {
		this.jdbc.sql("""
				select a.response_id, a.item_key, a.score, a.text_value from feedback_answer a
				join feedback_response r on r.id = a.response_id
				where r.feedback_id = :feedback
				""").param("feedback", feedbackId).query((rs, n) -> {
			int score = rs.getInt("score");
			boolean hasScore = !rs.wasNull();
			each.accept(new Answer(rs.getString("response_id"), rs.getString("item_key"), hasScore ? score : null,
					rs.getString("text_value")));
			return null;
		}).list();
	}

	List<Reached> reached(long feedbackId) {
		return this.jdbc.sql("""
				select person_id, email, mailed_on from feedback_rater
				where feedback_id = :feedback and relationship <> 'SELF'
				""")
			.param("feedback", feedbackId)
			.query((rs, n) -> new Reached(rs.getObject("person_id") != null, rs.getString("email") != null,
					rs.getDate("mailed_on") != null))
			.list();
	}

	List<Action> plan(long tenantId, long feedbackId) {
		return this.jdbc.sql("""
				select id, action, due_on, progress from development_action
				where tenant_id = :tenant and feedback_id = :feedback order by due_on, id
				""")
			.param("tenant", tenantId)
			.param("feedback", feedbackId)
			.query((rs, n) -> new Action(rs.getLong("id"), rs.getString("action"), localDate(rs, "due_on"),
					rs.getString("progress")))
			.list();
	}

	void addAction(long tenantId, long feedbackId, String action, LocalDate dueOn) {
		this.jdbc.sql("""
				insert into development_action (tenant_id, feedback_id, action, due_on, progress, created_on)
				values (:tenant, :feedback, :action, :dueOn, 'NOT_STARTED', :today)
				""")
			.param("tenant", tenantId)
			.param("feedback", feedbackId)
			.param("action", action)
			.param("dueOn", dueOn == null ? null : Date.valueOf(dueOn))
			.param("today", Date.valueOf(LocalDate.now()))
			.update();
	}

	void progress(long tenantId, long feedbackId, long actionId, String progress) {
		this.jdbc.sql("""
				update development_action set progress = :progress
				where id = :action and feedback_id = :feedback and tenant_id = :tenant
				""")
			.param("progress", progress)
			.param("action", actionId)
			.param("feedback", feedbackId)
			.param("tenant", tenantId)
			.update();
	}

}
