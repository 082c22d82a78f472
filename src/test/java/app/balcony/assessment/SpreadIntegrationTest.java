package app.balcony.assessment;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.balcony.identity.Tenant;
import app.balcony.jobs.Progress;
import app.balcony.support.IntegrationTestBase;
import app.balcony.system.DemoIcs;
import app.balcony.system.SystemImport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spread behind effect sizes never goes missing because of the answers: a baseline
 * where everyone has the same score on an element (though its statements vary) still gets
 * a spread, an interval and an effect size, so nothing says that everyone scored alike.
 */
class SpreadIntegrationTest extends IntegrationTestBase {

	@Autowired
	DemoIcs demo;

	@Autowired
	Campaigns campaigns;

	@Autowired
	Results results;

	@Test
	void aBaselineWhereEveryoneHasTheSameElementScoreStillHasASpread() {
		Tenant northvale = this.demo.ensure(42, 600, Progress.NONE);
		Instrument instrument = ItemBank.instrument("systems_leadership_survey").orElseThrow();
		Instrument.Section section = instrument.sections().get(0);
		String first = section.items().get(0).key();
		String second = section.items().get(1).key();
		// Everyone's score on the first element is 4; each statement varies.
		int[][] pairs = { { 4, 4 }, { 4, 4 }, { 3, 5 }, { 5, 3 }, { 3, 5 }, { 5, 3 } };
		long baseline = campaign(northvale, null, (i, item) -> item.equals(first) ? pairs[i][0]
				: item.equals(second) ? pairs[i][1] : 1 + (i * 7 + item.hashCode() & 0xff) % 5);
		// The follow-up's first element: a mean of 37/12 = 3.0833, shown as 3.08.
		int[][] later = { { 2, 4 }, { 4, 2 }, { 3, 3 }, { 3, 3 }, { 3, 3 }, { 4, 3 } };
		long followUp = campaign(northvale, baseline, (i, item) -> item.equals(first) ? later[i][0]
				: item.equals(second) ? later[i][1] : 1 + (i * 3 + item.hashCode() & 0xff) % 5);
		Results.Comparison change = this.results.compare(northvale.id(), "analyst@test", followUp,
				Results.Detail.ELEMENT, null);
		int column = 0;
		assertThat(change.columns().get(column).key()).isEqualTo(section.elementKey());
		Results.Change everyone = change.rows().get(0).changes().get(column);
		assertThat(everyone.baseline()).isEqualTo(4.0);
		assertThat(everyone.low()).isNotNull();
		assertThat(everyone.effect()).isNotNull();
		assertThat(change.spread().get(column)).isNotNull().isPositive();
		// Change and effect size come from the unrounded means, not the ones shown.
		double followUpMean = 37.0 / 12;
		// The baseline's two statements: 4, 4, 3, 5, 3, 5 each (variance 0.8).
		double spread = Math.sqrt(0.8);
		assertThat(everyone.change()).isEqualTo(Math.round((followUpMean - 4.0) * 100) / 100.0);
		assertThat(everyone.effect()).isEqualTo(Math.round((followUpMean - 4.0) / spread * 100) / 100.0)
			.isEqualTo(-1.02);
	}

	private interface Answer {

		int of(int respondent, String item);

	}

	private long campaign(Tenant tenant, Long baselineId, Answer answer) {
		long id = this.campaigns.create(tenant.id(), DemoIcs.ACCOUNTS.get(1).username(),
				new Campaigns.Draft("Spread " + System.nanoTime(), "systems_leadership_survey", true, LocalDate.now(),
						LocalDate.now().plusDays(7), baselineId, null, Campaigns.Audience.EVERYONE));
		this.campaigns.open(tenant.id(), "test", id);
		List<Instrument.Item> items = ItemBank.instrument("systems_leadership_survey").orElseThrow().items();
		int i = 0;
		for (Campaigns.Link link : this.campaigns.demoLinks(tenant.id(), id).subList(0, 6)) {
			Map<String, String> answers = new HashMap<>();
			for (Instrument.Item item : items) {
				answers.put(item.key(), String.valueOf(answer.of(i, item.key())));
			}
			this.campaigns.submit(link.token(), answers);
			i++;
		}
		this.campaigns.close(tenant.id(), "test", id);
		return id;
	}

}
