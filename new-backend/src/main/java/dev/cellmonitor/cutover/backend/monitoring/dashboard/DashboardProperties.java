package dev.cellmonitor.cutover.backend.monitoring.dashboard;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The dashboard's settings.
 *
 * @param poolSize          connections of the dashboard's own pool (reads, the tailer, dismiss/resolve), kept
 *                          apart from the pool that ingests events
 * @param tailerInterval    pause between tailer passes once it has caught up
 * @param tailerBatchSize   executions read per tailer transaction
 * @param gapTimeout        how long an id below the high-water mark is awaited before it counts as never used
 * @param tailerEnabled     off only in tests that drive the tailer by hand
 */
@ConfigurationProperties("cellmonitor.monitoring.dashboard")
public record DashboardProperties(int poolSize, Duration tailerInterval, int tailerBatchSize, Duration gapTimeout,
                                  Boolean tailerEnabled) {

    public DashboardProperties {
        poolSize = poolSize <= 0 ? 4 : poolSize;
        tailerInterval = tailerInterval == null ? Duration.ofMillis(250) : tailerInterval;
        tailerBatchSize = tailerBatchSize <= 0 ? 5000 : tailerBatchSize;
        gapTimeout = gapTimeout == null ? Duration.ofMinutes(15) : gapTimeout;
        tailerEnabled = tailerEnabled == null || tailerEnabled;
    }
}
