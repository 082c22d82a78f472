package app.balcony.shared;

import java.util.function.Supplier;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Short writes that must commit on their own while a request's transaction is open: the
 * audit log, anonymity history, login throttling, roster-search budgets. They run on a
 * small pool of their own, never on the request pool. A request that holds a pooled
 * connection and then waited for a second one from the same pool could, with enough such
 * requests at once, leave every connection held by someone waiting for another (the whole
 * instance stalled). With two pools the order is always request pool first, side pool
 * second, and nothing done on the side pool waits for the request pool, so that cannot
 * happen. A side write nested in another joins it rather than taking a second side
 * connection.
 */
@Component
public class SideTransactions implements DisposableBean {

	private final HikariDataSource pool;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	SideTransactions(DataSourceProperties properties, BalconyProperties settings) {
		int size = settings.db().sidePoolSize();
		long waitMillis = settings.db().sidePoolWait();
		this.pool = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
		this.pool.setPoolName("balcony-side");
		this.pool.setMaximumPoolSize(size);
		this.pool.setMinimumIdle(0);
		this.pool.setConnectionTimeout(waitMillis);
		this.jdbc = JdbcClient.create(this.pool);
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(this.pool));
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
	}

	/** Connections in the side pool. */
	public int size() {
		return this.pool.getMaximumPoolSize();
	}

	/** Runs work in a transaction on the side pool, committed when it returns. */
	public <T> T run(Supplier<T> work) {
		return this.transactions.execute(status -> work.get());
	}

	/** Runs work in a transaction on the side pool, committed when it returns. */
	public void run(Runnable work) {
		this.transactions.executeWithoutResult(status -> work.run());
	}

	/** SQL on the side pool; use it inside {@link #run}. */
	public JdbcClient jdbc() {
		return this.jdbc;
	}

	@Override
	public void destroy() {
		this.pool.close();
	}

}
