package app.balcony.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import app.balcony.BalconyApplication;
import app.balcony.assessment.Campaigns;
import app.balcony.identity.Tenant;
import app.balcony.identity.TenantAccounts;
import app.balcony.system.DemoIcs;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Concurrency benchmark: the paths that read in a transaction and then record something
 * that commits on its own (an audited person view, a heatmap through the anonymity
 * engine, a roster search counting its budget), each driven by 50 parallel clients
 * against one instance with the default pool of ten connections, while sign-in page and
 * health checks go on. Before the side pool, twelve such requests at once stalled the
 * instance for 30 s. Prints errors (goal 0) and p99 per path. Usage: {@code bench/run
 * concurrency [clients] [requests-per-client]}; set BALCONY_DB_URL for PostgreSQL.
 */
public final class ConcurrencyBenchmark {

	private ConcurrencyBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int clients = args.length > 0 ? Integer.parseInt(args[0]) : 50;
		int each = args.length > 1 ? Integer.parseInt(args[1]) : 10;
		String db = BenchContext.DATABASE;
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BalconyApplication.class)
			.logStartupInfo(false)
			.run("--server.port=0", "--spring.datasource.url=" + BenchContext.URL, "--balcony.demo.enabled=true",
					"--balcony.demo.people=3000", "--balcony.network.roster-searches-per-day=1000000",
					"--balcony.jobs.worker-enabled=false", "--logging.level.root=WARN")) {
			String base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
			TenantAccounts accounts = context.getBean(TenantAccounts.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			Tenant tenant = accounts.findTenant(DemoIcs.SLUG).orElseThrow();
			String member = accounts.createApiToken(tenant.id(), "member@northvale.example", "bench", "bench");
			String analyst = accounts.createApiToken(tenant.id(), "analyst@northvale.example", "bench", "bench");
			List<Long> people = jdbc.queryForList("select id from person where tenant_id = ? order by id limit 500",
					Long.class, tenant.id());
			long baseline = jdbc.queryForObject(
					"select id from campaign where tenant_id = ? and status = 'CLOSED' " + "order by id limit 1",
					Long.class, tenant.id());
			long networkCampaign = jdbc.queryForObject(
					"select min(id) from campaign where tenant_id = ? and instrument_key = 'network_survey'",
					Long.class, tenant.id());
			List<String> links = context.getBean(Campaigns.class)
				.demoLinks(tenant.id(), networkCampaign)
				.stream()
				.filter(l -> !"SUBMITTED".equals(l.status()))
				.map(Campaigns.Link::token)
				.toList();
			String link = links.get(0);
			String[] queries = { "an", "sa", "jo", "ma", "li", "ri", "el", "da" };

			HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
			System.out.println("database=" + db);
			System.out.println("clients=" + clients + " count");
			System.out.println("requests_per_client=" + each + " count");
			System.out.println("network_survey_links=" + links.size() + " count");
			run(http, "person_view", clients, each,
					i -> get(base + "/api/v1/people/" + people.get(i % people.size()), member));
			run(http, "heatmap", clients, each,
					i -> get(base + "/api/v1/assessment/campaigns/" + baseline + "/heatmap?groupBy=place", analyst));
			// Many respondents searching at once, each through their own link...
			run(http, "roster_search", clients, each, i -> get(base + "/api/v1/network-surveys/"
					+ links.get(i % links.size()) + "/roster?q=" + queries[i % queries.length], null));
			// ...and one link holder searching 50 at a time: refused beyond two at once.
			run(http, "roster_search_one_link", clients, each,
					i -> get(base + "/api/v1/network-surveys/" + link + "/roster?q=" + queries[i % queries.length],
							null));
			run(http, "mixed_with_sign_in_page", clients, each, i -> switch (i % 4) {
				case 0 -> get(base + "/api/v1/people/" + people.get(i % people.size()), member);
				case 1 -> get(base + "/api/v1/assessment/campaigns/" + baseline + "/heatmap?groupBy=sector", analyst);
				case 2 ->
					get(base + "/api/v1/network-surveys/" + link + "/roster?q=" + queries[i % queries.length], null);
				default -> get(base + "/login", null);
			});
		}
	}

	private static HttpRequest get(String url, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return request.GET().build();
	}

	private static void run(HttpClient http, String name, int clients, int each, IntFunction<HttpRequest> request)
			throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		AtomicInteger errors = new AtomicInteger();
		AtomicInteger shed = new AtomicInteger();
		List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
		AtomicInteger counter = new AtomicInteger();
		long began = System.nanoTime();
		List<Future<?>> done = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			done.add(pool.submit(() -> {
				for (int r = 0; r < each; r++) {
					int i = counter.getAndIncrement();
					long t0 = System.nanoTime();
					try {
						HttpResponse<Void> response = http.send(request.apply(i),
								HttpResponse.BodyHandlers.discarding());
						if (response.statusCode() == 503 || response.statusCode() == 429) {
							shed.incrementAndGet();
						}
						else if (response.statusCode() >= 400) {
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
		List<Double> sorted = new ArrayList<>(latencies);
		Collections.sort(sorted);
		double p50 = sorted.get((int) Math.floor(0.50 * (sorted.size() - 1)));
		double p99 = sorted.get((int) Math.floor(0.99 * (sorted.size() - 1)));
		System.out.printf(Locale.ROOT, "%s_errors=%d count%n", name, errors.get());
		System.out.printf(Locale.ROOT, "%s_shed=%d count%n", name, shed.get());
		System.out.printf(Locale.ROOT, "%s_p50_ms=%.1f ms%n", name, p50);
		System.out.printf(Locale.ROOT, "%s_p99_ms=%.1f ms%n", name, p99);
		System.out.printf(Locale.ROOT, "%s_throughput=%.0f requests/s%n", name, sorted.size() / seconds);
	}

}
