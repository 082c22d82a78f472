package app.balcony.network;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import app.balcony.assessment.Campaigns;
import app.balcony.assessment.Campaigns.Survey;
import app.balcony.shared.BadRequestException;
import app.balcony.shared.SideTransactions;
import app.balcony.shared.NotFoundException;
import app.balcony.system.SystemQueries;
import app.balcony.system.directory.Directory;
import app.balcony.system.Views;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
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
 * form uses. Submitting writes the ties and the respondent in the same transaction as the
 * claim on the link, so a retry or a double click changes nothing.
 */
@Service
public class NetworkSurvey {

	/** At most this many people and organisations per respondent. */
	public static final int MAX_PEOPLE = 60;

	public static final int MAX_ORGANISATIONS = 30;

	private static final int ROSTER_LIMIT = 20;

	private final Campaigns campaigns;

	private final SystemQueries system;

	private final Directory directory;

	private final JdbcTemplate jdbc;

	private final NetworkService network;

	/** Writes that commit on their own (the day's search count, a wave's creation). */
	private final SideTransactions side;

	/** Roster searches (people and organisations) one link may make per day. */
	private final NetworkProperties properties;

	NetworkSurvey(Campaigns campaigns, SystemQueries system, Directory directory, JdbcTemplate jdbc,
			NetworkService network, SideTransactions side, NetworkProperties properties) {
		this.properties = properties;
		this.campaigns = campaigns;
		this.system = system;
		this.directory = directory;
		this.jdbc = jdbc;
		this.network = network;
		this.side = side;
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
		Map<String, String> out = new LinkedHashMap<>();
		Long wave = waveOf(s.tenantId(), s.campaign().id());
		if (wave == null) {
			return out;
		}
		this.jdbc.query("select 'p', target_id, frequency, flows, usefulness from network_tie "
				+ "where wave_id = ? and source_id = ? union all select 'o', target_org_id, frequency, flows, usefulness "
				+ "from network_org_tie where wave_id = ? and respondent_id = ?", rs -> {
					String k = rs.getString(1) + "." + rs.getLong(2);
					out.put(k, "1");
					out.put(k + ".frequency", rs.getString(3));
					out.put(k + ".flows", rs.getString(4));
					out.put(k + ".usefulness", rs.getString(5));
				}, wave, s.personId(), wave, s.personId());
		return out;
	}

	private Form form(Survey s, Map<String, String> draft) {
		Views.Profile me = this.directory.profile(s.tenantId(), s.personId(), LocalDate.now()).orElse(null);
		Map<Long, String> organisationNames = this.directory.names(s.tenantId()).organisations();
		List<Long> personIds = ids(draft, "p");
		Map<Long, Views.RosterEntry> roster = this.directory.rosterEntries(s.tenantId(), personIds);
		List<Tie> people = new ArrayList<>();
		for (long id : personIds) {
			Views.RosterEntry e = roster.get(id);
			if (e != null) {
				people.add(tie(draft, "p", id, e.name(), detail(e.jobTitle(), e.organisation())));
			}
		}
		List<Tie> organisations = new ArrayList<>();
		for (long id : ids(draft, "o")) {
			if (organisationNames.containsKey(id)) {
				organisations.add(tie(draft, "o", id, organisationNames.get(id), null));
			}
		}
		return new Form(s.campaign().name(), s.campaign().instrument().description(), s.campaign().closesOn(),
				s.campaign().status(), s.submitted(), me == null ? null : me.name(),
				me == null || me.organisationId() == null ? null : organisationNames.get(me.organisationId()), people,
				organisations, s.inUseElsewhere(), s.use().boundAt());
	}

	private static String detail(String jobTitle, String organisation) {
		if (jobTitle == null || jobTitle.isBlank()) {
			return organisation;
		}
		return organisation == null ? jobTitle : jobTitle + ", " + organisation;
	}

	private static Tie tie(Map<String, String> draft, String kind, long id, String name, String detail) {
		String prefix = kind + "." + id + ".";
		String frequency = draft.get(prefix + "frequency");
		String flows = draft.getOrDefault(prefix + "flows", "");
		String useful = draft.get(prefix + "usefulness");
		return new Tie(id, name, detail, frequency == null || frequency.isEmpty() ? null : frequency,
				flows.isEmpty() ? List.of() : Arrays.asList(flows.split(";")),
				useful == null || useful.isEmpty() ? null : Integer.valueOf(useful));
	}

	/** Chosen ids of one kind, in the order they were added. */
	private static List<Long> ids(Map<String, String> draft, String kind) {
		List<Long> out = new ArrayList<>();
		for (String key : draft.keySet()) {
			if (key.startsWith(kind + ".") && key.indexOf('.', kind.length() + 1) < 0) {
				out.add(Long.parseLong(key.substring(kind.length() + 1)));
			}
		}
		return out;
	}

	/**
	 * People matching the query (name, job title or organisation), leaving out the
	 * respondent, colleagues in the respondent's own organisation, and people already
	 * chosen.
	 */
	@Transactional(readOnly = true)
	public List<Candidate> searchPeople(String token, String query) {
		Survey s = survey(token);
		return throttled(s, () -> searchPeople(s, query));
	}

	/** Searches in flight per link on this instance: one link cannot take the pool. */
	private final java.util.concurrent.ConcurrentHashMap<Long, java.util.concurrent.Semaphore> inFlight = new java.util.concurrent.ConcurrentHashMap<>();

	/** Searches one link may run at once on an instance; more are refused (429). */
	static final int SEARCHES_AT_ONCE = 2;

	private <T> T throttled(Survey s, java.util.function.Supplier<T> search) {
		java.util.concurrent.Semaphore gate = this.inFlight.computeIfAbsent(s.invitationId(),
				k -> new java.util.concurrent.Semaphore(SEARCHES_AT_ONCE));
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
		Set<Long> chosen = new LinkedHashSet<>(ids(s.draft(), "p"));
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
			out.add(new Candidate(first.personId(), first.name(), detail(first.jobTitle(),
					String.join(" and ", entries.stream().map(Views.RosterEntry::organisation).distinct().toList()))));
			if (out.size() == ROSTER_LIMIT) {
				break;
			}
		}
		return out;
	}

	/** Organisations matching the query, other than the respondent's own. */
	@Transactional(readOnly = true)
	public List<Candidate> searchOrganisations(String token, String query) {
		Survey s = survey(token);
		return throttled(s, () -> searchOrganisations(s, query));
	}

	private List<Candidate> searchOrganisations(Survey s, String query) {
		if (query == null || query.strip().length() < 2) {
			return List.of();
		}
		spendSearch(s);
		Long own = this.directory.profile(s.tenantId(), s.personId(), LocalDate.now())
			.map(Views.Profile::organisationId)
			.orElse(null);
		Set<Long> chosen = new LinkedHashSet<>(ids(s.draft(), "o"));
		return this.system.organisations(s.tenantId(), LocalDate.now(), null, query.strip(), 0, ROSTER_LIMIT)
			.items()
			.stream()
			.filter(o -> !Long.valueOf(o.id()).equals(own) && !chosen.contains(o.id()))
			.map(o -> new Candidate(o.id(), o.name(), o.sectorLabel()))
			.toList();
	}

	/**
	 * Counts one roster search for the link, refusing it while the survey is not open,
	 * after the answers were submitted, or beyond the day's budget. The count is one
	 * conditional update (or the day's first insert), so instances sharing the database
	 * share the budget.
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
		Date today = Date.valueOf(LocalDate.now());
		for (int attempt = 0; attempt < 2; attempt++) {
			// Its own transaction: the searches themselves are read-only, and a
			// clash on the day's first insert must not spoil the caller's transaction.
			Integer refused;
			try {
				refused = this.side.run(() -> countSearch(s.invitationId(), today));
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

	/** Counts a search; null when counted, else the searches already made today. */
	private Integer countSearch(long invitationId, Date today) {
		int counted = this.side.template()
			.update("update network_roster_search set searches = searches + 1 "
					+ "where invitation_id = ? and search_day = ? and searches < ?", invitationId, today,
					this.properties.getRosterSearchesPerDay());
		if (counted == 1) {
			return null;
		}
		Integer used = this.side.template()
			.query("select searches from network_roster_search where invitation_id = ? and search_day = ?",
					rs -> rs.next() ? rs.getInt(1) : null, invitationId, today);
		if (used != null) {
			return used;
		}
		this.side.template()
			.update("insert into network_roster_search (invitation_id, search_day, searches) values (?, ?, 1)",
					invitationId, today);
		return null;
	}

	/**
	 * Replaces the respondent's picks with {@code values} (form field names, see the
	 * class comment), checking every value. Incomplete ties are kept, so a respondent can
	 * come back to them.
	 */
	@Transactional
	public Form save(String token, Map<String, String> values) {
		Survey s = survey(token);
		Map<String, String> clean = check(s, values, false);
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
		Map<String, String> clean = check(s, merged, true);
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
		this.jdbc.update("insert into network_respondent (wave_id, person_id, tenant_id) values (?, ?, ?)", waveId, me,
				tenantId);
		List<Object[]> people = new ArrayList<>();
		for (long id : ids(clean, "p")) {
			Tie t = tie(clean, "p", id, "", "");
			people.add(new Object[] { tenantId, waveId, me, id, t.frequency(), String.join(";", t.flows()),
					t.usefulness(), weight(t.frequency()) });
		}
		this.jdbc.batchUpdate("insert into network_tie (tenant_id, wave_id, source_id, target_id, frequency, flows, "
				+ "usefulness, weight) values (?, ?, ?, ?, ?, ?, ?, ?)", people);
		List<Object[]> organisations = new ArrayList<>();
		for (long id : ids(clean, "o")) {
			Tie t = tie(clean, "o", id, "", "");
			organisations.add(new Object[] { tenantId, waveId, me, myOrganisation, id, t.frequency(),
					String.join(";", t.flows()), t.usefulness(), weight(t.frequency()) });
		}
		this.jdbc.batchUpdate(
				"insert into network_org_tie (tenant_id, wave_id, respondent_id, source_org_id, "
						+ "target_org_id, frequency, flows, usefulness, weight) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
				organisations);
		this.network.tiesChanged(tenantId, waveId);
		return true;
	}

	/** Daily ties count three times, weekly twice, monthly once (the tie's weight). */
	static double weight(String frequency) {
		return switch (frequency == null ? "" : frequency) {
			case "daily" -> 3;
			case "weekly" -> 2;
			default -> 1;
		};
	}

	private Map<String, String> check(Survey s, Map<String, String> values, boolean complete) {
		if (!s.campaign().acceptsAnswers()) {
			throw new BadRequestException("This survey is " + s.campaign().status().toLowerCase(Locale.ROOT) + ".");
		}
		Map<String, String> clean = new LinkedHashMap<>();
		List<String> problems = new ArrayList<>();
		// Four fields a person or organisation at most: anything beyond is refused before
		// a single id is looked up.
		if (values.size() > 4 * (MAX_PEOPLE + MAX_ORGANISATIONS)) {
			throw new BadRequestException("At most " + MAX_PEOPLE + " people and " + MAX_ORGANISATIONS
					+ " organisations can be named; this draft has " + values.size() + " fields.");
		}
		List<Long> people = ids(values, "p");
		List<Long> organisations = ids(values, "o");
		if (people.size() > MAX_PEOPLE) {
			problems.add("people: at most " + MAX_PEOPLE + " people");
		}
		if (organisations.size() > MAX_ORGANISATIONS) {
			problems.add("organisations: at most " + MAX_ORGANISATIONS + " organisations");
		}
		if (!problems.isEmpty()) {
			throw new BadRequestException(String.join("; ", problems));
		}
		Map<Long, Views.RosterEntry> known = this.directory.rosterEntries(s.tenantId(), people);
		Map<Long, String> organisationNames = this.directory.names(s.tenantId()).organisations();
		Long own = this.directory.profile(s.tenantId(), s.personId(), LocalDate.now())
			.map(Views.Profile::organisationId)
			.orElse(null);
		for (String key : values.keySet()) {
			String[] parts = key.split("\\.");
			boolean field = parts.length == 3 && List.of("frequency", "flows", "usefulness").contains(parts[2]);
			if ((parts.length != 2 && !field) || !(parts[0].equals("p") || parts[0].equals("o"))
					|| !parts[1].matches("\\d{1,18}")) {
				problems.add(key + ": not a question of this survey");
			}
		}
		if (!problems.isEmpty()) {
			throw new BadRequestException(String.join("; ", problems));
		}
		for (long id : people) {
			Views.RosterEntry e = known.get(id);
			if (e == null || id == s.personId()) {
				problems.add("p." + id + ": no such person to choose");
				continue;
			}
			copy(values, clean, "p", id, e.name(), complete, problems);
		}
		for (long id : organisations) {
			if (!organisationNames.containsKey(id) || Long.valueOf(id).equals(own)) {
				problems.add("o." + id + ": no such organisation to choose (other than your own)");
				continue;
			}
			if (own == null) {
				problems.add("o." + id
						+ ": you are not recorded in an organisation, so organisation ties cannot be recorded");
				continue;
			}
			copy(values, clean, "o", id, organisationNames.get(id), complete, problems);
		}
		if (!problems.isEmpty()) {
			throw new BadRequestException(String.join("; ", problems));
		}
		return clean;
	}

	private static void copy(Map<String, String> values, Map<String, String> clean, String kind, long id, String name,
			boolean complete, List<String> problems) {
		String prefix = kind + "." + id;
		clean.put(prefix, "1");
		String frequency = values.getOrDefault(prefix + ".frequency", "").strip().toLowerCase(Locale.ROOT);
		if (!frequency.isEmpty() && !NetworkService.FREQUENCIES.contains(frequency)) {
			problems.add(name + ": how often must be monthly, weekly or daily, not '" + frequency + "'");
		}
		else if (frequency.isEmpty() && complete) {
			problems.add(name + ": say how often you work together");
		}
		else if (!frequency.isEmpty()) {
			clean.put(prefix + ".frequency", frequency);
		}
		List<String> flows = new ArrayList<>();
		for (String flow : values.getOrDefault(prefix + ".flows", "").toLowerCase(Locale.ROOT).split(";")) {
			if (flow.isBlank()) {
				continue;
			}
			if (!NetworkService.FLOWS.contains(flow.strip())) {
				problems.add(name + ": '" + flow.strip() + "' is not one of information, advice, decisions, trust");
			}
			else if (!flows.contains(flow.strip())) {
				flows.add(flow.strip());
			}
		}
		if (flows.isEmpty() && complete) {
			problems.add(name + ": choose at least one thing that flows between you");
		}
		else if (!flows.isEmpty()) {
			clean.put(prefix + ".flows", String.join(";", flows));
		}
		String useful = values.getOrDefault(prefix + ".usefulness", "").strip();
		if (!useful.isEmpty() && !useful.matches("[1-5]")) {
			problems.add(name + ": how useful must be a whole number from 1 to 5, not '" + useful + "'");
		}
		else if (useful.isEmpty() && complete) {
			problems.add(name + ": say how useful the tie is");
		}
		else if (!useful.isEmpty()) {
			clean.put(prefix + ".usefulness", useful);
		}
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
			this.side.run(() -> {
				String name = s.campaign().name();
				Integer clash = this.side.template()
					.queryForObject("select count(*) from network_wave where tenant_id = ? and name = ?", Integer.class,
							s.tenantId(), name);
				if (clash != null && clash > 0) {
					name = name.length() > 100 ? name.substring(0, 100) : name;
					name = name + " (survey " + s.campaign().id() + ")";
				}
				this.side.template()
					.update("insert into network_wave (tenant_id, name, collected_on, created_by, created_at, campaign_id) "
							+ "values (?, ?, ?, ?, ?, ?)", s.tenantId(), name, Date.valueOf(s.campaign().closesOn()),
							"network survey", Timestamp.valueOf(LocalDateTime.now()), s.campaign().id());
			});
		}
		catch (DuplicateKeyException ex) {
			// Another respondent's first submission created it a moment ago.
		}
		return waveOf(s.tenantId(), s.campaign().id());
	}

	/** The wave of a network campaign, or null before its first response. */
	public Long waveOf(long tenantId, long campaignId) {
		List<Long> ids = this.jdbc.queryForList("select id from network_wave where tenant_id = ? and campaign_id = ?",
				Long.class, tenantId, campaignId);
		return ids.isEmpty() ? null : ids.get(0);
	}

}
