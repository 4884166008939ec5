package dev.cellmonitor.cutover.backend.core.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.cellmonitor.cutover.backend.redis.RedisNames;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Worker replacement ({@code cellmonitor.worker.mode=replacement}): consumes the {@code progress_events} the legacy
 * API publishes, so the legacy worker can be stopped. It subscribes only while the legacy worker's heartbeat is not
 * fresh, and checks the heartbeat again before storing each chunk of messages: a chunk read while the legacy worker
 * is alive is left to it (it was subscribed before it wrote its heartbeat, so it has them), which is how an event is
 * never stored by both.
 */
@Component
@ConditionalOnProperty(name = "cellmonitor.worker.mode", havingValue = "replacement")
class ProgressEventsConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProgressEventsConsumer.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CHUNK = 200;
    private static final String STOP = "\u0000stop";

    private final WorkerRedis redis;
    private final EventPipeline pipeline;
    private final LegacyWorkerWatch legacy;
    private final WorkerStats stats;
    private final WorkerProperties properties;
    private final String channel;
    private final BlockingQueue<String> received;
    private ScheduledExecutorService checks;
    private Thread drainer;
    private StatefulRedisPubSubConnection<String, String> connection;
    private volatile boolean subscribed;
    private volatile boolean running;

    ProgressEventsConsumer(WorkerRedis redis, EventPipeline pipeline, LegacyWorkerWatch legacy,
            WorkerStats stats, WorkerProperties properties, RedisNames names) {
        this.redis = redis;
        this.pipeline = pipeline;
        this.legacy = legacy;
        this.stats = stats;
        this.properties = properties;
        this.channel = names.channel(RedisNames.PROGRESS_EVENTS);
        this.received = new ArrayBlockingQueue<>(properties.queueCapacity());
    }

    boolean subscribed() {
        return subscribed;
    }

    /** Subscribes or unsubscribes after the legacy worker's heartbeat. */
    synchronized void check() {
        if (!running) {
            return;
        }
        boolean legacyActive = legacy.legacyWorkerActive();
        try {
            if (legacyActive && subscribed) {
                connection.sync().unsubscribe(channel);
                subscribed = false;
                log.info("unsubscribed from {}: the legacy worker is back", channel);
            } else if (!legacyActive && !subscribed) {
                if (connection == null || !connection.isOpen()) {
                    connection = redis.connectPubSub();
                    connection.addListener(new RedisPubSubAdapter<>() {
                        @Override
                        public void message(String from, String message) {
                            if (!received.offer(message)) {
                                stats.droppedMessages.incrementAndGet();
                            }
                        }
                    });
                }
                connection.sync().subscribe(channel);
                subscribed = true;
                log.info("subscribed to {}: this backend now does the legacy worker's job", channel);
            }
        } catch (RuntimeException e) {
            log.warn("progress_events subscription change failed: {}", e.toString());
            subscribed = false;
            closeConnection();
        }
    }

    private void drain() {
        while (true) {
            String first;
            try {
                first = received.take();
            } catch (InterruptedException e) {
                return;
            }
            List<String> chunk = new ArrayList<>(CHUNK);
            chunk.add(first);
            received.drainTo(chunk, CHUNK - 1);
            boolean stop = chunk.remove(STOP);
            if (!chunk.isEmpty()) {
                hand(chunk);
            }
            if (stop || STOP.equals(first)) {
                return;
            }
        }
    }

    private void hand(List<String> chunk) {
        if (legacy.legacyWorkerActive()) {
            stats.skippedWhileLegacyActive.addAndGet(chunk.size());
            return;
        }
        List<WorkerEvent> events = new ArrayList<>(chunk.size());
        for (String message : chunk) {
            try {
                JsonNode node = JSON.readTree(message);
                if (node.isObject()) {
                    events.add(WorkerEvent.fromMessage(node));
                    continue;
                }
            } catch (JacksonException invalid) {
                // the legacy worker counts an error and skips it too
            }
            stats.droppedMessages.incrementAndGet();
        }
        try {
            pipeline.accept(events);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        drainer = Thread.ofPlatform().name("worker-progress-events").start(this::drain);
        checks = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("worker-legacy-watch").daemon().unstarted(r));
        long every = properties.heartbeatCheckInterval().toMillis();
        checks.scheduleWithFixedDelay(this::check, 0, every, TimeUnit.MILLISECONDS);
    }

    /** Unsubscribes, then hands what was already received to the pipeline before it stops. */
    @Override
    public void stop() {
        synchronized (this) {
            running = false;
            if (subscribed && connection != null) {
                try {
                    connection.sync().unsubscribe(channel);
                } catch (RuntimeException e) {
                    log.debug("unsubscribe failed", e);
                }
            }
            subscribed = false;
            closeConnection();
        }
        if (checks != null) {
            checks.shutdownNow();
        }
        Thread t = drainer;
        if (t != null) {
            try {
                received.put(STOP);
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            t.interrupt();
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (RuntimeException e) {
                log.debug("closing pub/sub connection failed", e);
            }
            connection = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return EventPipeline.PHASE + 1;
    }
}
