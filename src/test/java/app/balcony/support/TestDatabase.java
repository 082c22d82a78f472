package app.balcony.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Which database integration tests run against: H2 (a fresh in-memory database per Spring
 * context) or a real PostgreSQL (the URL in {@code balcony.test.pg.url}, started by
 * .ci/run), chosen by the system property {@code balcony.test.db}. PostgreSQL is wiped
 * once per test JVM. A PostgreSQL run fails, never skips, when the server cannot be
 * reached.
 */
public final class TestDatabase {

	private static boolean postgresReset;

	private TestDatabase() {
	}

	public static boolean isPostgres() {
		return "postgres".equals(System.getProperty("balcony.test.db"));
	}

	public static String postgresUrl() {
		return System.getProperty("balcony.test.pg.url", "jdbc:postgresql://127.0.0.1:55432/balcony_test");
	}

	public static String postgresUser() {
		return System.getProperty("balcony.test.pg.user", "postgres");
	}

	/**
	 * A JDBC URL for a new context: a fresh H2 database, or the (once reset) PostgreSQL
	 * one.
	 */
	public static synchronized String newUrl() {
		if (!isPostgres()) {
			return "jdbc:h2:mem:balcony-" + UUID.randomUUID()
					+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
		}
		if (!postgresReset) {
			try (Connection connection = DriverManager.getConnection(postgresUrl(), postgresUser(), "");
					Statement statement = connection.createStatement()) {
				statement.execute("drop schema if exists public cascade");
				statement.execute("create schema public");
			}
			catch (SQLException ex) {
				throw new IllegalStateException("PostgreSQL tests need a server at " + postgresUrl()
						+ " (run .ci/run, which starts one): " + ex.getMessage(), ex);
			}
			postgresReset = true;
		}
		return postgresUrl();
	}

	public static void register(DynamicPropertyRegistry registry) {
		String url = newUrl();
		registry.add("spring.datasource.url", () -> url);
		registry.add("spring.datasource.username", () -> isPostgres() ? postgresUser() : "sa");
		registry.add("spring.datasource.password", () -> "");
	}

}
