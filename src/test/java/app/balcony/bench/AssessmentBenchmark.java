package app.balcony.bench;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import app.balcony.assessment.Campaigns;
import app.balcony.assessment.Grouping;
import app.balcony.assessment.Instrument;
import app.balcony.assessment.ItemBank;
import app.balcony.assessment.Results;
import app.balcony.identity.Tenant;
import app.balcony.system.directory.Directory;
import app.balcony.system.Views;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Assessment benchmark: a closed campaign over the 60,000-person demo ICS with 100,000
 * responses (respondents drawn from the ICS's people, answers to every statement of the
 * systems leadership survey), then the full heatmap (every grouping, every element, with
 * suppression, complementary suppression and the differencing guard). Reports the first
 * heatmap (reads the answers), the p95 for users seeing it for the first time (the whole
 * anonymity check each time) and for a user seeing it again. Usage: {@code bench/run
 * assessment [responses]}; set BALCONY_DB_URL for PostgreSQL.
 */
public final class AssessmentBenchmark {

	private AssessmentBenchmark() {
	}

	public static void main(String[] args) {
		int responses = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
		String db = BenchContext.DATABASE;
		try (var context = BenchContext.start()) {
			Directory queries = context.getBean(Directory.class);
			Campaigns campaigns = context.getBean(Campaigns.class);
			Results results = context.getBean(Results.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			Tenant tenant = BenchContext.demoIcs(context, 60_000);

			Instrument instrument = ItemBank.instrument("systems_leadership_survey").orElseThrow();
			LocalDate today = LocalDate.now();
			long id = campaigns.create(tenant.id(), "bench", new Campaigns.Draft("Bench", instrument.key(), true,
					today.minusDays(30), today.plusDays(1), null, "Baseline", Campaigns.Audience.EVERYONE));
			long t0 = System.nanoTime();
			List<Views.Profile> people = new ArrayList<>(queries.profiles(tenant.id(), today).values());
			Random random = new Random(7);
			List<Object[]> rows = new ArrayList<>();
			List<Object[]> answers = new ArrayList<>();
			List<Instrument.Item> statements = instrument.items();
			for (int r = 0; r < responses; r++) {
				Views.Profile p = people.get(random.nextInt(people.size()));
				String rid = UUID.randomUUID().toString();
				rows.add(new Object[] { rid, tenant.id(), id, Date.valueOf(today), p.placeId(), p.neighbourhoodId(),
						p.organisationId(), p.sector(), p.level(), p.staffGroup(), p.seniority() });
				double base = 3 + random.nextGaussian() * 0.6;
				for (Instrument.Item item : statements) {
					long score = Math.round(base + random.nextGaussian() * 0.8);
					answers.add(new Object[] { rid, item.key(), (int) Math.max(1, Math.min(5, score)) });
				}
				if (rows.size() == 5_000) {
					flush(jdbc, rows, answers);
				}
			}
			flush(jdbc, rows, answers);
			long loaded = System.nanoTime();
			campaigns.close(tenant.id(), "bench", id);

			List<Grouping> all = List.of(Grouping.values());
			long first = System.nanoTime();
			Results.Heatmap heatmap = results.heatmap(tenant.id(), "first@bench", id, Results.Detail.ELEMENT, all,
					List.of());
			long firstDone = System.nanoTime();
			// History is the campaign's, shared by every account: each view after the
			// first
			// is decided against everything released before, by anyone.
			int[] counter = { 0 };
			double[] again = Timing.time(20, 3, () -> results.heatmap(tenant.id(), "user" + (counter[0]++) + "@bench",
					id, Results.Detail.ELEMENT, all, List.of()));
			double[] items = Timing.time(10, 2,
					() -> results.heatmap(tenant.id(), "items@bench", id, Results.Detail.ITEM, all, List.of()));
			String firstItem = instrument.items().get(0).key();
			double[] spread = Timing.time(20, 3,
					() -> results.distribution(tenant.id(), "spread@bench", id, firstItem, Grouping.PLACE));
			long withheld = heatmap.rows().stream().filter(r -> !r.shown()).count();

			System.out.println("database=" + db);
			System.out.println("responses=" + responses + " count");
			System.out.println("items=" + statements.size() + " count");
			System.out.println("heatmap_rows=" + heatmap.rows().size() + " count");
			System.out.println("heatmap_rows_withheld=" + withheld + " count");
			System.out.println("heatmap_columns=" + heatmap.columns().size() + " count");
			System.out.printf("insert_answers_ms_%s=%d ms%n", db, (loaded - t0) / 1_000_000);
			System.out.printf("heatmap_first_ms_%s=%d ms%n", db, (firstDone - first) / 1_000_000);
			System.out.printf("heatmap_p95_ms_%s=%.1f ms%n", db, Timing.p95(again));
			System.out.printf("heatmap_statements_p95_ms_%s=%.1f ms%n", db, Timing.p95(items));
			System.out.printf("distribution_p95_ms_%s=%.1f ms%n", db, Timing.p95(spread));
		}
	}

	private static void flush(JdbcTemplate jdbc, List<Object[]> rows, List<Object[]> answers) {
		jdbc.batchUpdate("insert into campaign_response (id, tenant_id, campaign_id, invitation_id, submitted_on, "
				+ "place_id, neighbourhood_id, organisation_id, sector, level_key, staff_group, seniority) "
				+ "values (?, ?, ?, null, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
		jdbc.batchUpdate("insert into campaign_answer (response_id, item_key, score) values (?, ?, ?)", answers);
		rows.clear();
		answers.clear();
	}

}
