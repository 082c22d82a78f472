package app.balcony.jobs;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Claims queued jobs and runs them. A claim is a conditional update
 * ({@code ... where id = :id and status = 'QUEUED'}): of several instances racing for one
 * job exactly one update succeeds, on H2 and PostgreSQL alike, with no lock held while
 * the job runs. A heartbeat writes progress every second; a job whose heartbeat stops
 * (its instance died or restarted) is queued again, up to {@code maxAttempts} claims.
 */
@Component
@ConditionalOnProperty(prefix = "balcony.jobs", name = "worker-enabled", havingValue = "true", matchIfMissing = true)
class JobWorker {

	private static final Logger log = LoggerFactory.getLogger(JobWorker.class);

	private final JdbcClient jdbc;

	private final JobsProperties properties;

	private final Map<String, JobHandler> handlers;

	private final ExecutorService executor;

	private final Map<Long, JobContext> running = new ConcurrentHashMap<>();

	private final String instanceId = ManagementFactory.getRuntimeMXBean().getName() + "/"
			+ UUID.randomUUID().toString().substring(0, 8);

	JobWorker(JdbcClient jdbc, JobsProperties properties, List<JobHandler> handlers) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.handlers = handlers.stream().collect(Collectors.toMap(JobHandler::type, Function.identity()));
		this.executor = Executors.newFixedThreadPool(properties.threads(), runnable -> {
			Thread thread = new Thread(runnable, "balcony-job");
			thread.setDaemon(true);
			return thread;
		});
	}

	String instanceId() {
		return this.instanceId;
	}

	@Scheduled(fixedDelayString = "${balcony.jobs.poll-interval:500ms}", initialDelayString = "1s")
	void poll() {
		int free = this.properties.threads() - this.running.size();
		if (free <= 0) {
			return;
		}
		List<Long> queued = this.jdbc
			.sql("select id from job where status = 'QUEUED' and job_type in (:types) order by created_at, id limit :n")
			.param("types", this.handlers.isEmpty() ? List.of("-") : this.handlers.keySet())
			.param("n", free)
			.query(Long.class)
			.list();
		for (Long id : queued) {
			if (claim(id)) {
				start(id);
			}
		}
	}

	private boolean claim(long id) {
		Timestamp now = Timestamp.valueOf(LocalDateTime.now());
		return this.jdbc.sql("""
				update job set status = 'RUNNING', claimed_by = :instance, claimed_at = :now, heartbeat_at = :now,
				    attempts = attempts + 1
				where id = :id and status = 'QUEUED'
				""").param("instance", this.instanceId).param("now", now).param("id", id).update() == 1;
	}

	private void start(long id) {
		var row = this.jdbc
			.sql("select tenant_id, job_type, created_by, input_name, input_params, input_data from job where id = :id")
			.param("id", id)
			.query((rs,
					n) -> new Object[] { rs.getLong("tenant_id"), rs.getString("job_type"), rs.getString("created_by"),
							rs.getString("input_name"), rs.getString("input_params"), rs.getBytes("input_data") })
			.single();
		JobContext context = new JobContext(id, (Long) row[0], (String) row[2], (String) row[3], (String) row[4],
				(byte[]) row[5]);
		JobHandler handler = this.handlers.get((String) row[1]);
		this.running.put(id, context);
		this.executor.submit(() -> execute(handler, context));
	}

	private void execute(JobHandler handler, JobContext context) {
		JobOutcome outcome;
		try {
			outcome = handler.run(context);
		}
		catch (Exception | Error ex) {
			log.error("Job {} failed", context.jobId(), ex);
			outcome = JobOutcome.failure("The job stopped with an error: " + ex.getMessage(), null);
		}
		try {
			var progress = context.progress();
			this.jdbc.sql("""
					update job set status = :status, finished_at = :finishedAt, message = :message,
					    result_json = :resultJson, progress_done = :done, progress_total = :total,
					    progress_note = :note, heartbeat_at = :heartbeatAt
					where id = :id and claimed_by = :instance
					""")
				.param("status", outcome.succeeded() ? "SUCCEEDED" : "FAILED")
				.param("finishedAt", Timestamp.valueOf(LocalDateTime.now()))
				.param("message", truncate(outcome.message(), 2000))
				.param("resultJson", outcome.resultJson())
				.param("done", progress.done())
				.param("total", progress.total())
				.param("note", truncate(progress.note(), 300))
				.param("heartbeatAt", Timestamp.valueOf(LocalDateTime.now()))
				.param("id", context.jobId())
				.param("instance", this.instanceId)
				.update();
		}
		finally {
			this.running.remove(context.jobId());
		}
	}

	/** Writes the progress of this instance's running jobs, proving they are alive. */
	@Scheduled(fixedDelay = 1000, initialDelay = 1000)
	void heartbeat() {
		Timestamp now = Timestamp.valueOf(LocalDateTime.now());
		this.running.forEach((id, context) -> {
			var progress = context.progress();
			this.jdbc.sql("""
					update job set heartbeat_at = :now, progress_done = :done, progress_total = :total,
					    progress_note = :note
					where id = :id and claimed_by = :instance and status = 'RUNNING'
					""")
				.param("now", now)
				.param("done", progress.done())
				.param("total", progress.total())
				.param("note", truncate(progress.note(), 300))
				.param("id", id)
				.param("instance", this.instanceId)
				.update();
		});
	}

	/**
	 * Requeues jobs whose instance stopped sending heartbeats; fails those that keep
	 * dying.
	 */
	@Scheduled(fixedDelay = 15000, initialDelay = 2000)
	void recoverStale() {
		Timestamp cutoff = Timestamp.valueOf(LocalDateTime.now().minus(this.properties.staleAfter()));
		int failed = this.jdbc.sql("""
				update job set status = 'FAILED', finished_at = :now, message = :message
				where status = 'RUNNING' and heartbeat_at < :cutoff and attempts >= :attempts""")
			.param("now", Timestamp.valueOf(LocalDateTime.now()))
			.param("message", "The job was interrupted " + this.properties.maxAttempts() + " times and was given up")
			.param("cutoff", cutoff)
			.param("attempts", this.properties.maxAttempts())
			.update();
		int requeued = this.jdbc.sql("""
				update job set status = 'QUEUED', claimed_by = null
				where status = 'RUNNING' and heartbeat_at < :cutoff
				""").param("cutoff", cutoff).update();
		if (failed + requeued > 0) {
			log.warn("Recovered stale jobs: {} requeued, {} failed", requeued, failed);
		}
	}

	@PreDestroy
	void stop() throws InterruptedException {
		this.executor.shutdown();
		this.executor.awaitTermination(10, TimeUnit.SECONDS);
	}

	private static String truncate(String text, int max) {
		return (text == null || text.length() <= max) ? text : text.substring(0, max - 1) + "…";
	}

}
