package app.balcony.network;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import app.balcony.assessment.Campaigns.Survey;
import app.balcony.network.NetworkSurvey.Candidate;
import app.balcony.network.NetworkSurvey.SearchLimitException;
import app.balcony.network.survey.SurveyDrafts;
import app.balcony.network.survey.SurveyStore;
import app.balcony.shared.BadRequestException;
import app.balcony.system.SystemQueries;
import app.balcony.system.Views;
import app.balcony.system.directory.Directory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * A network survey respondent's searches of the roster of the system model, for people
 * and organisations to add. A leaked link must not be able to list the whole directory,
 * nor take the database: each search is counted against the link's daily budget, and a
 * link runs at most {@link #SEARCHES_AT_ONCE} at once on an instance.
 */
@Component
class RosterSearches {

	/** Searches one link may run at once on an instance; more are refused (429). */
	static final int SEARCHES_AT_ONCE = 2;

	private static final int ROSTER_LIMIT = 20;

	private final SystemQueries system;

	private final Directory directory;

	private final SurveyStore store;

	/** Roster searches (people and organisations) one link may make per day. */
	private final NetworkProperties properties;

	/** Searches in flight per link on this instance: one link cannot take the pool. */
	private final ConcurrentHashMap<Long, Semaphore> inFlight = new ConcurrentHashMap<>();

	RosterSearches(SystemQueries system, Directory directory, SurveyStore store, NetworkProperties properties) {
		this.system = system;
		this.directory = directory;
		this.store = store;
		this.properties = properties;
	}

	/**
	 * People matching the query (name, job title or organisation), leaving out the
	 * respondent, colleagues in the respondent's own organisation, and people already
	 * chosen.
	 */
	List<Candidate> people(Survey s, String query) {
		return throttled(s, () -> searchPeople(s, query));
	}

	/** Organisations matching the query, other than the respondent's own. */
	List<Candidate> organisations(Survey s, String query) {
		return throttled(s, () -> searchOrganisations(s, query));
	}

	private <T> T throttled(Survey s, Supplier<T> search) {
		Semaphore gate = this.inFlight.computeIfAbsent(s.invitationId(), k -> new Semaphore(SEARCHES_AT_ONCE));
		if (!gate.tryAcquire()) {
			throw new SearchLimitException(
					"This link is already running " + SEARCHES_AT_ONCE + " searches; try again in a moment.");
		}
		try {
			return search.get();
		}
		finally {
			gate.release();
			if (gate.availablePermits() == SEARCHES_AT_ONCE) {
				this.inFlight.remove(s.invitationId(), gate);
			}
		}
	}

	private List<Candidate> searchPeople(Survey s, String query) {
		Long ownOrganisation = this.directory.profile(s.tenantId(), s.personId(), LocalDate.now())
			.map(Views.Profile::organisationId)
			.orElse(null);
		Set<Long> chosen = new LinkedHashSet<>(SurveyDrafts.ids(s.draft(), "p"));
		if (query == null || query.strip().length() < 2) {
			return List.of();
		}
		spendSearch(s);
		Map<Long, List<Views.RosterEntry>> byPerson = new LinkedHashMap<>();
		for (Views.RosterEntry e : this.directory.roster(s.tenantId(), query, s.personId(), ROSTER_LIMIT * 3)) {
			byPerson.computeIfAbsent(e.personId(), k -> new ArrayList<>()).add(e);
		}
		List<Candidate> out = new ArrayList<>();
		for (List<Views.RosterEntry> entries : byPerson.values()) {
			Views.RosterEntry first = entries.get(0);
			boolean colleague = entries.stream()
				.allMatch(e -> ownOrganisation != null && ownOrganisation.equals(e.organisationId()));
			if (colleague || chosen.contains(first.personId())) {
				continue;
			}
			out.add(new Candidate(first.personId(), first.name(), SurveyDrafts.detail(first.jobTitle(),
					String.join(" and ", entries.stream().map(Views.RosterEntry::organisation).distinct().toList()))));
			if (out.size() == ROSTER_LIMIT) {
				break;
			}
		}
		return out;
	}

	private List<Candidate> searchOrganisations(Survey s, String query) {
		if (query == null || query.strip().length() < 2) {
			return List.of();
		}
		spendSearch(s);
		Long own = this.directory.profile(s.tenantId(), s.personId(), LocalDate.now())
			.map(Views.Profile::organisationId)
			.orElse(null);
		Set<Long> chosen = new LinkedHashSet<>(SurveyDrafts.ids(s.draft(), "o"));
		return this.system.organisations(s.tenantId(), LocalDate.now(), null, query.strip(), 0, ROSTER_LIMIT)
			.items()
			.stream()
			.filter(o -> !Long.valueOf(o.id()).equals(own) && !chosen.contains(o.id()))
			.map(o -> new Candidate(o.id(), o.name(), o.sectorLabel()))
			.toList();
	}

	/**
	 * Counts one roster search for the link, refusing it while the survey is not open,
	 * after the answers were submitted, or beyond the day's budget. The count commits on
	 * its own, so instances sharing the database share the budget.
	 */
	private void spendSearch(Survey s) {
		if (s.submitted()) {
			throw new BadRequestException(
					"These answers were submitted, so this link can no longer search the roster.");
		}
		if (!s.campaign().acceptsAnswers()) {
			throw new BadRequestException("This survey is " + s.campaign().status().toLowerCase(Locale.ROOT)
					+ "; the roster can only be searched while it is open.");
		}
		LocalDate today = LocalDate.now();
		for (int attempt = 0; attempt < 2; attempt++) {
			Integer refused;
			try {
				refused = this.store.countSearch(s.invitationId(), today, this.properties.getRosterSearchesPerDay());
			}
			catch (DuplicateKeyException ex) {
				// Another request made the day's first search at the same moment:
				// count again.
				continue;
			}
			if (refused == null) {
				return;
			}
			throw new SearchLimitException("This link has searched the roster " + refused
					+ " times today, the most allowed in a day. The people and organisations you added are kept:"
					+ " describe them and submit, or search again tomorrow.");
		}
	}

}
