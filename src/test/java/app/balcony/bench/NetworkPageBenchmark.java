package app.balcony.bench;

import java.time.LocalDate;

import app.balcony.identity.BalconyUser;
import app.balcony.identity.Role;
import app.balcony.identity.Tenant;
import app.balcony.network.NetworkService;
import app.balcony.network.NetworkViews;

/**
 * The network pages at ICS scale: a wave of working ties over the 60,000-person demo ICS
 * (as the demo generates them), analysed once in the background (what the job does), then
 * the wave page's analysis (stored metrics plus group mixing with its permutation test,
 * brokerage for the grouping, findings, change since the previous wave, organisations)
 * and the map's data, as an analyst sees them. Usage: {@code bench/run
 * network-page}; set BALCONY_DB_URL for PostgreSQL.
 */
public final class NetworkPageBenchmark {

	private NetworkPageBenchmark() {
	}

	public static void main(String[] args) {
		String db = BenchContext.DATABASE;
		try (var context = BenchContext.start()) {
			NetworkService network = context.getBean(NetworkService.class);
			Tenant tenant = BenchContext.demoIcs(context, 60_000);
			NetworkViews.Wave before = network.loadDemo(tenant.id(), "Baseline", LocalDate.of(2025, 3, 1), 1, false);
			NetworkViews.Wave wave = network.loadDemo(tenant.id(), "Follow-up", LocalDate.of(2026, 3, 1), 1, true);
			BalconyUser analyst = new BalconyUser(0, "analyst@bench", "", true, "Bench analyst", tenant.id(),
					tenant.slug(), tenant.name(), Role.ANALYST);
			long t0 = System.nanoTime();
			network.analyseInBackground(tenant.id(), wave.id(), (done, total) -> {
			});
			double background = (System.nanoTime() - t0) / 1e6;
			network.analyseInBackground(tenant.id(), before.id(), (done, total) -> {
			});
			// The first view of each grouping builds what all views share; later views
			// reuse it.
			double[] first = Timing.time(1, 0,
					() -> network.analyse(analyst, NetworkViews.Request.of(wave.id(), "sector")));
			double[] firstByOrganisation = Timing.time(1, 0,
					() -> network.analyse(analyst, NetworkViews.Request.of(wave.id(), "organisation")));
			double[] page = Timing.time(5, 2,
					() -> network.analyse(analyst, NetworkViews.Request.of(wave.id(), "sector")));
			double[] byOrganisation = Timing.time(5, 1,
					() -> network.analyse(analyst, NetworkViews.Request.of(wave.id(), "organisation")));
			double[] map = Timing.time(5, 1,
					() -> network.map(analyst, NetworkViews.Request.of(wave.id(), "sector"), null, null, false));
			// Clusters at another resolution: Louvain on the whole network at the first
			// view.
			double[] firstAtResolution = Timing.time(1, 0,
					() -> network.analyse(analyst, new NetworkViews.Request(wave.id(), "sector", 2.0)));
			double[] atResolution = Timing.time(5, 1,
					() -> network.analyse(analyst, new NetworkViews.Request(wave.id(), "sector", 2.0)));
			NetworkViews.Analysis a = network.analyse(analyst, NetworkViews.Request.of(wave.id(), "sector"));
			System.out.println("database=" + db);
			System.out.println("people=" + a.vertices() + " count");
			System.out.println("ties=" + a.edges() + " count");
			System.out.printf("background_analysis_ms_%s=%.0f ms%n", db, background);
			System.out.printf("wave_page_first_view_by_sector_ms_%s=%.0f ms%n", db, first[0]);
			System.out.printf("wave_page_first_view_by_organisation_ms_%s=%.0f ms%n", db, firstByOrganisation[0]);
			System.out.printf("wave_page_by_sector_p95_ms_%s=%.0f ms%n", db, Timing.p95(page));
			System.out.printf("wave_page_by_organisation_p95_ms_%s=%.0f ms%n", db, Timing.p95(byOrganisation));
			System.out.printf("map_data_p95_ms_%s=%.0f ms%n", db, Timing.p95(map));
			System.out.printf("wave_page_first_view_at_resolution_2_ms_%s=%.0f ms%n", db, firstAtResolution[0]);
			System.out.printf("wave_page_at_resolution_2_p95_ms_%s=%.0f ms%n", db, Timing.p95(atResolution));
		}
	}

}
