package app.balcony.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import app.balcony.identity.AuditLog;
import app.balcony.identity.Tenant;
import app.balcony.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that read in a transaction and then record something that must commit on its
 * own (an audited person view; a report through the anonymity engine) can no longer stall
 * an instance: with a pool of three connections, twelve such requests at once all finish.
 * Before, each held one connection and waited for a second from the same pool; three of
 * them held the whole pool and everyone waited until the pool gave up.
 */
@org.springframework.test.annotation.DirtiesContext
@TestPropertySource(properties = { "spring.datasource.hikari.maximum-pool-size=3",
		"spring.datasource.hikari.connection-timeout=5000", "balcony.db.side-pool-size=1" })
class ConnectionPoolIntegrationTest extends IntegrationTestBase {

	@Autowired
	AnonymityEngine engine;

	@Autowired
	AuditLog audit;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void twelveAuditedReadsAndReportsAtOnceFinishOnAPoolOfThree() throws Exception {
		Tenant tenant = newTenant("pool");
		String scope = "campaign:pool-" + System.nanoTime();
		TransactionTemplate readOnly = new TransactionTemplate(this.transactions);
		readOnly.setReadOnly(true);
		int clients = 12;
		CountDownLatch allHoldAConnection = new CountDownLatch(3);
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try {
			List<Future<Boolean>> done = new ArrayList<>();
			for (int i = 0; i < clients; i++) {
				int n = i;
				done.add(pool.submit(() -> readOnly.execute(status -> {
					// Holds a request-pool connection, as a page's read does...
					this.jdbc.queryForObject("select count(*) from tenant", Integer.class);
					allHoldAConnection.countDown();
					awaitQuietly(allHoldAConnection);
					// ...then records what it showed.
					if (n % 2 == 0) {
						this.audit.record(tenant.id(), "member", "PERSON_VIEWED", "person " + n, null);
					}
					else {
						this.engine.report(tenant.id(), "member", scope, "v1",
								DisclosureControlTest.threeOrganisations(), List.of(new DisclosureControl.Request("all",
										"All", null, DisclosureControlTest.atoms(0, 1, 2))),
								Thresholds.DEFAULT, null);
					}
					return true;
				})));
			}
			for (Future<Boolean> f : done) {
				assertThat(f.get(60, TimeUnit.SECONDS)).isTrue();
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.jdbc.queryForObject(
				"select count(*) from audit_event where tenant_id = ? and action = 'PERSON_VIEWED'", Integer.class,
				tenant.id()))
			.isEqualTo(clients / 2);
		assertThat(this.engine.historySize(tenant.id(), scope)).isEqualTo(1);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
