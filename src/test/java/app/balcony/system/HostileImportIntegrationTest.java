package app.balcony.system;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import app.balcony.identity.Tenant;
import app.balcony.jobs.Progress;
import app.balcony.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * System imports refuse what they cannot keep faithfully and report big failures in
 * brief: invalid UTF-8 is refused with its line (not imported as replacement characters),
 * and a file of many bad rows lists the first problems and counts the rest.
 */
class HostileImportIntegrationTest extends IntegrationTestBase {

	@Autowired
	SystemImport imports;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void invalidUtf8IsRefusedNamingItsLineAndNothingIsImported() throws Exception {
		Tenant tenant = newTenant("utf8");
		ByteArrayOutputStream people = new ByteArrayOutputStream();
		people.write("""
				person_id,name,email,job_title,staff_group,seniority,places
				E1,Robin Ashdown,robin@example.org,Director,clinical,executive,
				""".getBytes(StandardCharsets.UTF_8));
		// "Zoë" written in Latin-1 by an old spreadsheet: 0xEB alone is not UTF-8.
		people.write("E2,Zo".getBytes(StandardCharsets.US_ASCII));
		people.write(0xEB);
		people.write(" Bright,zoe@example.org,Nurse,clinical,senior,\n".getBytes(StandardCharsets.US_ASCII));
		ImportReport report = this.imports.importNow(tenant.id(), "test",
				List.of(new ImportSource("people.csv", ImportKind.PEOPLE, people.toByteArray())), Progress.NONE);
		assertThat(report.applied()).isFalse();
		assertThat(report.errors()).singleElement().satisfies(e -> {
			assertThat(e.file()).isEqualTo("people.csv");
			assertThat(e.row()).isEqualTo(3);
			assertThat(e.message()).contains("not valid UTF-8");
		});
		assertThat(
				this.jdbc.queryForObject("select count(*) from person where tenant_id = ?", Integer.class, tenant.id()))
			.isZero();
	}

	@Test
	void aFileOfManyBadRowsListsTheFirstProblemsAndCountsTheRest() {
		Tenant tenant = newTenant("badrows");
		StringBuilder csv = new StringBuilder("person_id,name,email,job_title,staff_group,seniority,places\n");
		int rows = 5_000;
		for (int i = 0; i < rows; i++) {
			csv.append("E").append(i).append(",Someone ").append(i).append(",not-an-email,,clinical,executive,\n");
		}
		ImportReport report = this.imports.importNow(tenant.id(), "test", List
			.of(new ImportSource("people.csv", ImportKind.PEOPLE, csv.toString().getBytes(StandardCharsets.UTF_8))),
				Progress.NONE);
		assertThat(report.applied()).isFalse();
		assertThat(report.errors()).hasSize(app.balcony.shared.CappedList.PROBLEMS);
		assertThat(report.errors().size() + report.moreErrors()).isEqualTo(rows);
		assertThat(report.summary()).contains(rows + " problems").contains("the first 200 are listed");
		List<Integer> listedRows = new ArrayList<>(report.errors().stream().map(ImportError::row).toList());
		assertThat(listedRows).isSorted().startsWith(2, 3, 4);
	}

}
