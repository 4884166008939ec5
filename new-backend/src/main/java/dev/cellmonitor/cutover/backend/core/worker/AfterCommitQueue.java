package dev.cellmonitor.cutover.backend.core.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Work that follows a commit (Redis messages, InfluxDB points), done on its own thread from a bounded queue so the
 * writer never waits for it: when the queue is full, new work is dropped (and counted) rather than held. Items that
 * wait together are handled together. On stop, what is queued still goes out, briefly.
 */
abstract class AfterCommitQueue<T> implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AfterCommitQueue.class);
    private static final int CAPACITY = 1_000;
    private static final int DRAIN = 50;

    private final String name;
    private final BlockingQueue<Object> pending = new ArrayBlockingQueue<>(CAPACITY);
    private final Object stop = new Object();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile Thread thread;

    AfterCommitQueue(String name) {
        this.name = name;
    }

    /** Handles items that waited together; runs on this queue's thread. */
    abstract void handle(List<T> items);

    /** Called with an item that did not fit. */
    abstract void dropped(T item);

    /** Whether this queue should run at all. */
    boolean enabled() {
        return true;
    }

    void offer(T item) {
        inFlight.incrementAndGet();
        if (!pending.offer(item)) {
            inFlight.decrementAndGet();
            log.warn("{} is {} items behind: dropping one", name, CAPACITY);
            dropped(item);
        }
    }

    /** True once everything offered so far was handled (or given up). */
    boolean idle() {
        return inFlight.get() == 0;
    }

    @SuppressWarnings("unchecked")
    private void run() {
        while (true) {
            Object first;
            try {
                first = pending.take();
            } catch (InterruptedException e) {
                return;
            }
            List<Object> taken = new ArrayList<>();
            taken.add(first);
            pending.drainTo(taken, DRAIN);
            boolean stopping = taken.remove(stop);
            List<T> items = new ArrayList<>(taken.size());
            taken.forEach(o -> items.add((T) o));
            try {
                if (!items.isEmpty()) {
                    handle(items);
                }
            } catch (RuntimeException e) {
                log.warn("{} failed: {}", name, e.toString());
            } finally {
                inFlight.addAndGet(-items.size());
            }
            if (stopping) {
                return;
            }
        }
    }

    @Override
    public void start() {
        if (enabled()) {
            thread = Thread.ofPlatform().name(name).daemon().start(this::run);
        }
    }

    @Override
    public void stop() {
        Thread t = thread;
        thread = null;
        if (t == null) {
            return;
        }
        try {
            if (pending.offer(stop, 2, TimeUnit.SECONDS)) {
                t.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        t.interrupt();
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    /** Stops after the pipeline, which still hands over work while it drains. */
    @Override
    public int getPhase() {
        return EventPipeline.PHASE - 1;
    }
}
