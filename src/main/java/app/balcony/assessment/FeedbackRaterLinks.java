package app.balcony.assessment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import app.balcony.assessment.ThreeSixty.Feedback;
import app.balcony.assessment.ThreeSixty.Relationship;
import app.balcony.shared.BadRequestException;
import app.balcony.shared.NotFoundException;

/**
 * What a 360 rater's link does: open the survey (bound to the device that first used it),
 * save a draft, submit once into the ballot box, or start again on this device.
 * {@link ThreeSixty} holds the transactions.
 */
class FeedbackRaterLinks {

	private final FeedbackStore store;

	private final LinkBinding binding;

	private final Ballots ballots;

	FeedbackRaterLinks(FeedbackStore store, LinkBinding binding, Ballots ballots) {
		this.store = store;
		this.binding = binding;
		this.ballots = ballots;
	}

	private record RaterRow(long tenantId, long raterId, long feedbackId, Relationship relationship, String status,
			Map<String, String> draft, SurveyPage.Use use) {
	}

	/** A rater's link; the draft only for whoever holds the link's key. */
	private Optional<RaterRow> rater(String token) {
		if (!Tokens.plausible(token)) {
			return Optional.empty();
		}
		return this.store.raterByTokenHash(Tokens.hash(token)).map(r -> {
			LinkBinding.State b = this.binding.state(r.raterId(), token);
			return new RaterRow(r.tenantId(), r.raterId(), r.feedbackId(), r.relationship(), r.status(),
					b.elsewhere() ? Map.of() : r.draft(),
					new SurveyPage.Use(b.elsewhere(), b.boundAt(), b.restarts(), r.submittedOn()));
		});
	}

	/** Starts a rater link again on this device (see {@link Campaigns#restart}). */
	SurveyPage restart(String token) {
		RaterRow r = answerable(token);
		this.binding.restart(r.raterId(), token);
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
		RaterRow r = answerable(token);
		this.binding.requireHolder(r.raterId(), token);
		Map<String, String> merged = new LinkedHashMap<>(r.draft());
		merged.putAll(AnswerRules.validate(ThreeSixty.instrument(), answers, false));
		this.store.saveDraft(r.raterId(), Answers.json(merged));
		return survey(token).orElseThrow();
	}

	/** Submits once; a repeat changes nothing and returns false. */
	boolean submit(String token, Map<String, String> answers) {
		RaterRow r = rater(token).orElseThrow(() -> new NotFoundException("This feedback link is not valid."));
		if ("SUBMITTED".equals(r.status())) {
			return false;
		}
		answerable(token);
		// Only whoever holds the link's key submits through it.
		this.binding.requireHolder(r.raterId(), token);
		Map<String, String> merged = new LinkedHashMap<>(r.draft());
		merged.putAll(AnswerRules.validate(ThreeSixty.instrument(), answers, false));
		AnswerRules.validate(ThreeSixty.instrument(), merged, true);
		// Held until commit, so a close waits for this submission or it sees the close.
		this.store.lock(r.feedbackId());
		if (!this.store.load(r.tenantId(), r.feedbackId()).open()) {
			throw new BadRequestException("This 360 has closed.");
		}
		// The draft as it stands now (a save that committed since the first read is in
		// it).
		RaterRow now = rater(token).orElseThrow();
		if ("SUBMITTED".equals(now.status())) {
			return false;
		}
		merged = new LinkedHashMap<>(now.draft());
		merged.putAll(AnswerRules.validate(ThreeSixty.instrument(), answers, false));
		AnswerRules.validate(ThreeSixty.instrument(), merged, true);
		if (!this.store.claim(r.raterId())) {
			return false;
		}
		// Sealed with the claim; it becomes a response when the 360 closes (Ballots).
		this.ballots.cast(r.tenantId(), Ballots.Kind.FEEDBACK, r.feedbackId(),
				Ballots.columns("relationship", r.relationship().name()), merged);
		return true;
	}

	private RaterRow answerable(String token) {
		RaterRow r = rater(token).orElseThrow(() -> new NotFoundException("This feedback link is not valid."));
		if ("SUBMITTED".equals(r.status())) {
			throw new BadRequestException("This feedback has already been submitted. Thank you.");
		}
		if (!this.store.load(r.tenantId(), r.feedbackId()).open()) {
			throw new BadRequestException("This 360 has closed.");
		}
		return r;
	}

}
