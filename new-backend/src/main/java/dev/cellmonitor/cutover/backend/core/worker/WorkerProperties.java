package dev.cellmonitor.cutover.backend.core.worker;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the event worker runs ({@code cellmonitor.worker.*}).
 *
 * @param mode                    {@code direct}: only events posted to this backend are processed (in-process, no
 *                                pub/sub hop); {@code replacement}: additionally consume the legacy API's Redis
 *                                {@code progress_events}, so the legacy worker can be stopped
 * @param queueCapacity           events accepted but not yet stored; beyond it {@code POST /events} answers 503
 * @param maxBatchEvents          most events written in one transaction (requests are grouped up to this)
 * @param retryAfterSeconds       the {@code Retry-After} of a 503
 * @param thresholdCacheTtl       how long the {@code consecutive_error_threshold} setting is cached
 * @param legacyHeartbeatMaxAge   a legacy worker heartbeat younger than this means the legacy worker is consuming
 * @param heartbeatCheckInterval  how often replacement mode looks at the legacy heartbeat
 * @param heartbeatInterval       how often this worker writes its own heartbeat key
 * @param setBasedReferenceChecks check the legacy schema's foreign keys once per referenced row and transaction
 *                                instead of once per inserted row (needs the right to set
 *                                {@code session_replication_role}; without it the worker falls back by itself)
 */
@ConfigurationProperties("cellmonitor.worker")
public record WorkerProperties(
        Mode mode,
        Integer queueCapacity,
        Integer maxBatchEvents,
        Integer retryAfterSeconds,
        Duration thresholdCacheTtl,
        Duration legacyHeartbeatMaxAge,
        Duration heartbeatCheckInterval,
        Duration heartbeatInterval,
        Boolean setBasedReferenceChecks) {

    public enum Mode { DIRECT, REPLACEMENT }

    public WorkerProperties {
        mode = mode == null ? Mode.DIRECT : mode;
        queueCapacity = queueCapacity == null ? 20_000 : queueCapacity;
        maxBatchEvents = maxBatchEvents == null ? 2_000 : maxBatchEvents;
        retryAfterSeconds = retryAfterSeconds == null ? 1 : retryAfterSeconds;
        thresholdCacheTtl = thresholdCacheTtl == null ? Duration.ofSeconds(5) : thresholdCacheTtl;
        legacyHeartbeatMaxAge = legacyHeartbeatMaxAge == null ? Duration.ofSeconds(90) : legacyHeartbeatMaxAge;
        heartbeatCheckInterval = heartbeatCheckInterval == null ? Duration.ofSeconds(2) : heartbeatCheckInterval;
        heartbeatInterval = heartbeatInterval == null ? Duration.ofSeconds(30) : heartbeatInterval;
        setBasedReferenceChecks = setBasedReferenceChecks == null || setBasedReferenceChecks;
    }
}
