package app.balcony.assessment;

import java.util.ArrayList;
import java.util.List;

import app.balcony.shared.TableExport;

/**
 * A heatmap as a table for CSV and XLSX: exactly what the page shows, hidden figures
 * blank.
 */
public final class HeatmapExport {

	private HeatmapExport() {
	}

	public static TableExport.Table table(Results.Heatmap heatmap) {
		List<String> header = new ArrayList<>(List.of("grouping", "group", "respondents", "status"));
		heatmap.columns().forEach(c -> header.add(c.label()));
		header.add("note");
		List<List<Object>> rows = new ArrayList<>();
		for (Results.Row r : heatmap.rows()) {
			List<Object> row = new ArrayList<>();
			row.add(r.grouping() == null ? "Total" : r.grouping());
			row.add(r.label());
			row.add(r.respondents() == null ? "" : r.respondents());
			row.add(r.status().toLowerCase().replace('_', ' '));
			List<String> notes = new ArrayList<>();
			if (r.reason() != null) {
				notes.add(r.reason());
			}
			for (int c = 0; c < heatmap.columns().size(); c++) {
				Results.Value v = r.shown() ? r.values().get(c) : null;
				row.add(v == null || v.mean() == null ? "" : v.mean());
				if (v != null && v.hidden() != null && !notes.contains(v.hidden())) {
					notes.add(heatmap.columns().get(c).label() + ": " + v.hidden());
				}
			}
			if (r.grouping() == null && heatmap.campaign().linksHandedOut()) {
				notes.add(ResultsPdf.handedOut(heatmap.campaign()));
			}
			row.add(String.join("; ", notes));
			rows.add(row);
		}
		if (heatmap.detail() != Results.Detail.ITEM && heatmap.reliability().stream().anyMatch(a -> a != null)) {
			List<Object> row = new ArrayList<>(List.of("Reliability", "Cronbach's alpha, all respondents", "", ""));
			boolean floored = false;
			for (Double a : heatmap.reliability()) {
				row.add(a == null ? "" : a);
				floored |= a != null && a <= Results.ALPHA_FLOOR;
			}
			row.add(floored ? "-1 stands for -1 or lower" : "");
			rows.add(row);
		}
		String name = heatmap.campaign().name().replaceAll("[^A-Za-z0-9 _-]", "");
		return new TableExport.Table(name.length() > 30 ? name.substring(0, 30) : name, header, rows);
	}

}
