package app.balcony.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import app.balcony.BalconyApplication;
import app.balcony.assessment.Campaigns;
import app.balcony.assessment.Instrument;
import app.balcony.assessment.ItemBank;
import app.balcony.identity.Tenant;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Submissions benchmark: two Balcony instances over one database (PostgreSQL via
 * BALCONY_DB_URL, else a shared in-memory H2), an open campaign over a demo ICS, and
 * respondents submitting complete answers through the JSON API, alternating between the
 * instances over loopback. Prints submissions per second, p50 and p99, and checks every
 * submission was stored exactly once. Usage: {@code bench/run submissions [people]
 * [clients]}.
 */
public final class SubmissionsBenchmark {

	private SubmissionsBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int people = args.length > 0 ? Integer.parseInt(args[0]) : 6000;
		int clients = args.length > 1 ? Integer.parseInt(args[1]) : 32;
		String url = System.getenv()
			.getOrDefault("BALCONY_DB_URL", "jdbc:h2:mem:submissions-" + UUID.randomUUID()
					+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
		String db = url.startsWith("jdbc:postgresql") ? "postgres" : "h2";
		try (ConfigurableApplicationContext one = start(url); ConfigurableApplicationContext two = start(url)) {
			Tenant tenant = BenchContext.demoIcs(one, people);
			Instrument instrument = ItemBank.instrument("systems_leadership_survey").orElseThrow();
			Campaigns campaigns = one.getBean(Campaigns.class);
			long id = campaigns.create(tenant.id(), "bench", new Campaigns.Draft("Submissions", instrument.key(), true,
					LocalDate.now(), LocalDate.now().plusDays(7), null, "Baseline", Campaigns.Audience.EVERYONE));
			campaigns.open(tenant.id(), "bench", id);
			List<String> tokens = campaigns.demoLinks(tenant.id(), id).stream().map(Campaigns.Link::token).toList();
			StringBuilder body = new StringBuilder("{");
			for (Instrument.Item item : instrument.items()) {
				body.append(body.length() > 1 ? "," : "").append('"').append(item.key()).append("\":\"4\"");
			}
			String answers = body.append('}').toString();
			String[] bases = { base(one), base(two) };
			HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
			// Warm both instances up (JIT, pools) on a tenth of the links.
			int warm = tokens.size() / 10;
			drive(http, bases, tokens.subList(0, warm), answers, clients);
			Result r = drive(http, bases, tokens.subList(warm, tokens.size()), answers, clients);
			JdbcTemplate jdbc = one.getBean(JdbcTemplate.class);
			int stored = jdbc.queryForObject(
					"select count(*) from response_ballot where kind = 'CAMPAIGN' and " + "parent_id = ?",
					Integer.class, id);
			System.out.println("database=" + db);
			System.out.println("instances=2 count");
			System.out.println("clients=" + clients + " count");
			System.out.println("items_per_submission=" + instrument.items().size() + " count");
			System.out.println("submissions=" + r.latencies().size() + " count");
			System.out.println("submission_errors=" + r.errors() + " count");
			System.out.println("stored_exactly_once=" + (stored == tokens.size() - r.errors() ? 1 : 0) + " boolean");
			System.out.printf(Locale.ROOT, "submissions_per_s_%s=%.0f submissions/s%n", db, r.perSecond());
			System.out.printf(Locale.ROOT, "submission_p50_ms_%s=%.1f ms%n", db, r.percentile(0.50));
			System.out.printf(Locale.ROOT, "submission_p99_ms_%s=%.1f ms%n", db, r.percentile(0.99));
		}
	}

	private static ConfigurableApplicationContext start(String url) {
		return new SpringApplicationBuilder(BalconyApplication.class).logStartupInfo(false)
			.run("--server.port=0", "--spring.datasource.url=" + url, "--balcony.jobs.worker-enabled=false",
					"--logging.level.root=WARN");
	}

	private static String base(ConfigurableApplicationContext context) {
		return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
	}

	record Result(List<Double> latencies, int errors, double perSecond) {

		double percentile(double p) {
			List<Double> sorted = new ArrayList<>(this.latencies);
			Collections.sort(sorted);
			return sorted.get((int) Math.floor(p * (sorted.size() - 1)));
		}

	}

	private static Result drive(HttpClient http, String[] bases, List<String> tokens, String answers, int clients)
			throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		AtomicInteger next = new AtomicInteger();
		AtomicInteger errors = new AtomicInteger();
		List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
		long began = System.nanoTime();
		List<Future<?>> done = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			done.add(pool.submit(() -> {
				int i;
				while ((i = next.getAndIncrement()) < tokens.size()) {
					HttpRequest request = HttpRequest
						.newBuilder(URI.create(bases[i % 2] + "/api/v1/surveys/" + tokens.get(i) + "/submit"))
						.timeout(Duration.ofSeconds(60))
						.header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers.ofString(answers))
						.build();
					long t0 = System.nanoTime();
					try {
						HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
						if (response.statusCode() != 201) {
							errors.incrementAndGet();
						}
					}
					catch (Exception ex) {
						errors.incrementAndGet();
					}
					latencies.add((System.nanoTime() - t0) / 1e6);
				}
				return null;
			}));
		}
		for (Future<?> f : done) {
			f.get();
		}
		pool.shutdown();
		double seconds = (System.nanoTime() - began) / 1e9;
		return new Result(latencies, errors.get(), latencies.size() / seconds);
	}

}
