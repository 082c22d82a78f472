package app.balcony.system.importing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import app.balcony.system.ImportError;
import app.balcony.system.ImportKind;
import app.balcony.system.ImportTemplates;
import app.balcony.system.Level;
import app.balcony.system.Sector;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RowParserTest {

	private final List<ImportError> errors = new ArrayList<>();

	private Rows.Batch parse(ImportKind kind, String file, String csv) {
		Rows.Batch batch = new Rows.Batch();
		var table = TableReader.read(file, csv.getBytes(StandardCharsets.UTF_8), this.errors);
		RowParser.parse(kind, table, batch, this.errors);
		return batch;
	}

	@Test
	void readsValidPlacesWithSpreadsheetRowNumbers() {
		Rows.Batch batch = parse(ImportKind.PLACES, "places.csv", """
				place_id,name,level,parent_place_id,population,valid_from,valid_to,predecessor_place_ids
				P-1,Northvale,system,,"1,000,000",2022-07-01,,
				P-2,Kingsmere,Place,P-1,320000,2022-07-01,,

				P-3,Riverside,NEIGHBOURHOOD,P-2,,2022-07-01,2024-04-01,
				""");
		assertThat(this.errors).isEmpty();
		assertThat(batch.places).extracting(Rows.PlaceRow::id).containsExactly("P-1", "P-2", "P-3");
		assertThat(batch.places.get(0).population()).isEqualTo(1_000_000);
		assertThat(batch.places.get(1).level()).isEqualTo(Level.PLACE);
		assertThat(batch.places.get(2).origin().row()).as("blank line skipped, numbering kept").isEqualTo(5);
	}

	@Test
	void reportsEveryBadValueWithItsRowAndColumn() {
		parse(ImportKind.ORGANISATIONS, "orgs.csv", """
				organisation_id,name,sector,parent_organisation_id,places_served,valid_from,valid_to
				O-1,,nhs acute,,,2022-07-01,
				O-2,Council,space agency,,,01/07/2022,
				O-3,Trust,NHS acute,,,2024-01-01,2023-01-01
				""");
		assertThat(this.errors).extracting(ImportError::toString)
			.containsExactly("orgs.csv, row 2, column name: A value is required",
					"orgs.csv, row 3, column sector: 'space agency' is not one of: " + Sector.allowed(),
					"orgs.csv, row 3, column valid_from: '01/07/2022' is not a date written as yyyy-mm-dd",
					"orgs.csv, row 4, column valid_to: Must be after valid_from (2024-01-01)");
	}

	@Test
	void rejectsUnknownAndMissingColumnsInTheHeader() {
		parse(ImportKind.PEOPLE, "people.csv", """
				person_id,name,emial,staff_group
				E1,Alex,a@b.example,clinical
				""");
		assertThat(this.errors).extracting(ImportError::toString)
			.contains("people.csv, row 1, column emial: Unknown column for a People file; the columns are: "
					+ String.join(", ", ImportKind.PEOPLE.headers()))
			.contains("people.csv, row 1, column seniority: Required column is missing");
	}

	@Test
	void requiresExactlyOneTargetForAMembership() {
		parse(ImportKind.MEMBERSHIPS, "memberships.csv", """
				person_id,organisation_id,body_id,role,valid_from,valid_to
				E1,O1,B1,Chair,2022-07-01,
				E2,,,Member,2022-07-01,
				""");
		assertThat(this.errors).extracting(ImportError::message)
			.containsExactly("Give either organisation_id or body_id, not both",
					"Give either organisation_id or body_id, not neither");
	}

	@Test
	void rejectsFilesThatAreNotCsvOrXlsx() {
		parse(ImportKind.PLACES, "places.pdf", "%PDF-1.4");
		parse(ImportKind.PLACES, "places.xlsx", "not a zip");
		assertThat(this.errors).extracting(ImportError::message)
			.containsExactly("Only .csv and .xlsx files can be imported", "The file is not a readable XLSX workbook");
	}

	@Test
	void readsEveryTemplateBackWithoutErrorsAsCsvAndXlsx() {
		for (ImportKind kind : ImportKind.values()) {
			Rows.Batch fromCsv = new Rows.Batch();
			RowParser.parse(kind, TableReader.read(kind.key() + ".csv", ImportTemplates.csv(kind), this.errors),
					fromCsv, this.errors);
			Rows.Batch fromXlsx = new Rows.Batch();
			RowParser.parse(kind, TableReader.read(kind.key() + ".xlsx", ImportTemplates.xlsx(kind), this.errors),
					fromXlsx, this.errors);
			assertThat(this.errors).as(kind.key()).isEmpty();
			assertThat(fromCsv.size()).as(kind.key()).isEqualTo(1);
			assertThat(fromXlsx.size()).as(kind.key()).isEqualTo(1);
		}
	}

}
