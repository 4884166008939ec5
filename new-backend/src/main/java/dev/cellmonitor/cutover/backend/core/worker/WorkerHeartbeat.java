package dev.cellmonitor.cutover.backend.core.worker;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import dev.cellmonitor.cutover.backend.redis.RedisNames;
import dev.cellmonitor.cutover.backend.web.PythonRepr;
import dev.cellmonitor.cutover.backend.web.LegacyTime;

/**
 * This worker's own heartbeat for ops, next to the legacy's: key {@value #KEY} (SETEX, three intervals), JSON with
 * the mode, whether it consumes {@code progress_events}, whether it sees the legacy worker, and its counters.
 * Deleted on a clean shutdown.
 */
@Component
class WorkerHeartbeat implements SmartLifecycle {

    static final String KEY = "worker:cutover_worker:heartbeat";
    private static final Logger log = LoggerFactory.getLogger(WorkerHeartbeat.class);

    private final StringRedisTemplate redis;
    private final String key;
    private final WorkerProperties properties;
    private final WorkerStats stats;
    private final EventPipeline pipeline;
    private final ObjectProvider<ProgressEventsConsumer> consumer;
    private final LegacyWorkerWatch legacy;
    private ScheduledExecutorService timer;

    WorkerHeartbeat(StringRedisTemplate redis, RedisNames names, WorkerProperties properties, WorkerStats stats,
            EventPipeline pipeline, ObjectProvider<ProgressEventsConsumer> consumer, LegacyWorkerWatch legacy) {
        this.redis = redis;
        this.key = names.key(KEY);
        this.properties = properties;
        this.stats = stats;
        this.pipeline = pipeline;
        this.consumer = consumer;
        this.legacy = legacy;
    }

    Map<String, Object> heartbeat() {
        ProgressEventsConsumer c = consumer.getIfAvailable();
        Map<String, Object> beat = new LinkedHashMap<>();
        beat.put("worker_id", "cutover_worker");
        beat.put("status", "healthy");
        beat.put("mode", properties.mode().name().toLowerCase(java.util.Locale.ROOT));
        beat.put("consuming_progress_events", c != null && c.subscribed());
        beat.put("legacy_worker_active", c == null ? null : legacy.lastKnown());
        beat.put("timestamp", LegacyTime.naive(LegacyTime.utcNow()));
        beat.put("uptime_seconds", stats.uptimeSeconds());
        beat.put("processed_messages", stats.processedEvents.get());
        beat.put("error_count", stats.failedBatches.get());
        beat.put("queued_events", pipeline.queued());
        beat.put("dropped_messages", stats.droppedMessages.get());
        beat.put("skipped_while_legacy_active", stats.skippedWhileLegacyActive.get());
        return beat;
    }

    void beat() {
        try {
            stats.lastHeartbeat = LegacyTime.utcNow();
            redis.opsForValue().set(key, PythonRepr.jsonDumps(heartbeat()), properties.heartbeatInterval().multipliedBy(3));
        } catch (RuntimeException e) {
            log.warn("heartbeat not written: {}", e.toString());
        }
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("worker-heartbeat").daemon().unstarted(r));
        long every = Math.max(1, properties.heartbeatInterval().toMillis());
        timer.scheduleAtFixedRate(this::beat, 0, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
        try {
            redis.delete(key);
        } catch (RuntimeException e) {
            log.debug("heartbeat not removed", e);
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }

    @Override
    public int getPhase() {
        return EventPipeline.PHASE + 2;
    }
}
