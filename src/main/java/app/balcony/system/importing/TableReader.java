package app.balcony.system.importing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import app.balcony.system.ImportError;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Reads a CSV or XLSX file into header names and rows of text. Header names are
 * normalised (trimmed, lower case, spaces as underscores); row numbers are those a
 * spreadsheet shows (the header is row 1). Blank rows are skipped. Problems are added to
 * the error list, never thrown.
 */
public final class TableReader {

	static {
		// Office files are zip archives: the same limits as any uploaded archive.
		app.balcony.shared.SafeZip.configurePoi();
	}

	private TableReader() {
	}

	/**
	 * One data row: its spreadsheet row number and its values by column name (blank =
	 * absent).
	 */
	public record RawRow(int number, Map<String, String> values) {

		public String get(String column) {
			String value = values.get(column);
			return (value == null || value.isBlank()) ? null : value.trim();
		}

	}

	public record RawTable(String file, List<String> headers, List<RawRow> rows) {
	}

	public static RawTable read(String fileName, byte[] content, List<ImportError> errors) {
		String lower = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
		if (content == null || content.length == 0) {
			errors.add(new ImportError(fileName, 0, null, "The file is empty"));
			return empty(fileName);
		}
		if (lower.endsWith(".csv") || lower.endsWith(".txt")) {
			return readCsv(fileName, content, errors);
		}
		if (lower.endsWith(".xlsx")) {
			return readXlsx(fileName, content, errors);
		}
		errors.add(new ImportError(fileName, 0, null, "Only .csv and .xlsx files can be imported"));
		return empty(fileName);
	}

	private static RawTable empty(String fileName) {
		return new RawTable(fileName, List.of(), List.of());
	}

	private static RawTable readCsv(String fileName, byte[] content, List<ImportError> errors) {
		String text;
		try {
			text = app.balcony.shared.Utf8.decode(content);
		}
		catch (app.balcony.shared.Utf8.Invalid ex) {
			// Refused, not read as replacement characters: names would be damaged
			// silently.
			errors.add(new ImportError(fileName, ex.line(), null, "The " + ex.getMessage()));
			return empty(fileName);
		}
		CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).setTrim(true).get();
		try (Reader reader = new java.io.StringReader(text); CSVParser parser = CSVParser.parse(reader, format)) {
			List<String> headers = null;
			List<RawRow> rows = new ArrayList<>();
			int number = 0;
			for (CSVRecord record : parser) {
				number++;
				// Blank lines are read as records (and skipped) so that numbers match the
				// spreadsheet's rows.
				if (record.stream().allMatch(String::isBlank)) {
					continue;
				}
				if (headers == null) {
					headers = record.stream().map(TableReader::normaliseHeader).toList();
					continue;
				}
				if (record.size() > headers.size()) {
					errors.add(new ImportError(fileName, number, null, "The row has " + record.size()
							+ " values but the header has " + headers.size() + " columns"));
					continue;
				}
				Map<String, String> values = new LinkedHashMap<>();
				for (int i = 0; i < record.size(); i++) {
					values.put(headers.get(i), record.get(i));
				}
				rows.add(new RawRow(number, values));
			}
			if (headers == null) {
				errors.add(new ImportError(fileName, 0, null, "The file has no header row"));
				return empty(fileName);
			}
			return new RawTable(fileName, headers, rows);
		}
		catch (IOException | RuntimeException ex) {
			errors.add(new ImportError(fileName, 0, null, "The file is not readable CSV: " + ex.getMessage()));
			return empty(fileName);
		}
	}

	private static RawTable readXlsx(String fileName, byte[] content, List<ImportError> errors) {
		try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(content))) {
			if (workbook.getNumberOfSheets() == 0) {
				errors.add(new ImportError(fileName, 0, null, "The workbook has no sheets"));
				return empty(fileName);
			}
			Sheet sheet = workbook.getSheetAt(0);
			DataFormatter formatter = new DataFormatter(Locale.UK);
			List<String> headers = null;
			List<RawRow> rows = new ArrayList<>();
			for (Row row : sheet) {
				List<String> cells = new ArrayList<>();
				for (int c = 0; c < Math.max(row.getLastCellNum(), 0); c++) {
					cells.add(cellText(row.getCell(c), formatter));
				}
				if (cells.stream().allMatch(String::isBlank)) {
					continue;
				}
				if (headers == null) {
					headers = cells.stream().map(TableReader::normaliseHeader).toList();
					continue;
				}
				Map<String, String> values = new LinkedHashMap<>();
				for (int i = 0; i < cells.size(); i++) {
					if (i >= headers.size() || headers.get(i).isEmpty()) {
						if (!cells.get(i).isBlank()) {
							errors.add(new ImportError(fileName, row.getRowNum() + 1, null,
									"There is a value in column " + (i + 1) + " which has no header"));
						}
						continue;
					}
					values.put(headers.get(i), cells.get(i));
				}
				rows.add(new RawRow(row.getRowNum() + 1, values));
			}
			if (headers == null) {
				errors.add(new ImportError(fileName, 0, null, "The first sheet has no header row"));
				return empty(fileName);
			}
			return new RawTable(fileName, headers, rows);
		}
		catch (IOException | RuntimeException ex) {
			String why = ex.getMessage() != null && (ex.getMessage().contains("Zip bomb")
					|| ex.getMessage().contains("max") || ex.getMessage().contains("exceed")) ? ": " + ex.getMessage()
							: "";
			errors.add(new ImportError(fileName, 0, null, "The file is not a readable XLSX workbook" + why));
			return empty(fileName);
		}
	}

	private static String cellText(Cell cell, DataFormatter formatter) {
		if (cell == null) {
			return "";
		}
		CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
		if (type == CellType.NUMERIC) {
			if (DateUtil.isCellDateFormatted(cell)) {
				LocalDate date = cell.getDateCellValue().toInstant().atZone(ZoneId.systemDefault()).toLocalDate();
				return date.toString();
			}
			double value = cell.getNumericCellValue();
			if (value == Math.rint(value) && Math.abs(value) < 1e15) {
				return Long.toString((long) value);
			}
			return Double.toString(value);
		}
		return formatter.formatCellValue(cell).trim();
	}

	static String normaliseHeader(String header) {
		return header == null ? "" : header.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
	}

}
