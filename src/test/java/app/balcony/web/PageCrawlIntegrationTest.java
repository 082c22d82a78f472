package app.balcony.web;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.balcony.identity.Role;
import app.balcony.identity.Tenant;
import app.balcony.jobs.Progress;
import app.balcony.support.Browser;
import app.balcony.support.IntegrationTestBase;
import app.balcony.system.DemoIcs;
import app.balcony.system.DemoIcsReady;
import app.balcony.system.SystemImport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A newcomer clicking every link: from the overview, every page reachable by following
 * links within Balcony (the demo ICS with its relationships, evidence, surveys and 360),
 * as each role, answers without a server error. Pages a role may not open answer 403,
 * never 500.
 */
class PageCrawlIntegrationTest extends IntegrationTestBase {

	private static final Pattern HREF = Pattern.compile("href=\"(/[^\"#]*)");

	/** Pages visited at most, per role. */
	private static final int LIMIT = 600;

	/**
	 * Pages of one kind (the same path but for numbers, any query) visited at most, so
	 * the crawl reaches every kind of page rather than every person.
	 */
	private static final int PER_KIND = 3;

	@Autowired
	DemoIcs demo;

	@Autowired
	ApplicationEventPublisher events;

	@ParameterizedTest
	@EnumSource(Role.class)
	void everyLinkedPageOpensWithoutAServerError(Role role) {
		Tenant tenant = this.demo.ensure(42, 600, Progress.NONE);
		// The demo data of every module, as on a demo start.
		this.events.publishEvent(new DemoIcsReady(tenant));
		Browser browser = demoAs(role);
		Deque<String> queue = new ArrayDeque<>(List.of("/"));
		Set<String> seen = new LinkedHashSet<>(queue);
		Map<String, Integer> failures = new LinkedHashMap<>();
		Map<Integer, Integer> statuses = new LinkedHashMap<>();
		Map<String, Integer> kinds = new LinkedHashMap<>();
		List<String> visited = new ArrayList<>();
		while (!queue.isEmpty() && visited.size() < LIMIT) {
			String path = queue.poll();
			var response = browser.get(path);
			visited.add(path);
			statuses.merge(response.statusCode(), 1, Integer::sum);
			if (response.statusCode() >= 500) {
				failures.put(path, response.statusCode());
			}
			if (response.statusCode() != 200
					|| !response.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
				continue;
			}
			Matcher m = HREF.matcher(response.body());
			while (m.find()) {
				String link = m.group(1).replace("&amp;", "&");
				if (follow(link) && seen.add(link) && kinds.merge(kind(link), 1, Integer::sum) <= PER_KIND) {
					queue.add(link);
				}
			}
		}
		assertThat(failures).as("pages answering with a server error, as " + role).isEmpty();
		// A crawl that saw little would prove little.
		assertThat(visited).as("pages visited as " + role).hasSizeGreaterThan(40);
		assertThat(statuses.getOrDefault(200, 0)).isGreaterThan(40);
		assertThat(queue).as("kinds of page left unvisited (raise LIMIT)").isEmpty();
	}

	private static String kind(String link) {
		String path = link.contains("?") ? link.substring(0, link.indexOf('?')) : link;
		return path.replaceAll("\\d+", "{n}");
	}

	/** Pages, not files, sign-out or the API's own pages. */
	private static boolean follow(String link) {
		String path = link.contains("?") ? link.substring(0, link.indexOf('?')) : link;
		return !path.startsWith("/css/") && !path.startsWith("/js/") && !path.startsWith("/assets/")
				&& !path.startsWith("/webjars/") && !path.startsWith("/swagger-ui") && !path.startsWith("/v3/")
				&& !path.startsWith("/logout") && !path.startsWith("/api/")
				&& !path.matches(".*\\.(csv|xlsx|pdf|zip|qdpx|qdc|graphml|gexf|svg|png|ico|json)$");
	}

}
