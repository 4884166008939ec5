package dev.cellmonitor.cutover.backend.core.worker;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.cellmonitor.cutover.backend.admin.status.InstructorStatusService;
import dev.cellmonitor.cutover.backend.core.events.EventData;
import dev.cellmonitor.cutover.backend.core.events.EventSink;

/**
 * The event worker: one bounded queue in front of one writer thread. Callers hand over events and, for
 * {@link #persist}, wait until their transaction committed; the writer groups whatever is waiting (up to
 * {@code max-batch-events}) into one transaction, so many small requests cost one commit. When the queue holds
 * {@code queue-capacity} events, {@link #persist} refuses at once ({@link EventSink.Saturated}) instead of letting
 * memory grow. After each commit the legacy's Redis messages and InfluxDB points go out asynchronously.
 */
@Component
public class EventPipeline implements EventSink, SmartLifecycle {

    /** Starts after and stops before Redis and the web server's shutdown: requests in flight still get stored. */
    static final int PHASE = Integer.MAX_VALUE - 4096;

    private static final Logger log = LoggerFactory.getLogger(EventPipeline.class);
    private static final long[] CONSUMER_BACKOFF_MS = {1_000, 2_000, 4_000};

    /** Events of one caller; {@code done} completes when they are committed (or failed for good). */
    private record Job(List<WorkerEvent> events, CompletableFuture<Void> done, boolean fromConsumer) {
    }

    private final BatchWriter writer;
    private final Fanout fanout;
    private final WorkerStats stats;
    private final WorkerProperties properties;
    private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final Semaphore capacity;
    private volatile boolean accepting;
    private volatile Thread thread;
    private boolean initialized;

    EventPipeline(DataSource dataSource, ErrorThreshold threshold, InstructorStatusService instructorStatus,
            Fanout fanout, WorkerStats stats, WorkerProperties properties) {
        this.writer = new BatchWriter(dataSource, threshold, instructorStatus, properties.setBasedReferenceChecks());
        this.fanout = fanout;
        this.stats = stats;
        this.properties = properties;
        this.capacity = new Semaphore(properties.queueCapacity());
    }

    @Override
    public void persist(List<EventData> events) {
        if (events.isEmpty()) {
            return;
        }
        if (!accepting) {
            throw new EventSink.Unavailable("Event worker is not running: events were not stored, retry later",
                    properties.retryAfterSeconds(), null);
        }
        if (!capacity.tryAcquire(events.size())) {
            throw new EventSink.Saturated("Event queue is full (" + properties.queueCapacity()
                    + " events waiting to be stored): retry after " + properties.retryAfterSeconds() + " s",
                    properties.retryAfterSeconds());
        }
        Job job = new Job(events.stream().map(WorkerEvent::of).toList(), new CompletableFuture<>(), false);
        queue.add(job);
        try {
            awaitStored(job);
        } catch (ExecutionException e) {
            throw new EventSink.Unavailable("Events could not be stored and were not accepted: retry later",
                    properties.retryAfterSeconds(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventSink.Unavailable("Interrupted while storing events", properties.retryAfterSeconds(), e);
        }
    }

    /** Waits for the job's commit; fails it if the writer is gone (stopped meanwhile, or died) and never took it. */
    private void awaitStored(Job job) throws ExecutionException, InterruptedException {
        while (true) {
            try {
                job.done().get(1, TimeUnit.SECONDS);
                return;
            } catch (java.util.concurrent.TimeoutException notYet) {
                Thread writer = thread;
                if ((writer == null || !writer.isAlive()) && queue.remove(job)) {
                    capacity.release(job.events().size());
                    job.done().completeExceptionally(new IllegalStateException("the event worker stopped"));
                }
            }
        }
    }

    /**
     * Events read from Redis: waits for room in the queue (the subscriber buffers meanwhile) but not for the commit.
     * A batch that fails is retried like the legacy worker retries (1 s, 2 s, 4 s), then given up and logged.
     */
    void accept(List<WorkerEvent> events) throws InterruptedException {
        if (events.isEmpty()) {
            return;
        }
        int permits = Math.min(events.size(), properties.queueCapacity());
        capacity.acquire(permits);
        queue.add(new Job(events, new CompletableFuture<>(), true));
    }

    /** Events waiting to be stored. */
    int queued() {
        return properties.queueCapacity() - capacity.availablePermits();
    }

    private void run() {
        while (accepting || !queue.isEmpty()) {
            Job first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                if (queue.isEmpty()) {
                    return;
                }
                continue;
            }
            if (first == null) {
                continue;
            }
            List<Job> group = new ArrayList<>();
            group.add(first);
            int events = first.events().size();
            while (true) {
                Job next = queue.peek();
                if (next == null || events + next.events().size() > properties.maxBatchEvents()) {
                    break;
                }
                group.add(queue.poll());
                events += next.events().size();
            }
            store(group);
        }
    }

    private void store(List<Job> group) {
        List<WorkerEvent> events = new ArrayList<>();
        for (Job job : group) {
            events.addAll(job.events());
        }
        try {
            List<BatchWriter.Outcome> outcomes = write(events);
            for (Job job : group) {
                finish(job, null);
            }
            fanout.announce(outcomes);
        } catch (SQLException | RuntimeException e) {
            if (group.size() > 1) {
                // find the job that cannot be stored; the others go in on their own
                for (Job job : group) {
                    store(List.of(job));
                }
                return;
            }
            Job job = group.getFirst();
            if (job.fromConsumer()) {
                storeWithRetries(job, e);
            } else {
                stats.failedBatches.incrementAndGet();
                log.warn("{} events not stored, the caller gets 503: {}", job.events().size(), e.toString());
                finish(job, e);
            }
        }
    }

    private void storeWithRetries(Job job, Exception first) {
        Exception last = first;
        for (long pause : CONSUMER_BACKOFF_MS) {
            try {
                Thread.sleep(pause);
                List<BatchWriter.Outcome> outcomes = write(job.events());
                finish(job, null);
                fanout.announce(outcomes);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (SQLException | RuntimeException e) {
                last = e;
            }
        }
        stats.failedBatches.incrementAndGet();
        log.error("gave up on {} events from Redis after retries: {}", job.events().size(), String.valueOf(last));
        finish(job, last);
    }

    /** One transaction; a stale cached id or a lost race gets one more try with fresh look-ups. */
    private List<BatchWriter.Outcome> write(List<WorkerEvent> events) throws SQLException {
        if (!initialized) {
            writer.initialize();
            initialized = true;
        }
        try {
            return writer.write(events);
        } catch (SQLException e) {
            String state = e.getSQLState();
            if ("23503".equals(state) || "23505".equals(state) || "40001".equals(state) || "40P01".equals(state)) {
                writer.forgetIdentities();
                return writer.write(events);
            }
            throw e;
        }
    }

    private void finish(Job job, Throwable failure) {
        capacity.release(Math.min(job.events().size(), properties.queueCapacity()));
        if (failure == null) {
            stats.processedEvents.addAndGet(job.events().size());
            job.done().complete(null);
        } else {
            job.done().completeExceptionally(failure);
        }
    }

    @Override
    public void start() {
        accepting = true;
        thread = Thread.ofPlatform().name("worker-writer").start(this::run);
    }

    /** Refuses new events, then stores everything already accepted before returning. */
    @Override
    public void stop() {
        accepting = false;
        Thread t = thread;
        if (t != null) {
            try {
                t.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
