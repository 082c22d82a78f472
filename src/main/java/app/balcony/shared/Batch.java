package app.balcony.shared;

import java.util.List;
import java.util.function.IntConsumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Batched writes: the one place Balcony uses {@link JdbcTemplate} directly, because
 * {@code JdbcClient} (used for every other statement) has no batch API. Rows are sent in
 * chunks of {@link #CHUNK} with positional parameters, in the caller's transaction.
 */
@Component
public class Batch {

	/** Rows per JDBC batch. */
	public static final int CHUNK = 1000;

	private final JdbcTemplate jdbc;

	Batch(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Runs {@code sql} once per row. */
	public void run(String sql, List<Object[]> rows) {
		run(sql, rows, done -> {
		});
	}

	/**
	 * Runs {@code sql} once per row, reporting how many rows are written after each
	 * chunk.
	 */
	public void run(String sql, List<Object[]> rows, IntConsumer written) {
		for (int start = 0; start < rows.size(); start += CHUNK) {
			List<Object[]> chunk = rows.subList(start, Math.min(rows.size(), start + CHUNK));
			this.jdbc.batchUpdate(sql, chunk);
			written.accept(chunk.size());
		}
	}

	/** Whether the database is PostgreSQL (some statements differ from H2's). */
	public boolean postgres() {
		return Boolean.TRUE.equals(this.jdbc.execute((java.sql.Connection con) -> con.getMetaData()
			.getDatabaseProductName()
			.toLowerCase(java.util.Locale.ROOT)
			.contains("postgres")));
	}

}
