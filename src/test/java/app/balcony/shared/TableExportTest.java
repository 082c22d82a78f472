package app.balcony.shared;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exported text can never run as a spreadsheet formula, and numbers stay numbers.
 */
class TableExportTest {

	private final TableExport.Table table = new TableExport.Table("Codings", List.of("text", "count"),
			List.of(List.of("=HYPERLINK(\"http://evil\")", 3), List.of("-1 and +1 are fine in the middle", 4),
					List.of("@SUM(A1)", 5), List.of("plain, with a comma", 6)));

	@Test
	void csvDefusesFormulasAndQuotesCommas() {
		String csv = new String(TableExport.csv(this.table), StandardCharsets.UTF_8);
		assertThat(csv).startsWith("\uFEFFtext,count\r\n");
		assertThat(csv).contains("\"'=HYPERLINK(\"\"http://evil\"\")\",3")
			.contains("'-1 and +1 are fine in the middle,4")
			.contains("'@SUM(A1),5")
			.contains("\"plain, with a comma\",6");
	}

	@Test
	void xlsxWritesTextAsTextAndNumbersAsNumbers() throws Exception {
		try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(TableExport.xlsx(List.of(this.table))))) {
			var sheet = workbook.getSheet("Codings");
			assertThat(sheet.getRow(1).getCell(0).getCellType()).isEqualTo(CellType.STRING);
			assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("=HYPERLINK(\"http://evil\")");
			assertThat(sheet.getRow(1).getCell(1).getNumericCellValue()).isEqualTo(3.0);
		}
	}

}
