package app.balcony.assessment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import app.balcony.assessment.ThreeSixty.Feedback;
import app.balcony.assessment.ThreeSixty.Relationship;

/**
 * What a 360 rater's link does: open the survey (bound to the device that first used it),
 * save a draft, submit once into the ballot box, or start again on this device.
 * {@link ThreeSixty} holds the transactions.
 */
class FeedbackRaterLinks {

	private static final String INVALID = "This feedback link is not valid.";

	private static final String SUBMITTED = "This feedback has already been submitted. Thank you.";

	private final FeedbackStore store;

	private final TokenLinks links;

	private final TokenLinks.Parent parent;

	private final Ballots ballots;

	FeedbackRaterLinks(FeedbackStore store, org.springframework.jdbc.core.simple.JdbcClient jdbc, Ballots ballots) {
		this.store = store;
		this.links = new TokenLinks(jdbc, "feedback_rater", "feedback_id", List.of("relationship"), INVALID);
		this.ballots = ballots;
		this.parent = new TokenLinks.Parent() {

			@Override
			public void lock(long tenantId, long feedbackId) {
				// Held until commit, so a close waits for this submission or it sees the
				// close.
				store.lock(feedbackId);
			}

			@Override
			public String closed(long tenantId, long feedbackId) {
				return store.load(tenantId, feedbackId).open() ? null : "This 360 has closed.";
			}

		};
	}

	private record RaterRow(long tenantId, long raterId, long feedbackId, Relationship relationship, String status,
			Map<String, String> draft, SurveyPage.Use use) {
	}

	private static RaterRow rater(TokenLinks.Link link) {
		return new RaterRow(link.tenantId(), link.id(), link.parentId(),
				Relationship.valueOf((String) link.extra().get("relationship")), link.status(), link.draft(),
				link.use());
	}

	/** A rater's link; the draft only for whoever holds the link's key. */
	private Optional<RaterRow> rater(String token) {
		return this.links.find(token).map(FeedbackRaterLinks::rater);
	}

	/** Starts a rater link again on this device (see {@link Campaigns#restart}). */
	SurveyPage restart(String token) {
		this.links.restart(this.links.answerable(token, this.parent, SUBMITTED), token);
		return survey(token).orElseThrow();
	}

	/** What a rater's link opens. */
	Optional<SurveyPage> survey(String token) {
		return rater(token).map(r -> {
			Feedback f = this.store.load(r.tenantId(), r.feedbackId());
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
			Instrument instrument = self ? ItemBank.asSelf(ThreeSixty.instrument()) : ThreeSixty.instrument();
			return new SurveyPage("360 feedback for " + f.subjectName(), instrument, intro,
					self ? "" : "How far do you agree that " + f.subjectName() + "…", f.opensOn(), f.closesOn(),
					f.status(), "SUBMITTED".equals(r.status()), r.draft(), r.use());
		});
	}

	SurveyPage save(String token, Map<String, String> answers) {
		TokenLinks.Link link = this.links.answerable(token, this.parent, SUBMITTED);
		Map<String, String> merged = new LinkedHashMap<>(link.draft());
		merged.putAll(AnswerRules.validate(ThreeSixty.instrument(), answers, false));
		this.links.saveDraft(link, token, merged);
		return survey(token).orElseThrow();
	}

	/** Submits once; a repeat changes nothing and returns false. */
	boolean submit(String token, Map<String, String> answers) {
		TokenLinks.Link link = this.links.require(token);
		if (link.submitted()) {
			return false;
		}
		this.links.answerable(token, this.parent, SUBMITTED);
		// Only whoever holds the link's key submits through it.
		this.links.binding().requireHolder(link.id(), token);
		Map<String, String> merged = new LinkedHashMap<>(link.draft());
		merged.putAll(AnswerRules.validate(ThreeSixty.instrument(), answers, false));
		AnswerRules.validate(ThreeSixty.instrument(), merged, true);
		// No day is kept on the rater: with the responses it would narrow who said what.
		Optional<TokenLinks.Link> claimed = this.links.claim(token, this.parent, null);
		if (claimed.isEmpty()) {
			return false;
		}
		// The draft as it stood under the lock (a save that committed since the first
		// read is in it).
		merged = new LinkedHashMap<>(claimed.get().draft());
		merged.putAll(AnswerRules.validate(ThreeSixty.instrument(), answers, false));
		AnswerRules.validate(ThreeSixty.instrument(), merged, true);
		RaterRow r = rater(claimed.get());
		// Sealed with the claim; it becomes a response when the 360 closes (Ballots).
		this.ballots.cast(r.tenantId(), Ballots.Kind.FEEDBACK, r.feedbackId(),
				Ballots.columns("relationship", r.relationship().name()), merged);
		return true;
	}

}
