package app.balcony.network;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import app.balcony.assessment.Campaigns;
import app.balcony.network.waves.WaveStore;
import app.balcony.system.directory.Directory;
import app.balcony.system.Views;

import org.springframework.stereotype.Component;

/**
 * The demo's network survey: open for one place, about half of its people have answered,
 * naming colleagues in other organisations they work with in the demo's latest wave of
 * ties and the organisations those colleagues belong to.
 */
@Component
class NetworkSurveyDemo {

	static final String NAME = "Network survey 2026";

	private final Campaigns campaigns;

	private final NetworkSurvey survey;

	private final Directory system;

	private final WaveStore waves;

	NetworkSurveyDemo(Campaigns campaigns, NetworkSurvey survey, Directory system, WaveStore waves) {
		this.campaigns = campaigns;
		this.survey = survey;
		this.system = system;
		this.waves = waves;
	}

	void ensure(long tenantId, String actor, long fromWaveId) {
		if (this.campaigns.list(tenantId).stream().anyMatch(c -> NAME.equals(c.name()))) {
			return;
		}
		LocalDate today = LocalDate.now();
		Map<Long, Views.Profile> profiles = this.system.profiles(tenantId, today);
		Map<Long, Integer> perPlace = new HashMap<>();
		profiles.values()
			.stream()
			.filter(p -> p.placeId() != null && p.email() != null)
			.forEach(p -> perPlace.merge(p.placeId(), 1, Integer::sum));
		if (perPlace.isEmpty()) {
			return;
		}
		// A mid-sized place keeps the demo quick to start.
		List<Map.Entry<Long, Integer>> places = new ArrayList<>(perPlace.entrySet());
		places.sort(Map.Entry.comparingByValue(Comparator.reverseOrder()));
		long place = places.get(places.size() / 2).getKey();
		long id = this.campaigns.create(tenantId, actor,
				new Campaigns.Draft(NAME, "network_survey", false, today.minusDays(10), today.plusDays(20), null,
						"Baseline", new Campaigns.Audience(List.of(place), null, null, null, null, null)));
		this.campaigns.open(tenantId, actor, id);
		Map<Long, List<Long>> ties = new HashMap<>();
		this.waves.ties(tenantId, fromWaveId, (source, target) -> {
			ties.computeIfAbsent(source, k -> new ArrayList<>()).add(target);
			ties.computeIfAbsent(target, k -> new ArrayList<>()).add(source);
		});
		Random random = new Random(5);
		String[] frequencies = { "monthly", "weekly", "weekly", "daily" };
		String[] flows = { "information", "advice", "decisions", "trust" };
		for (Campaigns.Link link : this.campaigns.demoLinks(tenantId, id)) {
			if (random.nextDouble() > 0.5) {
				continue;
			}
			Long me = this.campaigns.survey(link.token()).map(Campaigns.Survey::personId).orElse(null);
			Views.Profile mine = me == null ? null : profiles.get(me);
			if (mine == null || mine.organisationId() == null) {
				continue;
			}
			Map<String, String> answers = new LinkedHashMap<>();
			for (long other : ties.getOrDefault(me, List.of())) {
				Views.Profile theirs = profiles.get(other);
				if (theirs == null || theirs.organisationId() == null
						|| theirs.organisationId().equals(mine.organisationId()) || answers.size() >= 4 * 12) {
					continue;
				}
				String k = "p." + other;
				answers.put(k, "1");
				answers.put(k + ".frequency", frequencies[random.nextInt(frequencies.length)]);
				answers.put(k + ".flows", flows[random.nextInt(2)] + (random.nextBoolean() ? ";trust" : ""));
				answers.put(k + ".usefulness", Integer.toString(2 + random.nextInt(4)));
				if (random.nextDouble() < 0.5) {
					String o = "o." + theirs.organisationId();
					answers.put(o, "1");
					answers.put(o + ".frequency", frequencies[random.nextInt(frequencies.length)]);
					answers.put(o + ".flows", "information;decisions");
					answers.put(o + ".usefulness", Integer.toString(3 + random.nextInt(3)));
				}
			}
			this.survey.submit(link.token(), answers);
		}
	}

}
