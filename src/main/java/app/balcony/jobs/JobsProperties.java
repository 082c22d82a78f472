package app.balcony.jobs;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param workerEnabled whether this instance claims and runs jobs (CLI commands run work
 * inline)
 * @param pollInterval how often an idle worker looks for queued jobs
 * @param staleAfter a running job whose heartbeat is older than this is taken over (its
 * instance died)
 * @param maxAttempts after this many claims a job that keeps dying is failed
 * @param threads jobs one instance runs at once
 */
@Validated
@ConfigurationProperties("balcony.jobs")
public record JobsProperties(boolean workerEnabled, @NotNull Duration pollInterval, @NotNull Duration staleAfter,
		@Min(1) int maxAttempts, @Min(1) int threads) {
}
