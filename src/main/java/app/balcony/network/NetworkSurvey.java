package app.balcony.network;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import app.balcony.assessment.Campaigns;
import app.balcony.assessment.Campaigns.Survey;
import app.balcony.network.survey.SurveyDrafts;
import app.balcony.network.survey.SurveyStore;
import app.balcony.shared.BadRequestException;
import app.balcony.shared.NotFoundException;
import app.balcony.system.directory.Directory;
import app.balcony.system.Views;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A network survey: a campaign (links, mail, rates from the assessment module) whose
 * respondents pick, from the roster of the system model, the people outside their own
 * organisation they work with and the organisations their team depends on, and say for
 * each tie how often, what flows and how useful it is. Each campaign collects one wave.
 *
 * <p>
 * A respondent's picks are kept as the invitation's draft, one entry per field:
 * {@code p.<personId>} (chosen), {@code p.<personId>.frequency},
 * {@code p.<personId>.flows} (semicolon-separated), {@code p.<personId>.usefulness}, and
 * the same with {@code o.<organisationId>} for organisations: the same names the survey
 * form uses (see {@link SurveyDrafts}). Submitting writes the ties and the respondent in
 * the same transaction as the claim on the link, so a retry or a double click changes
 * nothing.
 */
@Service
public class NetworkSurvey {

	/** At most this many people and organisations per respondent. */
	public static final int MAX_PEOPLE = 60;

	public static final int MAX_ORGANISATIONS = 30;

	private final Campaigns campaigns;

	private final Directory directory;

	private final NetworkService network;

	private final SurveyStore store;

	private final SurveyDrafts drafts;

	private final RosterSearches roster;

	NetworkSurvey(Campaigns campaigns, Directory directory, NetworkService network, SurveyStore store,
			SurveyDrafts drafts, RosterSearches roster) {
		this.campaigns = campaigns;
		this.directory = directory;
		this.network = network;
		this.store = store;
		this.drafts = drafts;
		this.roster = roster;
	}

	/**
	 * One chosen tie as the respondent described it; {@code id} is a person or
	 * organisation.
	 */
	public record Tie(long id, String name, String detail, String frequency, List<String> flows, Integer usefulness) {

		public boolean complete() {
			return this.frequency != null && !this.flows.isEmpty() && this.usefulness != null;
		}

	}

	/** What a respondent's link shows. */
	/**
	 * {@code inUseElsewhere}: answers are being saved through this link on another device
	 * or browser (then nothing saved or submitted through it is shown here).
	 */
	public record Form(String campaign, String description, LocalDate closesOn, String status, boolean submitted,
			String respondent, String organisation, List<Tie> people, List<Tie> organisations, boolean inUseElsewhere,
			java.time.LocalDateTime boundAt) {
	}

	/** A search result the respondent can add. */
	public record Candidate(long id, String name, String detail) {
	}

	/**
	 * A link has used its roster searches for the day: a leaked link must not be able to
	 * list the whole directory.
	 */
	public static final class SearchLimitException extends RuntimeException {

		SearchLimitException(String message) {
			super(message);
		}

	}

	public static List<String> frequencies() {
		return NetworkService.FREQUENCIES;
	}

	public static List<String> flows() {
		return NetworkService.FLOWS;
	}

	/** The survey behind a network link. */
	private Survey survey(String token) {
		Survey s = this.campaigns.survey(token)
			.orElseThrow(() -> new NotFoundException(
					"This survey link is not valid. Check that the whole link was copied from your invitation."));
		if (!s.campaign().instrument().network()) {
			throw new NotFoundException("This link is not for a network survey.");
		}
		if (s.personId() == null) {
			throw new BadRequestException("This invitation is not linked to a person in the system model.");
		}
		return s;
	}

	@Transactional(readOnly = true)
	public Form form(String token) {
		Survey s = survey(token);
		// Whom someone named is shown only on the device that answered through the link.
		return form(s, s.inUseElsewhere() ? Map.of() : s.submitted() ? submitted(s) : s.draft());
	}

	/**
	 * What a respondent submitted, in the draft's form, so the thank-you page can say it.
	 */
	private Map<String, String> submitted(Survey s) {
		Long wave = waveOf(s.tenantId(), s.campaign().id());
		if (wave == null) {
			return new LinkedHashMap<>();
		}
		return this.store.submitted(s.tenantId(), wave, s.personId());
	}

	private Form form(Survey s, Map<String, String> draft) {
		Views.Profile me = this.directory.profile(s.tenantId(), s.personId(), LocalDate.now()).orElse(null);
		Map<Long, String> organisationNames = this.directory.names(s.tenantId()).organisations();
		List<Long> personIds = SurveyDrafts.ids(draft, "p");
		Map<Long, Views.RosterEntry> entries = this.directory.rosterEntries(s.tenantId(), personIds);
		List<Tie> people = new ArrayList<>();
		for (long id : personIds) {
			Views.RosterEntry e = entries.get(id);
			if (e != null) {
				people.add(SurveyDrafts.tie(draft, "p", id, e.name(),
						SurveyDrafts.detail(e.jobTitle(), e.organisation())));
			}
		}
		List<Tie> organisations = new ArrayList<>();
		for (long id : SurveyDrafts.ids(draft, "o")) {
			if (organisationNames.containsKey(id)) {
				organisations.add(SurveyDrafts.tie(draft, "o", id, organisationNames.get(id), null));
			}
		}
		return new Form(s.campaign().name(), s.campaign().instrument().description(), s.campaign().closesOn(),
				s.campaign().status(), s.submitted(), me == null ? null : me.name(),
				me == null || me.organisationId() == null ? null : organisationNames.get(me.organisationId()), people,
				organisations, s.inUseElsewhere(), s.use().boundAt());
	}

	/**
	 * People matching the query (name, job title or organisation), leaving out the
	 * respondent, colleagues in the respondent's own organisation, and people already
	 * chosen.
	 */
	@Transactional(readOnly = true)
	public List<Candidate> searchPeople(String token, String query) {
		Survey s = survey(token);
		return this.roster.people(s, query);
	}

	/** Organisations matching the query, other than the respondent's own. */
	@Transactional(readOnly = true)
	public List<Candidate> searchOrganisations(String token, String query) {
		Survey s = survey(token);
		return this.roster.organisations(s, query);
	}

	/**
	 * Replaces the respondent's picks with {@code values} (form field names, see the
	 * class comment), checking every value. Incomplete ties are kept, so a respondent can
	 * come back to them.
	 */
	@Transactional
	public Form save(String token, Map<String, String> values) {
		Survey s = survey(token);
		Map<String, String> clean = this.drafts.check(s, values, false);
		return form(this.campaigns.replaceDraft(token, clean), clean);
	}

	/**
	 * Submits the respondent's ties. Every chosen tie needs how often, at least one flow
	 * and how useful. Naming nobody is a valid answer (it tells the analysis the
	 * respondent works with nobody across boundaries). Idempotent: returns false when the
	 * link was already used, and changes nothing.
	 */
	@Transactional
	public boolean submit(String token, Map<String, String> values) {
		Survey s = survey(token);
		if (s.submitted()) {
			return false;
		}
		Map<String, String> merged = new LinkedHashMap<>(values == null ? s.draft() : values);
		Map<String, String> clean = this.drafts.check(s, merged, true);
		long waveId = waveFor(s);
		Optional<Survey> claimed = this.campaigns.claim(token);
		if (claimed.isEmpty()) {
			return false;
		}
		long tenantId = s.tenantId();
		long me = s.personId();
		Long myOrganisation = this.directory.profile(tenantId, me, LocalDate.now())
			.map(Views.Profile::organisationId)
			.orElse(null);
		this.store.insertRespondent(tenantId, waveId, me);
		this.store.insertTies(tenantId, waveId, me, answers(clean, "p"));
		this.store.insertOrganisationTies(tenantId, waveId, me, myOrganisation, answers(clean, "o"));
		this.network.tiesChanged(tenantId, waveId);
		return true;
	}

	/** The chosen ties of one kind in a checked, complete draft, as they are stored. */
	private static List<SurveyStore.Answer> answers(Map<String, String> clean, String kind) {
		List<SurveyStore.Answer> out = new ArrayList<>();
		for (long id : SurveyDrafts.ids(clean, kind)) {
			Tie t = SurveyDrafts.tie(clean, kind, id, "", "");
			out.add(new SurveyStore.Answer(id, t.frequency(), String.join(";", t.flows()), t.usefulness(),
					weight(t.frequency())));
		}
		return out;
	}

	/** Daily ties count three times, weekly twice, monthly once (the tie's weight). */
	static double weight(String frequency) {
		return switch (frequency == null ? "" : frequency) {
			case "daily" -> 3;
			case "weekly" -> 2;
			default -> 1;
		};
	}

	/**
	 * The wave a network campaign collects into, created with the campaign's name (and
	 * its closing date as the collection date) the first time it is needed.
	 */
	long waveFor(Survey s) {
		Long existing = waveOf(s.tenantId(), s.campaign().id());
		if (existing != null) {
			return existing;
		}
		try {
			// Its own transaction, so the wave stands whatever becomes of this one.
			return this.store.createWave(s.tenantId(), s.campaign().id(), s.campaign().name(), s.campaign().closesOn());
		}
		catch (DuplicateKeyException ex) {
			// Another respondent's first submission created it a moment ago.
		}
		return waveOf(s.tenantId(), s.campaign().id());
	}

	/** The wave of a network campaign, or null before its first response. */
	public Long waveOf(long tenantId, long campaignId) {
		return this.store.waveOf(tenantId, campaignId);
	}

}
