package app.balcony.shared;

import java.util.List;
import java.util.function.IntConsumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * Batched writes and bulk reads: the one place Balcony uses {@link JdbcTemplate}
 * directly, because {@code JdbcClient} (used for every other statement) has no batch API
 * and no fetch size. Rows are sent in chunks of {@link #CHUNK} with positional
 * parameters, in the caller's transaction; bulk reads stream {@link #FETCH} rows at a
 * time (on PostgreSQL, within a transaction, through a cursor rather than all at once).
 */
@Component
public class Batch {

	/** Rows per JDBC batch. */
	public static final int CHUNK = 1000;

	/** Rows fetched at a time by {@link #read}. */
	public static final int FETCH = 10_000;

	private final JdbcTemplate jdbc;

	private final JdbcTemplate streaming;

	Batch(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.streaming = new JdbcTemplate(jdbc.getDataSource());
		this.streaming.setFetchSize(FETCH);
	}

	/**
	 * Reads every row of a large query, one at a time, without holding the whole result
	 * in memory.
	 */
	public void read(String sql, RowCallbackHandler each, Object... args) {
		this.streaming.query(sql, each, args);
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

	/**
	 * Runs {@code sql} once per row with the given SQL types of the parameters (needed
	 * where a column may be null in every row, so the driver cannot infer its type).
	 */
	public void run(String sql, List<Object[]> rows, int[] types) {
		for (int start = 0; start < rows.size(); start += CHUNK) {
			this.jdbc.batchUpdate(sql, rows.subList(start, Math.min(rows.size(), start + CHUNK)), types);
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
