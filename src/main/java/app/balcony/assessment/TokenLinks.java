package app.balcony.assessment;

import java.sql.Date;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import app.balcony.shared.BadRequestException;
import app.balcony.shared.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The token-survey engine: what every survey answered through a link without an account
 * does the same way, whatever the link belongs to (a campaign invitation, a 360 rater; a
 * network survey is a campaign). A link row is found by the hash of its token only; its
 * draft is shown only to whoever holds the link's key ({@link LinkBinding}); answers are
 * kept as a draft until submitted; a submission claims the link once, under the parent's
 * lock, so a retry or double click changes nothing and a close either waits for it or is
 * seen by it. What is sealed on a claim, and what counts as an answer, belongs to each
 * kind of survey.
 */
final class TokenLinks {

	/**
	 * A link as its caller sees it: the draft is empty unless they hold the link's key.
	 *
	 * @param parentId the campaign or 360 the link answers
	 * @param extra further columns of the link row the kind asked for, by name
	 */
	record Link(long tenantId, long id, long parentId, String status, Map<String, String> draft, LocalDate submittedOn,
			LinkBinding.State binding, Map<String, Object> extra) {

		boolean submitted() {
			return "SUBMITTED".equals(this.status);
		}

		SurveyPage.Use use() {
			return new SurveyPage.Use(this.binding.elsewhere(), this.binding.boundAt(), this.binding.restarts(),
					this.submittedOn);
		}

	}

	/** What the engine needs of the campaign or 360 a link answers. */
	interface Parent {

		/** Locks the parent row until the transaction ends (shared for a submission). */
		void lock(long tenantId, long parentId);

		/** Why answers are not accepted now ("This 360 has closed."), or null. */
		String closed(long tenantId, long parentId);

	}

	private final JdbcClient jdbc;

	private final String table;

	private final String parentColumn;

	private final List<String> extra;

	private final LinkBinding binding;

	private final String invalid;

	/**
	 * @param table the link table ({@code campaign_invitation}, {@code feedback_rater})
	 * @param parentColumn its column naming the parent
	 * @param extra further columns to read with each link
	 * @param invalid what an unknown link is told
	 */
	TokenLinks(JdbcClient jdbc, String table, String parentColumn, List<String> extra, String invalid) {
		if (!(table + parentColumn + String.join("", extra)).matches("[a-z_]+")) {
			throw new IllegalArgumentException("table and column names only");
		}
		this.jdbc = jdbc;
		this.table = table;
		this.parentColumn = parentColumn;
		this.extra = List.copyOf(extra);
		this.binding = new LinkBinding(jdbc, table);
		this.invalid = invalid;
	}

	LinkBinding binding() {
		return this.binding;
	}

	/** The link behind a token, if there is one. */
	Optional<Link> find(String token) {
		if (!Tokens.plausible(token)) {
			return Optional.empty();
		}
		String columns = this.extra.isEmpty() ? "" : ", " + String.join(", ", this.extra);
		return this.jdbc.sql("""
				select tenant_id, id, %s as parent_id, status, draft, submitted_on%s from %s
				where token_hash = :hash""".formatted(this.parentColumn, columns, this.table))
			.param("hash", Tokens.hash(token))
			.query((rs, n) -> {
				Map<String, Object> values = new LinkedHashMap<>();
				for (String column : this.extra) {
					values.put(column, rs.getObject(column));
				}
				Date submitted = rs.getDate("submitted_on");
				return new Link(rs.getLong("tenant_id"), rs.getLong("id"), rs.getLong("parent_id"),
						rs.getString("status"), Answers.draft(rs.getString("draft")),
						submitted == null ? null : submitted.toLocalDate(), null, values);
			})
			.optional()
			.map(link -> {
				LinkBinding.State b = this.binding.state(link.id(), token);
				// The draft is the holder's alone: nobody else with the link reads it.
				return new Link(link.tenantId(), link.id(), link.parentId(), link.status(),
						b.elsewhere() ? Map.of() : link.draft(), link.submittedOn(), b, link.extra());
			});
	}

	/** The link, or 404 with the kind's message. */
	Link require(String token) {
		return find(token).orElseThrow(() -> new NotFoundException(this.invalid));
	}

	/** A link that can still be answered: not submitted, and its parent open. */
	Link answerable(String token, Parent parent, String alreadySubmitted) {
		Link link = require(token);
		if (link.submitted()) {
			throw new BadRequestException(alreadySubmitted);
		}
		String closed = parent.closed(link.tenantId(), link.parentId());
		if (closed != null) {
			throw new BadRequestException(closed);
		}
		return link;
	}

	/**
	 * Keeps answers so far (the caller has checked them), marking the link started; only
	 * whoever holds the link's key (an unbound link binds to the caller now).
	 */
	void saveDraft(Link link, String token, Map<String, String> values) {
		this.binding.requireHolder(link.id(), token);
		this.jdbc.sql("""
				update %s
				set draft = :draft, status = case when status = 'INVITED' then 'STARTED' else status end
				where id = :id and status <> 'SUBMITTED'""".formatted(this.table))
			.param("draft", Answers.json(values))
			.param("id", link.id())
			.update();
	}

	/**
	 * Starts the link again on this device: the draft saved through it elsewhere is
	 * discarded unread, and from now on only this device changes or submits answers.
	 */
	void restart(Link link, String token) {
		this.binding.restart(link.id(), token);
	}

	/**
	 * Claims the link for submission, once, in the caller's transaction: locks the parent
	 * (so a close waits for this or this sees it closed), reads the link again under the
	 * lock, and marks it submitted (with {@code on}, or no day) and its draft gone. Empty
	 * when it was already used (the caller changes nothing). Returns the link as read
	 * under the lock, with the draft as it stood then.
	 * @throws NotFoundException for an unknown link
	 * @throws BadRequestException when the parent does not accept answers
	 */
	Optional<Link> claim(String token, Parent parent, LocalDate on) {
		Link found = require(token);
		parent.lock(found.tenantId(), found.parentId());
		Link link = require(token);
		if (link.submitted()) {
			return Optional.empty();
		}
		// Only whoever holds the link's key submits through it.
		this.binding.requireHolder(link.id(), token);
		String closed = parent.closed(link.tenantId(), link.parentId());
		if (closed != null) {
			throw new BadRequestException(closed);
		}
		int claimed = this.jdbc.sql("""
				update %s set status = 'SUBMITTED', submitted_on = :on, draft = null
				where id = :id and status <> 'SUBMITTED'""".formatted(this.table))
			.param("on", on == null ? null : Date.valueOf(on))
			.param("id", link.id())
			.update();
		return claimed == 0 ? Optional.empty() : Optional.of(link);
	}

}
