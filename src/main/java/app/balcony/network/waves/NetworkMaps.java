package app.balcony.network.waves;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import app.balcony.network.NetworkViews;
import app.balcony.network.NetworkViews.Analysis;
import app.balcony.network.NetworkViews.Matrix;
import app.balcony.network.analysis.Graph;
import app.balcony.shared.BadRequestException;
import app.balcony.shared.NotFoundException;
import app.balcony.system.Views.PersonAttributes;

/**
 * The data of the interactive map, from an analysis already made and checked: people (for
 * those who may see names) or one node per group.
 */
public final class NetworkMaps {

	/** At most this many people on a named map (the map stays readable and fast). */
	public static final int MAP_LIMIT = 400;

	private NetworkMaps() {
	}

	/**
	 * People: a person's ego network ({@code personId}), the people of one group
	 * ({@code group}, within the grouping), or the people with the highest betweenness,
	 * at most {@link #MAP_LIMIT}, with the ties among them. {@code audit} receives what
	 * was viewed (action, detail).
	 */
	public static NetworkViews.MapData people(Analysis a, Loaded loaded, WaveMetrics.Stored m, int[] clusters,
			String group, Long personId, BiConsumer<String, String> audit) {
		Graph g = loaded.graph();
		double[] betweenness = m == null ? new double[g.size()] : m.betweenness();
		Integer[] order = new Integer[g.size()];
		for (int v = 0; v < g.size(); v++) {
			order[v] = v;
		}
		Arrays.sort(order, (x, y) -> Double.compare(betweenness[y], betweenness[x]));
		boolean[] broker = new boolean[g.size()];
		for (int i = 0; i < Math.max(1, g.size() / 20) && i < g.size() && m != null; i++) {
			broker[order[i]] = betweenness[order[i]] > 0;
		}
		List<Integer> chosen = new ArrayList<>();
		String description;
		Integer ego = null;
		if (personId != null) {
			int v = g.indexOf(Long.toString(personId));
			if (v < 0) {
				throw new NotFoundException("Person in this wave");
			}
			ego = v;
			chosen.add(v);
			for (int w : g.allNeighbours(v)) {
				chosen.add(w);
			}
			description = loaded.people().get(v).name() + "'s ego network: " + (chosen.size() - 1)
					+ " people they are tied to, and the ties among them.";
			audit.accept("NETWORK_EGO_VIEWED", "person " + personId);
		}
		else {
			int groupIndex = group == null || group.isBlank() ? -1 : a.matrix().groups().indexOf(group);
			if (group != null && !group.isBlank() && groupIndex < 0) {
				throw new BadRequestException("No group '" + group + "' when grouped by " + a.groupBy());
			}
			int matching = 0;
			for (int v : order) {
				if (groupIndex < 0 || loaded.groups()[v] == groupIndex) {
					matching++;
					if (chosen.size() < MAP_LIMIT) {
						chosen.add(v);
					}
				}
			}
			String who = groupIndex < 0 ? "people" : "people in " + group;
			description = chosen.size() == matching ? "All " + matching + " " + who + " and the ties among them."
					: "The " + chosen.size() + " " + who + " with the highest betweenness (of " + matching
							+ "), and the ties among them. Choose a group or a person's ego network to see others.";
			audit.accept("NETWORK_MAP_VIEWED", groupIndex < 0 ? "top people" : "group " + group);
		}
		java.util.Set<Integer> in = new HashSet<>(chosen);
		List<Map<String, Object>> nodes = new ArrayList<>();
		for (int v : chosen) {
			PersonAttributes p = loaded.people().get(v);
			Map<String, Object> node = new LinkedHashMap<>();
			node.put("id", p.id());
			node.put("person", p.id());
			node.put("label", p.name());
			node.put("group", loaded.groupNames().get(loaded.groups()[v]));
			node.put("sector", p.sector());
			node.put("organisation", p.organisation());
			node.put("place", p.place());
			node.put("staff_group", p.staffGroup());
			node.put("degree", g.degree(v));
			node.put("betweenness", Math.round(betweenness[v] * 10) / 10.0);
			if (m != null) {
				node.put("harmonic", Math.round(m.harmonic()[v] * 10) / 10.0);
				node.put("eigenvector", m.eigenvector()[v]);
				node.put("constraint", Double.isNaN(m.constraint()[v]) ? null : m.constraint()[v]);
			}
			if (clusters != null) {
				node.put("cluster", clusters[v] + 1);
			}
			node.put("broker", broker[v]);
			nodes.add(node);
		}
		List<NetworkViews.MapEdge> edges = new ArrayList<>();
		int[] out = g.outAdjacency();
		for (int u : chosen) {
			for (int i = g.outStart(u); i < g.outEnd(u); i++) {
				if (out[i] > u && in.contains(out[i])) {
					edges.add(new NetworkViews.MapEdge(Long.parseLong(g.id(u)), Long.parseLong(g.id(out[i])), 1));
				}
			}
		}
		List<NetworkViews.MapField> fields = List.of(new NetworkViews.MapField("group", "Group"),
				new NetworkViews.MapField("organisation", "Organisation"), new NetworkViews.MapField("place", "Place"),
				new NetworkViews.MapField("degree", "Ties"), new NetworkViews.MapField("betweenness", "Betweenness"),
				new NetworkViews.MapField("harmonic", "Harmonic closeness"),
				new NetworkViews.MapField("eigenvector", "Eigenvector"),
				new NetworkViews.MapField("constraint", "Constraint"),
				new NetworkViews.MapField("cluster", "Informal cluster"));
		return new NetworkViews.MapData(true, description, nodes, edges, fields,
				ego == null ? null : Long.parseLong(g.id(ego)), 1);
	}

	public static NetworkViews.MapData groups(Analysis a) {
		Matrix m = a.matrix();
		List<Map<String, Object>> nodes = new ArrayList<>();
		List<NetworkViews.MapEdge> edges = new ArrayList<>();
		long max = 1;
		for (int i = 0; i < m.groups().size(); i++) {
			Map<String, Object> node = new LinkedHashMap<>();
			node.put("id", i);
			node.put("label", m.groups().get(i));
			node.put("group", m.groups().get(i));
			node.put("people", m.sizes().get(i));
			node.put("within", m.ties()[i][i]);
			node.put("density", Math.round(m.density()[i][i] * 10000) / 10000.0);
			long between = 0;
			for (int j = 0; j < m.groups().size(); j++) {
				if (j != i) {
					between += m.ties()[i][j];
				}
				if (j > i && m.ties()[i][j] > 0) {
					edges.add(new NetworkViews.MapEdge(i, j, m.ties()[i][j]));
					max = Math.max(max, m.ties()[i][j]);
				}
			}
			node.put("between", between);
			nodes.add(node);
		}
		return new NetworkViews.MapData(
				false, "One circle per group (" + a.groupBy().replace('_', ' ')
						+ "), sized by its people; lines are ties " + "between groups, thicker for more ties.",
				nodes, edges,
				List.of(new NetworkViews.MapField("people", "People"),
						new NetworkViews.MapField("within", "Ties within the group"),
						new NetworkViews.MapField("between", "Ties to other groups"),
						new NetworkViews.MapField("density", "Density within")),
				null, max);
	}

}
