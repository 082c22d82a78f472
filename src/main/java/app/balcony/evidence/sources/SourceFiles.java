package app.balcony.evidence.sources;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import app.balcony.evidence.EvidenceService;
import app.balcony.evidence.EvidenceService.Upload;

/**
 * Files as they arrive: zips opened, {@code attributes.csv} sheets read, source names
 * from file names, and case attributes cleaned. Plain functions, no database.
 */
public final class SourceFiles {

	private SourceFiles() {
	}

	/**
	 * The attribute a column or variable name means ("Staff group" is staff_group,
	 * "Organisation sector" is sector...), or the name itself in lower case.
	 */
	public static String attributeKey(String name) {
		String key = name.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "_").replaceAll("^_|_$", "");
		return switch (key) {
			case "staff", "staffgroup", "staff_group", "profession" -> "staff_group";
			case "organisation_sector", "sector" -> "sector";
			case "job_role", "role" -> "role";
			default -> key;
		};
	}

	/**
	 * An {@code attributes.csv} among the files: case attributes for each file by name.
	 */
	public static boolean isAttributeSheet(String fileName) {
		String base = fileName.replace('\\', '/');
		return base.substring(base.lastIndexOf('/') + 1).equalsIgnoreCase("attributes.csv");
	}

	/**
	 * Reads an attribute sheet: a header with a {@code file} column and attribute
	 * columns, then one row per file. Problems are added to {@code errors} with the
	 * sheet, row and column.
	 */
	public static Map<String, Map<String, String>> readAttributeSheet(Upload sheet, List<String> errors) {
		Map<String, Map<String, String>> out = new LinkedHashMap<>();
		String where = sheet.name();
		try (var parser = org.apache.commons.csv.CSVFormat.DEFAULT.builder()
			.setHeader()
			.setIgnoreSurroundingSpaces(true)
			.setIgnoreEmptyLines(true)
			.get()
			.parse(new java.io.StringReader(new String(sheet.bytes(), StandardCharsets.UTF_8).replace("\uFEFF", "")))) {
			Map<String, String> columns = new LinkedHashMap<>();
			String fileColumn = null;
			for (String header : parser.getHeaderNames()) {
				String key = attributeKey(header);
				if (key.equals("file") || key.equals("source")) {
					fileColumn = header;
				}
				else if (EvidenceService.ATTRIBUTES.contains(key)) {
					columns.put(header, key);
				}
				else if (!key.isEmpty()) {
					errors.add(where + ", column '" + header + "': not an attribute Balcony records ("
							+ String.join(", ", EvidenceService.ATTRIBUTES) + ")");
				}
			}
			if (fileColumn == null) {
				errors.add(where + ": no 'file' column saying which file each row is about");
				return out;
			}
			for (org.apache.commons.csv.CSVRecord row : parser) {
				long line = row.getRecordNumber() + 1;
				String file = row.isMapped(fileColumn) && row.isSet(fileColumn) ? row.get(fileColumn).strip() : "";
				if (file.isEmpty()) {
					errors.add(where + ", row " + line + ", column '" + fileColumn + "': empty");
					continue;
				}
				Map<String, String> values = new TreeMap<>();
				columns.forEach((header, key) -> {
					if (row.isSet(header) && !row.get(header).isBlank()) {
						values.put(key, row.get(header).strip());
					}
				});
				if (out.put(sourceName(file), values) != null) {
					errors.add(where + ", row " + line + ": '" + file + "' has a row already");
				}
			}
		}
		catch (IOException | java.io.UncheckedIOException | IllegalArgumentException ex) {
			errors.add(where + ": not a readable CSV file (" + ex.getMessage() + ")");
		}
		return out;
	}

	public static String sourceName(String fileName) {
		String base = fileName.replace('\\', '/');
		base = base.substring(base.lastIndexOf('/') + 1);
		int dot = base.lastIndexOf('.');
		return (dot > 0 ? base.substring(0, dot) : base).strip();
	}

	public static List<Upload> unzip(Upload zip) throws IOException {
		List<Upload> out = new ArrayList<>();
		app.balcony.shared.SafeZip.read(zip.name(), zip.bytes(), name -> {
			String base = name.substring(name.lastIndexOf('/') + 1);
			return !(base.startsWith(".") || name.startsWith("__MACOSX")
					|| !(SourceReader.FORMATS.contains(SourceReader.format(base)) || isAttributeSheet(base)));
		}).forEach((name, bytes) -> out.add(new Upload(zip.name() + "/" + name, bytes)));
		if (out.isEmpty()) {
			throw new IOException("no supported files");
		}
		return out;
	}

	public static Map<String, String> cleanAttributes(Map<String, String> attributes) {
		Map<String, String> clean = new TreeMap<>();
		if (attributes != null) {
			attributes.forEach((k, v) -> {
				if (EvidenceService.ATTRIBUTES.contains(k) && v != null && !v.isBlank()) {
					clean.put(k, v.strip());
				}
			});
		}
		return clean;
	}

	public static String note(String verb, String name) {
		return verb + " " + (name.length() > 200 ? "…" + name.substring(name.length() - 199) : name);
	}

}
