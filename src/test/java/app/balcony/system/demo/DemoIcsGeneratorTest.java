package app.balcony.system.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import app.balcony.system.ImportError;
import app.balcony.system.Level;
import app.balcony.system.Sector;
import app.balcony.system.importing.ImportValidator;
import app.balcony.system.importing.Rows;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoIcsGeneratorTest {

	private static boolean inForce(LocalDate from, LocalDate to, LocalDate day) {
		return !from.isAfter(day) && (to == null || to.isAfter(day));
	}

	@Test
	void generatesTheSameIcsForTheSameSeed() {
		Rows.Batch a = new DemoIcsGenerator(7, 1000).generate();
		Rows.Batch b = new DemoIcsGenerator(7, 1000).generate();
		Rows.Batch c = new DemoIcsGenerator(8, 1000).generate();
		assertThat(b.people).isEqualTo(a.people);
		assertThat(b.memberships).isEqualTo(a.memberships);
		assertThat(c.people).isNotEqualTo(a.people);
	}

	@Test
	void looksLikeARealisticIcsOfAboutAMillionResidents() {
		Rows.Batch batch = new DemoIcsGenerator(42, 3000).generate();
		LocalDate today = LocalDate.of(2025, 6, 1);
		var currentPlaces = batch.places.stream().filter(p -> inForce(p.validFrom(), p.validTo(), today)).toList();
		assertThat(currentPlaces.stream().filter(p -> p.level() == Level.PLACE)).hasSize(4);
		assertThat(currentPlaces.stream().filter(p -> p.level() == Level.NEIGHBOURHOOD)).hasSize(20);
		assertThat(
				currentPlaces.stream().filter(p -> p.level() == Level.PLACE).mapToInt(Rows.PlaceRow::population).sum())
			.isEqualTo(1_000_000);
		var currentOrgs = batch.organisations.stream().filter(o -> inForce(o.validFrom(), o.validTo(), today)).toList();
		assertThat(currentOrgs).hasSizeBetween(65, 75);
		Set<Sector> sectors = currentOrgs.stream().map(Rows.OrganisationRow::sector).collect(Collectors.toSet());
		assertThat(sectors).hasSizeGreaterThanOrEqualTo(12);
		assertThat(batch.people).hasSizeBetween(2700, 3300);
		assertThat(batch.people).allSatisfy(p -> assertThat(p.jobTitle()).isNotBlank());
		assertThat(batch.bodies).hasSizeGreaterThanOrEqualTo(25);
		assertThat(batch.memberships.stream().filter(m -> m.bodyId() != null)).hasSizeGreaterThan(100);
	}

	@Test
	void recordsThePastRestructures() {
		Rows.Batch batch = new DemoIcsGenerator(42, 1000).generate();
		LocalDate before = DemoIcsGenerator.SPLIT.minusDays(1);
		assertThat(batch.places.stream()
			.filter(p -> p.level() == Level.PLACE && inForce(p.validFrom(), p.validTo(), before))
			.map(Rows.PlaceRow::name)).containsExactlyInAnyOrder("Kingsmere", "Harrowdale", "Eastmoor");
		assertThat(batch.places.stream().filter(p -> p.predecessorIds().contains("P-EM")).map(Rows.PlaceRow::name))
			.containsExactlyInAnyOrder("Eastmoor North", "Eastmoor South");
		assertThat(batch.organisations.stream()
			.filter(o -> o.predecessorIds().size() == 2)
			.map(Rows.OrganisationRow::name)).containsExactly("Northvale Community Health NHS Trust");
	}

	@Test
	void passesTheSameValidationAsAnImportedFile() {
		Rows.Batch batch = new DemoIcsGenerator(42, 3000).generate();
		List<ImportError> errors = new ArrayList<>();
		ImportValidator.validate(batch, ImportValidator.Existing.none(), errors);
		assertThat(errors).isEmpty();
	}

	@Test
	void scalesToLargeSystemsForBenchmarks() {
		assertThat(new DemoIcsGenerator(1, 60_000).generate().people).hasSizeBetween(57_000, 63_000);
		assertThatThrownBy(() -> new DemoIcsGenerator(1, 10)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("at least 200");
	}

}
