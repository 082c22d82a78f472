package app.balcony.privacy;

import java.util.List;

import app.balcony.identity.Tenant;
import app.balcony.shared.BadRequestException;
import app.balcony.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The engine's history in the database: one history per data set for every account of a
 * tenant (a second account learns nothing a first could not), and no figure released once
 * the answers behind earlier figures changed.
 */
class AnonymityEngineIntegrationTest extends IntegrationTestBase {

	@org.springframework.beans.factory.annotation.Autowired
	AnonymityEngine engine;

	@Test
	void aSecondAccountOfTheTenantCannotSubtractWhatTheFirstWasShown() {
		Tenant tenant = newTenant("engine");
		Microdata data = DisclosureControlTest.threeOrganisations();
		String scope = "campaign:" + System.nanoTime();
		DisclosureControl.Outcome first = this.engine.report(tenant.id(), "analyst@one", scope, "v1", data,
				List.of(new DisclosureControl.Request("place", "Place X", null, DisclosureControlTest.atoms(0, 2))),
				Thresholds.DEFAULT, null);
		assertThat(first.cells().get(0).status()).isEqualTo(DisclosureControl.Status.SHOWN);
		// Another account (a second account of the same person, or a colleague) asks
		// for place X without organisation Y: the difference would be Y's three people.
		DisclosureControl.Outcome second = this.engine.report(tenant.id(), "admin@two", scope, "v1", data, List
			.of(new DisclosureControl.Request("without", "Place X without Y", null, DisclosureControlTest.atoms(2))),
				Thresholds.DEFAULT, null);
		assertThat(second.cells().get(0).status()).isEqualTo(DisclosureControl.Status.DIFFERENCING);
		assertThat(second.cells().get(0).reason()).contains("already released");
		assertThat(this.engine.historySize(tenant.id(), scope)).isEqualTo(1);
		// Another tenant's history is its own.
		Tenant other = newTenant("engine");
		DisclosureControl.Outcome elsewhere = this.engine.report(other.id(), "admin@two", scope, "v1", data, List
			.of(new DisclosureControl.Request("without", "Place X without Y", null, DisclosureControlTest.atoms(2))),
				Thresholds.DEFAULT, null);
		assertThat(elsewhere.cells().get(0).status()).isEqualTo(DisclosureControl.Status.SHOWN);
	}

	@Test
	void noFigureIsReleasedOnceTheAnswersBehindEarlierOnesChanged() {
		Tenant tenant = newTenant("engine");
		Microdata data = DisclosureControlTest.threeOrganisations();
		String scope = "feedback:" + System.nanoTime();
		this.engine.report(tenant.id(), "leader@one", scope, "responses:33", data,
				List.of(new DisclosureControl.Request("all", "All", null, DisclosureControlTest.atoms(0, 1, 2))),
				Thresholds.DEFAULT, null);
		Microdata more = DisclosureControlTest.threeOrganisations();
		more.add(2, new double[] { 5 });
		assertThatThrownBy(() -> this.engine.report(tenant.id(), "leader@one", scope, "responses:34", more,
				List.of(new DisclosureControl.Request("all", "All", null, DisclosureControlTest.atoms(0, 1, 2))),
				Thresholds.DEFAULT, null))
			.isInstanceOf(BadRequestException.class)
			.hasMessageContaining("changed after figures from them were released");
		// The same version may be asked again.
		assertThat(
				this.engine
					.report(tenant.id(), "facilitator@one", scope, "responses:33", data,
							List.of(new DisclosureControl.Request("all", "All", null,
									DisclosureControlTest.atoms(0, 1, 2))),
							Thresholds.DEFAULT, null)
					.cells()
					.get(0)
					.shown())
			.isTrue();
	}

}
