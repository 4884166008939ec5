package dev.cellmonitor.cutover.backend.core.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.stereotype.Component;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;

/**
 * Publishes the worker's Redis messages after their events are committed, on its own thread and connection, many
 * per round trip. Ingestion never waits for Redis: when Redis is slow or down, whole batches of messages are
 * dropped (counted and logged) instead of holding events back, as the messages are notifications, not data.
 */
@Component
class Fanout implements SmartLifecycle {

    record Publication(String channel, String payload) {
    }

    private static final Logger log = LoggerFactory.getLogger(Fanout.class);
    private static final int MAX_PENDING_BATCHES = 1_000;
    private static final List<Publication> STOP = List.of();

    private final LettuceConnectionFactory factory;
    private final BlockingQueue<List<Publication>> pending = new ArrayBlockingQueue<>(MAX_PENDING_BATCHES);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final WorkerStats stats;
    private volatile Thread thread;
    private StatefulRedisConnection<String, String> connection;

    Fanout(LettuceConnectionFactory factory, WorkerStats stats) {
        this.factory = factory;
        this.stats = stats;
    }

    void publish(List<Publication> publications) {
        if (publications.isEmpty()) {
            return;
        }
        inFlight.incrementAndGet();
        if (!pending.offer(publications)) {
            inFlight.decrementAndGet();
            stats.droppedMessages.addAndGet(publications.size());
            log.warn("Redis fan-out is {} batches behind: dropped {} messages", MAX_PENDING_BATCHES, publications.size());
        }
    }

    /** True once everything handed over so far was sent (or given up). */
    boolean idle() {
        return inFlight.get() == 0;
    }

    private void run() {
        while (true) {
            List<Publication> first;
            try {
                first = pending.take();
            } catch (InterruptedException e) {
                return;
            }
            if (first == STOP) {
                return;
            }
            List<List<Publication>> batches = new ArrayList<>();
            batches.add(first);
            pending.drainTo(batches, 50);
            boolean stop = batches.remove(STOP);
            try {
                send(batches);
            } catch (RuntimeException e) {
                int lost = batches.stream().mapToInt(List::size).sum();
                stats.droppedMessages.addAndGet(lost);
                log.warn("Redis fan-out failed, {} messages not published: {}", lost, e.toString());
                closeConnection();
            } finally {
                inFlight.addAndGet(-batches.size());
            }
            if (stop) {
                return;
            }
        }
    }

    private void send(List<List<Publication>> batches) {
        if (connection == null || !connection.isOpen()) {
            connection = ((RedisClient) factory.getRequiredNativeClient()).connect(StringCodec.UTF8);
            connection.setAutoFlushCommands(false);
        }
        List<RedisFuture<Long>> futures = new ArrayList<>();
        for (List<Publication> batch : batches) {
            for (Publication p : batch) {
                futures.add(connection.async().publish(p.channel(), p.payload()));
            }
        }
        connection.flushCommands();
        if (!LettuceFutures.awaitAll(Duration.ofSeconds(5), futures.toArray(new RedisFuture[0]))) {
            throw new IllegalStateException("Redis did not confirm " + futures.size() + " publications within 5 s");
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (RuntimeException e) {
                log.debug("closing Redis connection failed", e);
            }
            connection = null;
        }
    }

    @Override
    public void start() {
        thread = Thread.ofPlatform().name("worker-fanout").daemon().start(this::run);
    }

    @Override
    public void stop() {
        Thread t = thread;
        thread = null;
        if (t == null) {
            return;
        }
        try {
            // let queued messages go out, briefly
            if (!pending.offer(STOP, 2, TimeUnit.SECONDS)) {
                t.interrupt();
            }
            t.join(3_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        t.interrupt();
        closeConnection();
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    /** Stops after the pipeline (which still hands over messages while it drains). */
    @Override
    public int getPhase() {
        return EventPipeline.PHASE - 1;
    }
}
