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

	private final Directory directory;

	private final TokenLinks links;

	private final SurveyRoutes routes;

	private final TokenLinks.Parent parent;

	private final Ballots ballots;

	CampaignRespondents(Campaigns campaigns, CampaignStore store, Directory directory, TokenLinks links,
			Ballots ballots, SurveyRoutes routes) {
		this.routes = routes;
		this.campaigns = campaigns;
		this.directory = directory;
		this.links = links;
		this.ballots = ballots;
		this.parent = new TokenLinks.Parent() {

			@Override
			public void lock(long tenantId, long campaignId) {
				store.lock(tenantId, campaignId, false);
			}

			@Override
			public String closed(long tenantId, long campaignId) {
				Campaigns.Campaign c = campaigns.findWithoutCounts(tenantId, campaignId);
				return c.acceptsAnswers() ? null : "This survey is " + c.status().toLowerCase() + ".";
			}

		};
	}

	private static final String SUBMITTED = "This survey has already been submitted. Thank you.";

	Optional<Survey> survey(String token) {
		return this.links.find(token).map(this::survey);
	}

	private Survey survey(TokenLinks.Link link) {
		Object person = link.extra().get("person_id");
		return new Survey(link.tenantId(), link.id(),
				this.campaigns.findWithoutCounts(link.tenantId(), link.parentId()), link.status(), link.draft(),
				person == null ? null : ((Number) person).longValue(), link.use());
	}

	/**
	 * Starts a link again on this device: the draft saved through it elsewhere is
	 * discarded unread, and from now on only this device can change or submit answers.
	 */
	Survey restart(String token) {
		this.links.restart(this.links.answerable(token, this.parent, SUBMITTED), token);
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
		this.links.saveDraft(this.links.require(token), token, values);
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
		TokenLinks.Link found = this.links.require(token);
		// An anonymous campaign's invitation keeps no day: with the responses it would
		// narrow who answered what.
		boolean anonymous = this.campaigns.findWithoutCounts(found.tenantId(), found.parentId()).anonymous();
		return this.links.claim(token, this.parent, anonymous ? null : LocalDate.now()).map(this::survey);
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
					LinkBinding.inUseElsewhere(this.links.require(token).binding()));
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

	private void notNetwork(Survey s) {
		var own = this.routes.of(s.campaign().instrument());
		if (own.isPresent()) {
			throw new BadRequestException("This is a network survey: answer it at " + own.get().page("{token}") + " or "
					+ own.get().api("{token}"));
		}
	}

	private Survey answerable(String token) {
		return survey(this.links.answerable(token, this.parent, SUBMITTED));
	}

}
