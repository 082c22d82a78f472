package app.balcony.network.waves;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads ties from CSV, XLSX (first sheet), GraphML or GEXF into rows with the import's
 * columns: {@code source_person_id}, {@code target_person_id} and optional
 * {@code frequency}, {@code flows}, {@code usefulness}, {@code weight}. In GraphML and
 * GEXF a node stands for the person named by its {@code person_id} attribute, or else by
 * its id (Balcony's own exports use {@code p} and the person's internal number, which the
 * import also understands); edge attributes with those names become the tie's values. XML
 * with a DOCTYPE is refused (no external entities).
 */
final class TieFiles {

	static {
		// Office files are zip archives: the same limits as any uploaded archive.
		app.balcony.shared.SafeZip.configurePoi();
	}

	/**
	 * One tie as read, with where it came from for error messages ("row 3", "edge 12").
	 */
	record TieRow(String where, Map<String, String> values) {
	}

	/**
	 * What a file holds: ties, and (GraphML/GEXF) the people marked as respondents, who
	 * belong to the wave even if they named nobody.
	 */
	record Read(List<String> header, List<TieRow> rows, List<String> respondents) {

		Read(List<String> header, List<TieRow> rows) {
			this(header, rows, List.of());
		}

	}

	private TieFiles() {
	}

	static Read read(String fileName, byte[] content) throws IOException {
		String name = fileName.toLowerCase(Locale.ROOT);
		if (name.endsWith(".xlsx")) {
			return xlsx(content);
		}
		if (name.endsWith(".graphml") || name.endsWith(".gexf") || name.endsWith(".xml")) {
			return xml(content);
		}
		return csv(content);
	}

	private static Read csv(byte[] content) throws IOException {
		try (CSVParser parser = CSVParser.parse(
				new InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.UTF_8),
				CSVFormat.DEFAULT.builder()
					.setHeader()
					.setSkipHeaderRecord(true)
					.setTrim(true)
					.setIgnoreEmptyLines(true)
					.get())) {
			List<String> header = parser.getHeaderNames().stream().map(TieFiles::column).toList();
			List<TieRow> rows = new ArrayList<>();
			for (CSVRecord record : parser) {
				Map<String, String> values = new HashMap<>();
				for (int i = 0; i < header.size() && i < record.size(); i++) {
					values.put(header.get(i), record.get(i).trim());
				}
				rows.add(new TieRow("row " + (record.getRecordNumber() + 1), values));
			}
			return new Read(header, rows);
		}
	}

	private static Read xlsx(byte[] content) throws IOException {
		try (Workbook book = WorkbookFactory.create(new ByteArrayInputStream(content))) {
			Sheet sheet = book.getSheetAt(0);
			DataFormatter format = new DataFormatter(Locale.UK);
			List<String> header = new ArrayList<>();
			List<TieRow> rows = new ArrayList<>();
			for (Row row : sheet) {
				if (header.isEmpty()) {
					for (Cell cell : row) {
						header.add(column(format.formatCellValue(cell)));
					}
					continue;
				}
				Map<String, String> values = new HashMap<>();
				boolean any = false;
				for (int i = 0; i < header.size(); i++) {
					Cell cell = row.getCell(i);
					String v = cell == null ? "" : format.formatCellValue(cell).trim();
					any |= !v.isEmpty();
					values.put(header.get(i), v);
				}
				if (any) {
					rows.add(new TieRow("row " + (row.getRowNum() + 1), values));
				}
			}
			return new Read(header, rows);
		}
	}

	private static Read xml(byte[] content) throws IOException {
		Document doc = parse(content);
		Element root = doc.getDocumentElement();
		boolean gexf = "gexf".equals(root.getLocalName() == null ? root.getNodeName() : root.getLocalName());
		Map<String, String> personOf = new HashMap<>();
		Map<String, String> edgeKeyName = new HashMap<>();
		Map<String, String> nodeKeyName = new HashMap<>();
		if (gexf) {
			NodeList attributeBlocks = doc.getElementsByTagNameNS("*", "attributes");
			for (int i = 0; i < attributeBlocks.getLength(); i++) {
				Element block = (Element) attributeBlocks.item(i);
				Map<String, String> target = "edge".equals(block.getAttribute("class")) ? edgeKeyName : nodeKeyName;
				NodeList attributes = block.getElementsByTagNameNS("*", "attribute");
				for (int j = 0; j < attributes.getLength(); j++) {
					Element a = (Element) attributes.item(j);
					target.put(a.getAttribute("id"), column(a.getAttribute("title")));
				}
			}
		}
		else {
			NodeList keys = doc.getElementsByTagNameNS("*", "key");
			for (int i = 0; i < keys.getLength(); i++) {
				Element k = (Element) keys.item(i);
				String name = k.hasAttribute("attr.name") ? k.getAttribute("attr.name") : k.getAttribute("id");
				("edge".equals(k.getAttribute("for")) ? edgeKeyName : nodeKeyName).put(k.getAttribute("id"),
						column(name));
			}
		}
		NodeList nodes = doc.getElementsByTagNameNS("*", "node");
		List<String> respondents = new ArrayList<>();
		for (int i = 0; i < nodes.getLength(); i++) {
			Element node = (Element) nodes.item(i);
			Map<String, String> values = attributes(node, gexf, nodeKeyName);
			String person = values.get("person_id");
			String id = person == null || person.isBlank() ? node.getAttribute("id") : person;
			personOf.put(node.getAttribute("id"), id);
			if ("true".equalsIgnoreCase(values.getOrDefault("respondent", ""))) {
				respondents.add(id);
			}
		}
		List<String> header = new ArrayList<>(List.of("source_person_id", "target_person_id"));
		edgeKeyName.values().stream().filter(n -> !header.contains(n)).forEach(header::add);
		if (gexf && !header.contains("weight")) {
			header.add("weight");
		}
		List<TieRow> rows = new ArrayList<>();
		NodeList edges = doc.getElementsByTagNameNS("*", "edge");
		for (int i = 0; i < edges.getLength(); i++) {
			Element edge = (Element) edges.item(i);
			Map<String, String> values = new LinkedHashMap<>(attributes(edge, gexf, edgeKeyName));
			if (gexf && edge.hasAttribute("weight")) {
				values.put("weight", edge.getAttribute("weight"));
			}
			values.put("source_person_id",
					personOf.getOrDefault(edge.getAttribute("source"), edge.getAttribute("source")));
			values.put("target_person_id",
					personOf.getOrDefault(edge.getAttribute("target"), edge.getAttribute("target")));
			rows.add(new TieRow("edge " + (i + 1), values));
		}
		return new Read(header, rows, respondents);
	}

	/**
	 * GraphML {@code <data key>} or GEXF {@code <attvalue for value>} children, by name.
	 */
	private static Map<String, String> attributes(Element element, boolean gexf, Map<String, String> names) {
		Map<String, String> out = new HashMap<>();
		NodeList children = element.getElementsByTagNameNS("*", gexf ? "attvalue" : "data");
		for (int i = 0; i < children.getLength(); i++) {
			Element c = (Element) children.item(i);
			String key = names.get(gexf ? c.getAttribute("for") : c.getAttribute("key"));
			if (key != null) {
				out.put(key, (gexf ? c.getAttribute("value") : c.getTextContent()).trim());
			}
		}
		return out;
	}

	private static Document parse(byte[] content) throws IOException {
		try {
			return app.balcony.shared.SafeXml.parse(content);
		}
		catch (SAXException ex) {
			throw new IOException("not readable XML (" + ex.getMessage() + ")", ex);
		}
	}

	private static String column(String header) {
		return header.replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT);
	}

}
