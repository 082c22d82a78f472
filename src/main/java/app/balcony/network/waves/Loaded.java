package app.balcony.network.waves;

import java.util.List;

import app.balcony.network.analysis.Graph;
import app.balcony.system.Views.PersonAttributes;

/**
 * A wave's graph as loaded for one grouping: vertex {@code v} is person
 * {@code people.get(v)}, in group {@code groupNames.get(groups[v])}.
 */
public record Loaded(Graph graph, List<PersonAttributes> people, int[] groups, List<String> groupNames) {
}
