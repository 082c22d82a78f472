package app.balcony.network;

import java.util.ArrayList;
import java.util.List;

import app.balcony.network.analysis.Graph;
import app.balcony.system.Views.PersonAttributes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Informal clusters compared with organisations: purity and normalised mutual
 * information.
 */
class FormalStructureTest {

	private static app.balcony.network.waves.Loaded people(String... organisations) {
		List<PersonAttributes> people = new ArrayList<>();
		for (int i = 0; i < organisations.length; i++) {
			people.add(new PersonAttributes(i, "p" + i, "Person " + i, organisations[i], "Sector", "S", "Place",
					"CLINICAL", "SENIOR"));
		}
		return new app.balcony.network.waves.Loaded(Graph.builder(false).build(), people, new int[organisations.length],
				List.of("Sector"));
	}

	@Test
	void clustersThatAreTheOrganisationsAgreeCompletely() {
		NetworkViews.Formal f = NetworkService.formal(people("A", "A", "B", "B", "C"), new int[] { 0, 0, 1, 1, 2 });
		assertThat(f.purity()).isEqualTo(1.0);
		assertThat(f.nmi()).isEqualTo(1.0);
		assertThat(f.clusters()).isEqualTo(3);
		assertThat(f.organisations()).isEqualTo(3);
	}

	@Test
	void clustersAcrossOrganisationsAgreeLittle() {
		// Each cluster has one person of each organisation: knowing the cluster says
		// nothing about the organisation.
		NetworkViews.Formal f = NetworkService.formal(people("A", "B", "A", "B"), new int[] { 0, 0, 1, 1 });
		assertThat(f.purity()).isEqualTo(0.5);
		assertThat(f.nmi()).isEqualTo(0.0);
		// One cluster of everyone: its largest organisation holds 3 of 5.
		NetworkViews.Formal one = NetworkService.formal(people("A", "A", "A", "B", "C"), new int[5]);
		assertThat(one.purity()).isEqualTo(0.6);
		assertThat(one.nmi()).isEqualTo(0.0);
	}

}
