package app.balcony.network;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import app.balcony.identity.BalconyUser;
import app.balcony.identity.Role;
import app.balcony.identity.Tenant;
import app.balcony.jobs.Progress;
import app.balcony.support.IntegrationTestBase;
import app.balcony.system.ImportKind;
import app.balcony.system.ImportSource;
import app.balcony.system.SystemImport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A wave's groups follow the system model: when a re-import moves someone to an
 * organisation in another sector, the next view of the wave groups them by their new
 * sector (a view cached before the import is not served).
 */
class NetworkRegroupingIntegrationTest extends IntegrationTestBase {

	static final String PLACES = """
			place_id,name,level,parent_place_id,population,valid_from,valid_to,predecessor_place_ids
			SYS,Westbrook,system,,600000,2022-07-01,,
			P-A,Alderton,place,SYS,300000,2022-07-01,,
			""";

	static final String ORGANISATIONS = """
			organisation_id,name,sector,parent_organisation_id,places_served,valid_from,valid_to,predecessor_organisation_ids
			O-TRUST,Westbrook Hospitals NHS Trust,nhs_acute,,P-A,2022-07-01,,
			O-ASC,Alderton Adult Social Care,Adult social care,,P-A,2022-07-01,,
			O-VCS,Westbrook Together,vcse,,SYS,2022-07-01,,
			""";

	static final String PEOPLE = """
			person_id,name,email,job_title,staff_group,seniority,places
			E1,Robin Ashdown,robin@westbrook.example,Director of Nursing,clinical,executive,P-A
			E2,Kit Mallory,kit@westbrook.example,Head of Adult Social Care,non_clinical,senior,P-A
			E3,Sam Okoro,,Community Organiser,non-clinical,practitioner,P-A
			""";

	static final String MEMBERSHIPS = """
			person_id,organisation_id,body_id,role,valid_from,valid_to
			E1,O-TRUST,,Director of Nursing,2022-07-01,
			E2,O-ASC,,Head of Adult Social Care,2022-07-01,
			E3,O-VCS,,Community Organiser,2022-07-01,
			""";

	@Autowired
	SystemImport systemImport;

	@Autowired
	NetworkService network;

	@Test
	void aReimportThatMovesSomeoneToAnotherSectorRegroupsTheWave() {
		Tenant tenant = newTenant("regroup");
		importSystem(tenant, MEMBERSHIPS);
		LocalDate today = LocalDate.now();
		var wave = this.network.importTies(tenant.id(), "test", "Regrouped", today, "ties.csv",
				"source_person_id,target_person_id\nE1,E2\nE2,E3\nE1,E3\n".getBytes(StandardCharsets.UTF_8));
		assertThat(wave.applied()).as(String.valueOf(wave.errors())).isTrue();
		BalconyUser analyst = this.accounts.user(tenant.id(), user(Role.ANALYST, tenant)).orElseThrow();
		NetworkViews.Request bySector = NetworkViews.Request.of(wave.waveId(), "sector");

		// Viewed twice: the first view stores the metrics, the second is kept for reuse.
		for (int i = 0; i < 2; i++) {
			assertThat(groups(this.network.analyse(analyst, bySector))).containsEntry("Kit Mallory",
					"Adult social care");
		}

		// Kit moves to the voluntary sector today.
		importSystem(tenant,
				MEMBERSHIPS.replace("E2,O-ASC,,Head of Adult Social Care,2022-07-01,",
						"E2,O-ASC,,Head of Adult Social Care,2022-07-01," + today
								+ "\nE2,O-VCS,,Head of Community Care," + today + ","));

		Map<String, String> after = groups(this.network.analyse(analyst, bySector));
		assertThat(after.get("Kit Mallory")).isEqualTo(after.get("Sam Okoro")).isNotEqualTo("Adult social care");
	}

	private Map<String, String> groups(NetworkViews.Analysis analysis) {
		assertThat(analysis.brokers()).as("everyone of three is listed for an analyst").hasSize(3);
		return analysis.brokers()
			.stream()
			.collect(Collectors.toMap(NetworkViews.PersonMetrics::name, NetworkViews.PersonMetrics::group));
	}

	private void importSystem(Tenant tenant, String memberships) {
		var report = this.systemImport.importNow(tenant.id(), "test",
				List.of(source("places.csv", ImportKind.PLACES, PLACES),
						source("organisations.csv", ImportKind.ORGANISATIONS, ORGANISATIONS),
						source("people.csv", ImportKind.PEOPLE, PEOPLE),
						source("memberships.csv", ImportKind.MEMBERSHIPS, memberships)),
				Progress.NONE);
		assertThat(report.errors()).isEmpty();
	}

	private static ImportSource source(String name, ImportKind kind, String csv) {
		return new ImportSource(name, kind, csv.getBytes(StandardCharsets.UTF_8));
	}

}
