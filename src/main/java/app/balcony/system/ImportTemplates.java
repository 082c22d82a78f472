package app.balcony.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Blank import templates for each kind, as CSV and as XLSX (with a sheet explaining every
 * column), each with one example row that shows the formats.
 */
public final class ImportTemplates {

	private ImportTemplates() {
	}

	static List<String> example(ImportKind kind) {
		return switch (kind) {
			case PLACES -> List.of("P-EASTMOOR", "Eastmoor", "place", "ICS", "310000", "2022-07-01", "", "");
			case ORGANISATIONS -> List.of("ORG-EASTMOOR-CHC", "Eastmoor Community Health", "nhs_community", "",
					"P-EASTMOOR", "2022-07-01", "", "");
			case PEOPLE -> List.of("EMP-0001", "Alex Example", "alex.example@example.org", "Head of service",
					"non_clinical", "middle", "P-EASTMOOR");
			case GOVERNANCE_BODIES -> List.of("GB-EASTMOOR-HWB", "Eastmoor Health and Wellbeing Board",
					"health_and_wellbeing_board", "P-EASTMOOR", "2022-07-01", "");
			case MEMBERSHIPS -> List.of("EMP-0001", "ORG-EASTMOOR-CHC", "", "Head of service", "2023-01-09", "");
		};
	}

	public static byte[] csv(ImportKind kind) {
		var out = new StringWriter();
		try (var printer = new CSVPrinter(out, CSVFormat.DEFAULT)) {
			printer.printRecord(kind.headers());
			printer.printRecord(example(kind));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString().getBytes(StandardCharsets.UTF_8);
	}

	public static byte[] xlsx(ImportKind kind) {
		try (var workbook = new XSSFWorkbook(); var bytes = new ByteArrayOutputStream()) {
			CellStyle bold = workbook.createCellStyle();
			Font font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);
			Sheet data = workbook.createSheet(kind.label());
			Row header = data.createRow(0);
			List<String> headers = kind.headers();
			for (int i = 0; i < headers.size(); i++) {
				header.createCell(i).setCellValue(headers.get(i));
				header.getCell(i).setCellStyle(bold);
			}
			Row example = data.createRow(1);
			List<String> values = example(kind);
			for (int i = 0; i < values.size(); i++) {
				example.createCell(i).setCellValue(values.get(i));
			}
			for (int i = 0; i < headers.size(); i++) {
				data.setColumnWidth(i, 24 * 256);
			}
			Sheet help = workbook.createSheet("Help");
			Row helpHeader = help.createRow(0);
			String[] titles = { "column", "required", "what to put in it" };
			for (int i = 0; i < titles.length; i++) {
				helpHeader.createCell(i).setCellValue(titles[i]);
				helpHeader.getCell(i).setCellStyle(bold);
			}
			int r = 1;
			for (ImportKind.Column column : kind.columns()) {
				Row row = help.createRow(r++);
				row.createCell(0).setCellValue(column.name());
				row.createCell(1).setCellValue(column.required() ? "yes" : "no");
				row.createCell(2).setCellValue(column.help());
			}
			help.setColumnWidth(0, 28 * 256);
			help.setColumnWidth(2, 90 * 256);
			workbook.write(bytes);
			return bytes.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
