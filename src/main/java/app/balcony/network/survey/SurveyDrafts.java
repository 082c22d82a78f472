package app.balcony.network.survey;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import app.balcony.assessment.Campaigns.Survey;
import app.balcony.network.NetworkService;
import app.balcony.network.NetworkSurvey;
import app.balcony.network.NetworkSurvey.Tie;
import app.balcony.shared.BadRequestException;
import app.balcony.system.Views;
import app.balcony.system.directory.Directory;

import org.springframework.stereotype.Component;

/**
 * A network survey respondent's picks as draft fields: {@code p.<personId>} (chosen),
 * {@code p.<personId>.frequency}, {@code p.<personId>.flows} (semicolon-separated),
 * {@code p.<personId>.usefulness}, and the same with {@code o.<organisationId>} for
 * organisations. Reads ties out of the fields and checks what a respondent sends against
 * the roster of the system model.
 */
@Component
public class SurveyDrafts {

	private final Directory directory;

	SurveyDrafts(Directory directory) {
		this.directory = directory;
	}

	/** Chosen ids of one kind ({@code p} or {@code o}), in the order they were added. */
	public static List<Long> ids(Map<String, String> draft, String kind) {
		List<Long> out = new ArrayList<>();
		for (String key : draft.keySet()) {
			if (key.startsWith(kind + ".") && key.indexOf('.', kind.length() + 1) < 0) {
				out.add(Long.parseLong(key.substring(kind.length() + 1)));
			}
		}
		return out;
	}

	/** One chosen tie as the draft describes it. */
	public static Tie tie(Map<String, String> draft, String kind, long id, String name, String detail) {
		String prefix = kind + "." + id + ".";
		String frequency = draft.get(prefix + "frequency");
		String flows = draft.getOrDefault(prefix + "flows", "");
		String useful = draft.get(prefix + "usefulness");
		return new Tie(id, name, detail, frequency == null || frequency.isEmpty() ? null : frequency,
				flows.isEmpty() ? List.of() : Arrays.asList(flows.split(";")),
				useful == null || useful.isEmpty() ? null : Integer.valueOf(useful));
	}

	/** A person's job title and organisation, as one line under their name. */
	public static String detail(String jobTitle, String organisation) {
		if (jobTitle == null || jobTitle.isBlank()) {
			return organisation;
		}
		return organisation == null ? jobTitle : jobTitle + ", " + organisation;
	}

	/**
	 * The values a respondent sent (form field names), checked: only questions of this
	 * survey, at most {@link NetworkSurvey#MAX_PEOPLE} people and
	 * {@link NetworkSurvey#MAX_ORGANISATIONS} organisations, people from the roster other
	 * than the respondent, organisations other than the respondent's own, and valid
	 * answers; with {@code complete}, every chosen tie fully described.
	 * @throws BadRequestException listing every problem found
	 */
	public Map<String, String> check(Survey s, Map<String, String> values, boolean complete) {
		if (!s.campaign().acceptsAnswers()) {
			throw new BadRequestException("This survey is " + s.campaign().status().toLowerCase(Locale.ROOT) + ".");
		}
		Map<String, String> clean = new LinkedHashMap<>();
		List<String> problems = new ArrayList<>();
		// Four fields a person or organisation at most: anything beyond is refused before
		// a single id is looked up.
		if (values.size() > 4 * (NetworkSurvey.MAX_PEOPLE + NetworkSurvey.MAX_ORGANISATIONS)) {
			throw new BadRequestException(
					"At most " + NetworkSurvey.MAX_PEOPLE + " people and " + NetworkSurvey.MAX_ORGANISATIONS
							+ " organisations can be named; this draft has " + values.size() + " fields.");
		}
		List<Long> people = ids(values, "p");
		List<Long> organisations = ids(values, "o");
		if (people.size() > NetworkSurvey.MAX_PEOPLE) {
			problems.add("people: at most " + NetworkSurvey.MAX_PEOPLE + " people");
		}
		if (organisations.size() > NetworkSurvey.MAX_ORGANISATIONS) {
			problems.add("organisations: at most " + NetworkSurvey.MAX_ORGANISATIONS + " organisations");
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

}
