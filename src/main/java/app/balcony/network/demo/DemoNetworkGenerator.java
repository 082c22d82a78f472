package app.balcony.network.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates plausible working ties between the people of an ICS, for the demo and
 * benchmarks: most ties inside a person's own organisation (teams, line management),
 * fewer to other organisations serving the same place, and a small set of boundary
 * spanners (senior leaders, voluntary sector and Healthwatch staff, and people in
 * governance roles) who carry most of the ties between sectors and places. The result has
 * the silos and brokers that real ICS networks show.
 *
 * <p>
 * Deterministic for a seed; O(people) time. Ties are undirected pairs of person ids,
 * without duplicates or self-ties.
 */
public final class DemoNetworkGenerator {

	/**
	 * A person as the generator needs them. {@code senior} marks executive and senior
	 * leaders.
	 */
	public record Person(String id, String organisation, String place, String sector, boolean senior) {
	}

	public record Tie(String source, String target) {
	}

	private DemoNetworkGenerator() {
	}

	public static List<Tie> generate(List<Person> people, long seed) {
		Random random = new Random(seed);
		Map<String, List<Person>> byOrganisation = new LinkedHashMap<>();
		Map<String, List<Person>> byPlace = new LinkedHashMap<>();
		List<Person> spanners = new ArrayList<>();
		for (Person person : people) {
			byOrganisation.computeIfAbsent(person.organisation(), k -> new ArrayList<>()).add(person);
			byPlace.computeIfAbsent(person.place(), k -> new ArrayList<>()).add(person);
			if (person.senior() || person.sector().equals("vcse") || person.sector().equals("healthwatch")) {
				spanners.add(person);
			}
		}
		Map<String, Tie> ties = new LinkedHashMap<>();
		Map<String, Integer> teamOf = new HashMap<>();
		for (List<Person> staff : byOrganisation.values()) {
			// Teams of about eight inside each organisation, with a leader tied to the
			// next team's leader.
			int teams = Math.max(1, staff.size() / 8);
			for (int i = 0; i < staff.size(); i++) {
				teamOf.put(staff.get(i).id(), i % teams);
			}
			for (int i = 0; i < staff.size(); i++) {
				Person person = staff.get(i);
				int team = i % teams;
				for (int k = 0; k < 3; k++) {
					int j = team + teams * random.nextInt(Math.max(1, (staff.size() - team + teams - 1) / teams));
					if (j < staff.size()) {
						add(ties, person, staff.get(j));
					}
				}
				if (random.nextDouble() < 0.3) {
					add(ties, person, staff.get(random.nextInt(staff.size())));
				}
			}
			for (int t = 0; t + 1 < teams; t++) {
				add(ties, staff.get(t), staff.get(t + 1));
			}
		}
		for (Person person : people) {
			List<Person> local = byPlace.get(person.place());
			if (random.nextDouble() < 0.25) {
				add(ties, person, local.get(random.nextInt(local.size())));
			}
		}
		for (Person spanner : spanners) {
			int reach = spanner.senior() ? 4 + random.nextInt(6) : 2 + random.nextInt(3);
			for (int k = 0; k < reach; k++) {
				Person other = random.nextDouble() < 0.6 ? spanners.get(random.nextInt(spanners.size()))
						: byPlace.get(spanner.place()).get(random.nextInt(byPlace.get(spanner.place()).size()));
				add(ties, spanner, other);
			}
		}
		return new ArrayList<>(ties.values());
	}

	/**
	 * A later wave of the same network: about a tenth of the ties have ended, and a
	 * cross-boundary programme has introduced some people in different sectors of the
	 * same place to each other.
	 */
	public static List<Tie> followUp(List<Person> people, long seed) {
		Random random = new Random(seed + 1);
		Map<String, Tie> ties = new LinkedHashMap<>();
		for (Tie tie : generate(people, seed)) {
			if (random.nextDouble() >= 0.1) {
				ties.put(tie.source() + "|" + tie.target(), tie);
			}
		}
		Map<String, List<Person>> byPlace = new LinkedHashMap<>();
		people.forEach(p -> byPlace.computeIfAbsent(p.place(), k -> new ArrayList<>()).add(p));
		for (Person person : people) {
			if (random.nextDouble() < 0.08) {
				List<Person> local = byPlace.get(person.place());
				Person other = local.get(random.nextInt(local.size()));
				if (!other.sector().equals(person.sector())) {
					add(ties, person, other);
				}
			}
		}
		return new ArrayList<>(ties.values());
	}

	private static void add(Map<String, Tie> ties, Person a, Person b) {
		if (a.id().equals(b.id())) {
			return;
		}
		String key = a.id().compareTo(b.id()) < 0 ? a.id() + "|" + b.id() : b.id() + "|" + a.id();
		ties.putIfAbsent(key, new Tie(a.id(), b.id()));
	}

}
