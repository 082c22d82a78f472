package app.balcony.system.importing;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import app.balcony.jobs.Progress;
import app.balcony.shared.Batch;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the appliers of one import share: the JDBC access, the tenant written to, the
 * import's effective date, and the count of rows applied so far, reported as progress.
 * Also the reads several appliers need (ids by identifier, successions) and the date and
 * nullable-column helpers.
 */
final class ApplyContext {

	private final JdbcClient jdbc;

	private final Batch batch;

	private final long tenantId;

	private final LocalDate effective;

	private final Progress progress;

	private int done;

	private int total;

	ApplyContext(JdbcClient jdbc, Batch batch, long tenantId, LocalDate effective, Progress progress) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.tenantId = tenantId;
		this.effective = effective;
		this.progress = progress;
	}

	JdbcClient jdbc() {
		return this.jdbc;
	}

	long tenantId() {
		return this.tenantId;
	}

	LocalDate effective() {
		return this.effective;
	}

	/** Starts counting progress towards {@code total} rows. */
	void begin(int total) {
		this.total = total;
	}

	/** Reports that every row is applied. */
	void finish() {
		this.progress.progress(this.total, this.total, "Applied");
	}

	/** Counts one row applied, reporting progress every 50 rows. */
	void step(String note) {
		this.done++;
		if (this.done % 50 == 0) {
			this.progress.progress(Math.min(this.done, this.total), this.total, note);
		}
	}

	/** Counts rows applied without a statement (left as they were). */
	void skipped(int rows) {
		this.done += rows;
	}

	/**
	 * Runs {@code sql} (positional parameters) once per row in JDBC batches; when there
	 * is a note, the rows count as applied and progress is reported after each batch.
	 */
	void batch(String sql, List<Object[]> rows, String note) {
		if (note == null) {
			this.batch.run(sql, rows);
			return;
		}
		this.batch.run(sql, rows, written -> {
			this.done += written;
			this.progress.progress(Math.min(this.done, this.total), this.total, note);
		});
	}

	/** The tenant's ids in {@code table} (a table of this package's), by identifier. */
	Map<String, Long> ids(String table) {
		Map<String, Long> ids = new HashMap<>();
		this.jdbc.sql("select external_id, id from " + table + " where tenant_id = :t")
			.param("t", this.tenantId)
			.query(rs -> {
				ids.put(rs.getString("external_id"), rs.getLong("id"));
			});
		return ids;
	}

	/**
	 * The tenant's successions in {@code table} (place_succession or
	 * organisation_succession), each as "predecessor>successor".
	 */
	Set<String> successions(String table) {
		Set<String> successions = new HashSet<>();
		this.jdbc.sql("select predecessor_id, successor_id from " + table + " where tenant_id = :t")
			.param("t", this.tenantId)
			.query(rs -> {
				successions.add(rs.getLong("predecessor_id") + ">" + rs.getLong("successor_id"));
			});
		return successions;
	}

	/**
	 * Records that {@code successorId} succeeds each of {@code predecessors} (by
	 * identifier) from {@code effective}, in {@code table}, unless already recorded
	 * ({@code known}, as read by {@link #successions}, is kept up to date). True when one
	 * was new.
	 */
	boolean succeed(String table, Set<String> known, Map<String, Long> ids, List<String> predecessors, long successorId,
			LocalDate effective) {
		boolean added = false;
		for (String predecessor : predecessors) {
			long predecessorId = ids.get(predecessor);
			if (known.add(predecessorId + ">" + successorId)) {
				this.jdbc.sql("insert into " + table + """
						 (tenant_id, predecessor_id, successor_id, effective)
						values (:t, :predecessor, :successor, :effective)""")
					.param("t", this.tenantId)
					.param("predecessor", predecessorId)
					.param("successor", successorId)
					.param("effective", date(effective))
					.update();
				added = true;
			}
		}
		return added;
	}

	static Date date(LocalDate date) {
		return date == null ? null : Date.valueOf(date);
	}

	static LocalDate localDate(Date date) {
		return date == null ? null : date.toLocalDate();
	}

	static Long nullableLong(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

	static Integer nullableInt(ResultSet rs, String column) throws SQLException {
		int value = rs.getInt(column);
		return rs.wasNull() ? null : value;
	}

}
