package app.balcony.network.waves;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import app.balcony.network.NetworkViews;
import app.balcony.network.NetworkViews.Wave;
import app.balcony.network.analysis.Graph;
import app.balcony.network.analysis.NetworkMetrics;
import app.balcony.system.SystemQueries;
import app.balcony.system.directory.Directory;
import app.balcony.system.Views;
import app.balcony.system.Views.PersonAttributes;

import org.springframework.stereotype.Component;

/**
 * Organisations as a network: an organisation is tied to another when one of its people
 * named one of the other's, or when a respondent said their team depends on it.
 */
@Component
public class OrganisationNetwork {

	private final WaveStore store;

	private final SystemQueries system;

	private final Directory directory;

	OrganisationNetwork(WaveStore store, SystemQueries system, Directory directory) {
		this.directory = directory;
		this.store = store;
		this.system = system;
	}

	/**
	 * The organisations of a wave with their metrics, most between first. Organisations
	 * with fewer than {@code minPeople} people in the wave are left out of the rows (0
	 * shows all).
	 */
	public List<NetworkViews.OrganisationMetrics> organisations(long tenantId, Wave wave, Loaded loaded,
			int minPeople) {
		Map<Long, Long> personOrganisation = new HashMap<>();
		Map<Long, Views.Profile> profiles = this.directory.profiles(tenantId, wave.collectedOn());
		for (Views.Profile p : profiles.values()) {
			if (p.organisationId() != null) {
				personOrganisation.put(p.personId(), p.organisationId());
			}
		}
		Graph.Builder builder = Graph.builder(false);
		Map<Long, Integer> peopleIn = new HashMap<>();
		for (PersonAttributes p : loaded.people()) {
			Long o = personOrganisation.get(p.id());
			if (o != null) {
				builder.vertex(Long.toString(o));
				peopleIn.merge(o, 1, Integer::sum);
			}
		}
		Map<Long, Integer> dependedOn = new HashMap<>();
		Set<String> seen = new HashSet<>();
		this.store.ties(tenantId, wave.id(), (source, target) -> {
			Long a = personOrganisation.get(source);
			Long b = personOrganisation.get(target);
			if (a != null && b != null && !a.equals(b) && seen.add(Math.min(a, b) + ">" + Math.max(a, b))) {
				builder.edge(Long.toString(a), Long.toString(b), 1);
			}
		});
		this.store.organisationTies(tenantId, wave.id(), (a, b) -> {
			dependedOn.merge(b, 1, Integer::sum);
			if (seen.add(Math.min(a, b) + ">" + Math.max(a, b))) {
				builder.edge(Long.toString(a), Long.toString(b), 1);
			}
		});
		Graph g = builder.build();
		if (g.size() == 0) {
			return List.of();
		}
		// Brokerage roles between sectors: which organisations connect sectors that are
		// not otherwise tied.
		Map<Long, String> sectors = new HashMap<>();
		this.system.organisations(tenantId, wave.collectedOn(), null, null, 0, Integer.MAX_VALUE)
			.items()
			.forEach(o -> sectors.put(o.id(), o.sectorLabel()));
		Map<String, Integer> sectorNumbers = new HashMap<>();
		int[] sectorOf = new int[g.size()];
		for (int v = 0; v < g.size(); v++) {
			sectorOf[v] = sectorNumbers.computeIfAbsent(sectors.getOrDefault(Long.parseLong(g.id(v)), ""),
					k -> sectorNumbers.size());
		}
		NetworkMetrics m = NetworkMetrics.compute(g, sectorOf, NetworkMetrics.Options.defaults());
		Map<Long, String> names = this.directory.names(tenantId).organisations();
		List<NetworkViews.OrganisationMetrics> out = new ArrayList<>();
		for (int v = 0; v < g.size(); v++) {
			long id = Long.parseLong(g.id(v));
			int people = peopleIn.getOrDefault(id, 0);
			if (people < minPeople) {
				continue;
			}
			out.add(new NetworkViews.OrganisationMetrics(id, names.getOrDefault(id, "Organisation " + id),
					sectors.get(id), people, m.degree()[v], dependedOn.getOrDefault(id, 0), m.betweenness()[v],
					m.harmonic()[v], m.constraint()[v], m.brokerage().liaison(v), m.brokerage().total(v)));
		}
		out.sort(Comparator.comparingDouble(NetworkViews.OrganisationMetrics::betweenness).reversed());
		return out;
	}

}
