package app.balcony.system.importing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import app.balcony.system.ImportError;
import app.balcony.system.Level;
import app.balcony.system.Sector;
import app.balcony.system.Seniority;
import app.balcony.system.StaffGroup;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImportValidatorTest {

	private static final LocalDate D = LocalDate.of(2022, 7, 1);

	private static Rows.Origin at(int row) {
		return new Rows.Origin("f.csv", row);
	}

	private static Rows.PlaceRow place(int row, String id, Level level, String parent) {
		return new Rows.PlaceRow(at(row), id, id, level, parent, null, D, null, List.of());
	}

	@Test
	void acceptsReferencesToRowsOfTheSameImportAndToExistingData() {
		Rows.Batch batch = new Rows.Batch();
		batch.places.add(place(2, "N1", Level.NEIGHBOURHOOD, "P1"));
		batch.places.add(place(3, "P1", Level.PLACE, "SYS"));
		batch.organisations.add(new Rows.OrganisationRow(at(2), "O1", "O", Sector.VCSE, null, List.of("N1", "SYS"), D,
				null, List.of()));
		batch.people.add(
				new Rows.PersonRow(at(2), "E1", "A", null, null, StaffGroup.CLINICAL, Seniority.SENIOR, List.of("P1")));
		batch.memberships.add(new Rows.MembershipRow(at(2), "E1", "O1", null, null, D, null));
		batch.memberships.add(new Rows.MembershipRow(at(3), "E0", null, "B0", "Chair", D, null));
		var existing = new ImportValidator.Existing(Map.of("SYS", Level.SYSTEM), Map.of(), Map.of(), Set.of("E0"),
				Set.of("B0"));
		List<ImportError> errors = new ArrayList<>();
		ImportValidator.validate(batch, existing, errors);
		assertThat(errors).isEmpty();
	}

	@Test
	void reportsUnknownReferencesDuplicatesWrongLevelsAndCycles() {
		Rows.Batch batch = new Rows.Batch();
		batch.places.add(place(2, "P1", Level.PLACE, "NOPE"));
		batch.places.add(place(3, "P1", Level.PLACE, null));
		batch.places.add(place(4, "S1", Level.SYSTEM, "P1"));
		batch.organisations
			.add(new Rows.OrganisationRow(at(2), "A", "A", Sector.OTHER, "B", List.of(), D, null, List.of()));
		batch.organisations
			.add(new Rows.OrganisationRow(at(3), "B", "B", Sector.OTHER, "A", List.of(), D, null, List.of()));
		batch.memberships.add(new Rows.MembershipRow(at(2), "GHOST", "A", null, null, D, null));
		List<ImportError> errors = new ArrayList<>();
		ImportValidator.validate(batch, ImportValidator.Existing.none(), errors);
		assertThat(errors).extracting(e -> e.row() + ":" + e.column() + ":" + e.message())
			.contains("3:place_id:'P1' appears more than once in this import",
					"2:parent_place_id:No place with place_id 'NOPE'",
					"4:parent_place_id:A system cannot sit inside a place ('P1'); the parent must be a higher level",
					"2:parent_organisation_id:The parents of 'A' lead back to itself",
					"3:parent_organisation_id:The parents of 'B' lead back to itself",
					"2:person_id:No person with person_id 'GHOST'");
	}

}
