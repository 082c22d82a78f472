package app.balcony.assessment;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import app.balcony.assessment.Campaigns.Survey;
import app.balcony.shared.BadRequestException;
import app.balcony.shared.NotFoundException;
import app.balcony.system.Views;
import app.balcony.system.directory.Directory;

/**
 * What a campaign respondent's link does: open the survey (the draft only for the device
 * the link is bound to), save a draft, claim the invitation once and seal the answers in
 * the ballot box with the respondent's groups, or start again on this device.
 * {@link Campaigns} holds the transactions; a network survey claims through it too.
 */
class CampaignRespondents {

	private final Campaigns campaigns;

	private final CampaignStore store;

	private final Directory directory;

	private final LinkBinding binding;

	private final Ballots ballots;

	CampaignRespondents(Campaigns campaigns, CampaignStore store, Directory directory, LinkBinding binding,
			Ballots ballots) {
		this.campaigns = campaigns;
		this.store = store;
		this.directory = directory;
		this.binding = binding;
		this.ballots = ballots;
	}

	Optional<Survey> survey(String token) {
		if (!Tokens.plausible(token)) {
			return Optional.empty();
		}
		return this.store.invitation(Tokens.hash(token)).map(i -> {
			LinkBinding.State b = this.binding.state(i.id(), token);
			// The draft is the holder's alone: nobody else with the link reads it.
			return new Survey(i.tenantId(), i.id(), this.campaigns.findWithoutCounts(i.tenantId(), i.campaignId()),
					i.status(), b.elsewhere() ? Map.of() : i.draft(), i.personId(),
					new SurveyPage.Use(b.elsewhere(), b.boundAt(), b.restarts(), i.submittedOn()));
		});
	}

	/**
	 * Starts a link again on this device: the draft saved through it elsewhere is
	 * discarded unread, and from now on only this device can change or submit answers.
	 */
	Survey restart(String token) {
		Survey s = answerable(token);
		this.binding.restart(s.invitationId(), token);
		return survey(token).orElseThrow();
	}

	/**
	 * Replaces the draft of a survey whose answers another module checks (a network
	 * survey's ties): the caller has validated {@code values}.
	 */
	Survey replaceDraft(String token, Map<String, String> values) {
		return storeDraft(token, answerable(token), values);
	}

	/** Keeps answers so far, marking the invitation started, and returns the survey. */
	private Survey storeDraft(String token, Survey s, Map<String, String> values) {
		this.binding.requireHolder(s.invitationId(), token);
		this.store.saveDraft(s.invitationId(), Answers.json(values));
		return survey(token).orElseThrow();
	}

	/**
	 * Claims a survey link for submission, within the caller's transaction, so that the
	 * caller's writes and the claim stand or fall together. Empty when the link was
	 * already used (a retry or double click: the caller changes nothing).
	 * @throws NotFoundException for an unknown link
	 * @throws BadRequestException when the campaign is not open
	 */
	Optional<Survey> claim(String token) {
		Survey found = survey(token).orElseThrow(() -> new NotFoundException("This survey link is not valid."));
		// Held until commit: a close waits for this submission, or this one sees it
		// closed.
		this.store.lock(found.tenantId(), found.campaign().id(), false);
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
		boolean claimed = this.store.claim(s.invitationId(), s.campaign().anonymous() ? null : LocalDate.now());
		return claimed ? Optional.of(s) : Optional.empty();
	}

	/** Saves answers so far. Unknown questions and out-of-range answers are refused. */
	Survey save(String token, Map<String, String> answers) {
		Survey s = answerable(token);
		notNetwork(s);
		Map<String, String> clean = AnswerRules.validate(s.campaign().instrument(), answers, false);
		Map<String, String> merged = new LinkedHashMap<>(s.draft());
		merged.putAll(clean);
		return storeDraft(token, s, merged);
	}

	/**
	 * Submits a response. Every rating item must be answered. Idempotent: a second submit
	 * (a retry, a double click) finds the invitation already used and changes nothing.
	 * Returns true when this call created the response.
	 */
	boolean submit(String token, Map<String, String> answers) {
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
		merged.putAll(AnswerRules.validate(s.campaign().instrument(), answers, false));
		AnswerRules.validate(s.campaign().instrument(), merged, true);
		LocalDate today = LocalDate.now();
		Optional<Survey> claimed = claim(token);
		if (claimed.isEmpty()) {
			return false;
		}
		// The draft as it stood under the lock (a save racing this submit is in it).
		merged = new LinkedHashMap<>(claimed.get().draft());
		merged.putAll(AnswerRules.validate(s.campaign().instrument(), answers, false));
		AnswerRules.validate(s.campaign().instrument(), merged, true);
		Long personId = claimed.get().personId();
		Views.Profile profile = personId == null ? null
				: this.directory.profile(s.tenantId(), personId, today).orElse(null);
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

}
