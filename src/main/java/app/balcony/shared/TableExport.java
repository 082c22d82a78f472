package app.balcony.shared;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Tables written as CSV (UTF-8 with a byte-order mark, so Excel reads accents) or as an
 * XLSX workbook with one sheet per table. Text that a spreadsheet would run as a formula
 * (starting with =, +, -, @, tab or carriage return) is prefixed with an apostrophe in
 * CSV; in XLSX every text is written as a string cell, never as a formula.
 */
public final class TableExport {

	private TableExport() {
	}

	/** A named table: a header row and data rows of strings and numbers. */
	public record Table(String name, List<String> header, List<List<Object>> rows) {
	}

	public static byte[] csv(Table table) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (var writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
				var printer = new CSVPrinter(writer, CSVFormat.DEFAULT)) {
			writer.write('\uFEFF');
			printer.printRecord(table.header());
			for (List<Object> row : table.rows()) {
				printer.printRecord(row.stream().map(TableExport::safe).toList());
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return bytes.toByteArray();
	}

	/**
	 * A value as it may go into a CSV cell: text a spreadsheet would run as a formula
	 * gets an apostrophe in front.
	 */
	public static Object safe(Object value) {
		if (value instanceof String text && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
			return "'" + text;
		}
		return value == null ? "" : value;
	}

	public static byte[] xlsx(List<Table> tables) {
		try (var workbook = new XSSFWorkbook(); var bytes = new ByteArrayOutputStream()) {
			CellStyle bold = workbook.createCellStyle();
			Font font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);
			for (Table table : tables) {
				Sheet sheet = workbook.createSheet(sheetName(table.name()));
				Row header = sheet.createRow(0);
				for (int c = 0; c < table.header().size(); c++) {
					Cell cell = header.createCell(c);
					cell.setCellValue(table.header().get(c));
					cell.setCellStyle(bold);
				}
				int r = 1;
				for (List<Object> values : table.rows()) {
					Row row = sheet.createRow(r++);
					for (int c = 0; c < values.size(); c++) {
						Object value = values.get(c);
						if (value instanceof Number number) {
							row.createCell(c).setCellValue(number.doubleValue());
						}
						else if (value != null) {
							String text = value.toString();
							row.createCell(c).setCellValue(text.length() > 32_000 ? text.substring(0, 32_000) : text);
						}
					}
				}
				sheet.createFreezePane(0, 1);
			}
			workbook.write(bytes);
			return bytes.toByteArray();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String sheetName(String name) {
		String clean = name.replaceAll("[\\\\/?*\\[\\]:]", " ").strip();
		return clean.length() > 31 ? clean.substring(0, 31) : clean.isEmpty() ? "Sheet" : clean;
	}

}
