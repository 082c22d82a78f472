package app.balcony.network.waves;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

import app.balcony.network.NetworkFiles;
import app.balcony.network.NetworkProperties;
import app.balcony.network.NetworkViews.Wave;
import app.balcony.network.analysis.Brokerage;
import app.balcony.network.analysis.Graph;
import app.balcony.network.analysis.NetworkMetrics;
import app.balcony.shared.TableExport;
import app.balcony.system.Views.PersonAttributes;

import org.springframework.stereotype.Component;

/**
 * A wave as a file: GraphML (Gephi, yEd) or GEXF (Gephi) with each person's attributes
 * and figures, or the CSV of per-person metrics (the CLI's columns with the person's name
 * and sector). Who may export, and the audit, are the caller's.
 */
@Component
public class WaveExports {

	/** The formats {@link #export} writes. */
	public static final List<String> FORMATS = List.of("graphml", "gexf", "csv");

	private final WaveStore store;

	private final WaveMetrics metrics;

	private final NetworkProperties properties;

	WaveExports(WaveStore store, WaveMetrics metrics, NetworkProperties properties) {
		this.store = store;
		this.metrics = metrics;
		this.properties = properties;
	}

	/**
	 * The wave in a format of {@link #FORMATS}; the CSV's {@code community} column (and
	 * the files' {@code cluster}) hold clusters at a Louvain resolution ({@code gamma}).
	 */
	public String export(long tenantId, Wave wave, String format, double gamma, double defaultResolution) {
		Loaded loaded = this.store.load(tenantId, wave, "sector");
		Graph g = loaded.graph();
		// The stored metrics when the wave has them (large waves are computed in the
		// background), else computed now; a file for Gephi or yEd goes without them
		// while a large wave's are still being computed.
		WaveMetrics.Stored kept = this.metrics.stored(tenantId, wave.id(), loaded);
		NetworkMetrics metrics = null;
		if (kept != null) {
			metrics = new NetworkMetrics(g, kept.degree(), kept.betweenness(), kept.harmonic(), kept.eigenvector(),
					true, kept.constraint(), kept.effectiveSize(),
					gamma == defaultResolution ? kept.community() : WaveMetrics.louvain(g, gamma),
					Brokerage.compute(g, loaded.groups()), Map.of());
		}
		else if (format.equals("csv") || g.size() <= this.properties.getInlineLimit()) {
			metrics = NetworkMetrics.compute(g, loaded.groups(), new NetworkMetrics.Options(gamma,
					NetworkMetrics.Options.defaults().seed(), 0, NetworkMetrics.Options.defaults().threads()));
		}
		return format.equals("csv") ? csv(loaded, metrics) : graph(tenantId, wave, format, loaded, metrics);
	}

	private String graph(long tenantId, Wave wave, String format, Loaded loaded, NetworkMetrics m) {
		Graph g = loaded.graph();
		String[] keys = { "name", "sector", "organisation", "place", "staff_group" };
		// Per-person figures in the files for Gephi and yEd: name, type, value.
		String[][] figures = { { "degree", "int" }, { "betweenness", "double" }, { "harmonic", "double" },
				{ "eigenvector", "double" }, { "constraint", "double" }, { "cluster", "int" } };
		BiFunction<Integer, Integer, String> figure = (k, v) -> switch (k) {
			case 0 -> Integer.toString(m.degree()[v]);
			case 1 -> Double.toString(m.betweenness()[v]);
			case 2 -> Double.toString(m.harmonic()[v]);
			case 3 -> Double.toString(m.eigenvector()[v]);
			case 4 -> Double.isNaN(m.constraint()[v]) ? null : Double.toString(m.constraint()[v]);
			default -> Integer.toString(m.community()[v] + 1);
		};
		Set<String> respondents = this.store.respondentIds(tenantId, wave.id());
		List<NetworkExport.Tie> ties = this.store.exportTies(tenantId, wave.id());
		List<NetworkExport.Person> nodes = new ArrayList<>();
		for (int v = 0; v < g.size(); v++) {
			PersonAttributes p = loaded.people().get(v);
			String[] values = { p.name(), p.sector(), p.organisation(), p.place(), p.staffGroup() };
			Map<String, String> numbers = new LinkedHashMap<>();
			for (int k = 0; m != null && k < figures.length; k++) {
				// Eigenvector values that did not converge are left out (and the graph
				// says so), not written as if they were right.
				if (k == 3 && !m.eigenvectorConverged()) {
					continue;
				}
				String value = figure.apply(k, v);
				if (value != null) {
					numbers.put(figures[k][0], value);
				}
			}
			nodes
				.add(new NetworkExport.Person(g.id(v), p.externalId(), values, respondents.contains(g.id(v)), numbers));
		}
		NetworkExport.Figures header = new NetworkExport.Figures(keys, m == null ? new String[0][] : figures,
				m == null || m.eigenvectorConverged());
		return format.equals("graphml") ? NetworkExport.graphml(wave.name(), header, nodes, ties)
				: NetworkExport.gexf(wave.name(), header, nodes, ties);
	}

	private static String csv(Loaded loaded, NetworkMetrics metrics) {
		Graph g = loaded.graph();
		StringWriter out = new StringWriter();
		try {
			// The same columns as the CLI's contract, with the person's name and group
			// added.
			StringWriter raw = new StringWriter();
			NetworkFiles.write(metrics, raw);
			String[] lines = raw.toString().split("\n");
			out.write("name,sector," + lines[0] + "\n");
			for (int v = 0; v < g.size(); v++) {
				PersonAttributes p = loaded.people().get(v);
				// The id column carries the person's own identifier (person_id), not
				// Balcony's key.
				String row = lines[v + 1];
				out.write(csv(p.name()) + "," + csv(p.sector()) + "," + csv(p.externalId())
						+ row.substring(row.indexOf(',')) + "\n");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString();
	}

	/**
	 * A CSV value: a spreadsheet formula is defused with an apostrophe (as every table
	 * export does), and commas, quotes and line breaks are quoted.
	 */
	public static String csv(String text) {
		String value = String.valueOf(TableExport.safe(text == null ? "" : text));
		return value.matches("(?s).*[,\"\n\r].*") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
	}

}
