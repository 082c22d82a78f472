package app.balcony.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues jobs and reads their state. Reads are always scoped to a tenant: a job of
 * another tenant is simply not found.
 */
@Service
public class JobQueue {

	private static final String COLUMNS = "id, job_type, title, status, created_by, created_at, finished_at, attempts, "
			+ "progress_done, progress_total, progress_note, message, result_json, claimed_by";

	private final JdbcClient jdbc;

	JobQueue(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional
	public long submit(JobRequest request) {
		var keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into job (tenant_id, job_type, status, title, created_by, created_at, input_name, input_params,
				    input_data)
				values (:tenant, :type, 'QUEUED', :title, :createdBy, :createdAt, :inputName, :inputParams, :inputData)
				""")
			.param("tenant", request.tenantId())
			.param("type", request.type())
			.param("title", request.title())
			.param("createdBy", request.createdBy())
			.param("createdAt", Timestamp.valueOf(LocalDateTime.now()))
			.param("inputName", request.inputName())
			.param("inputParams", request.inputParams())
			.param("inputData", request.inputData())
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	@Transactional(readOnly = true)
	public Optional<JobView> find(long tenantId, long jobId) {
		return this.jdbc.sql("select " + COLUMNS + " from job where id = :id and tenant_id = :tenant")
			.param("id", jobId)
			.param("tenant", tenantId)
			.query(JobQueue::view)
			.optional();
	}

	@Transactional(readOnly = true)
	public List<JobView> recent(long tenantId, String type, int limit) {
		return this.jdbc.sql("select " + COLUMNS
				+ " from job where tenant_id = :tenant and job_type = :type order by created_at desc, id desc limit :limit")
			.param("tenant", tenantId)
			.param("type", type)
			.param("limit", limit)
			.query(JobQueue::view)
			.list();
	}

	static JobView view(ResultSet rs, int row) throws SQLException {
		Timestamp finished = rs.getTimestamp("finished_at");
		return new JobView(rs.getLong("id"), rs.getString("job_type"), rs.getString("title"),
				JobStatus.valueOf(rs.getString("status")), rs.getString("created_by"),
				rs.getTimestamp("created_at").toLocalDateTime(), finished == null ? null : finished.toLocalDateTime(),
				rs.getInt("attempts"), rs.getInt("progress_done"), rs.getInt("progress_total"),
				rs.getString("progress_note"), rs.getString("message"), rs.getString("result_json"),
				rs.getString("claimed_by"));
	}

}
