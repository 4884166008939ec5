package dev.cellmonitor.cutover.backend.core.offline;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * The legacy's process-local offline queue (capacity 1000, priorities 1..3, five attempts per event).
 *
 * <p>As in the legacy, "sending" an event is a mock with no downstream receiver: while the server is online an
 * event that is not force-queued is sent at once and not stored, and a sync attempts every queued event but
 * keeps it queued, so the queue is the only copy of what clients handed in until they clear it. Unlike the
 * legacy the mock fails only at the configured rate (default never, the legacy 10 % at random), a failed
 * immediate send queues the event instead of dropping it, and events that exhaust their attempts move to the
 * failed list instead of vanishing.
 *
 * <p>A sync runs under the queue lock and takes no pauses, so no request ever observes one in progress.
 */
@Component
class OfflineQueue {

    static final int CAPACITY = 1000;
    static final int MAX_ATTEMPTS = 5;
    private static final Duration LOW_PRIORITY_RETENTION = Duration.ofDays(7);
    private static final Logger log = LoggerFactory.getLogger(OfflineQueue.class);

    private final OfflineProperties properties;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<QueuedEvent> queue = new ArrayList<>();
    private final List<QueuedEvent> failed = new ArrayList<>();
    private boolean online = true;

    @Autowired
    OfflineQueue(OfflineProperties properties) {
        this(properties, Clock.systemUTC());
    }

    OfflineQueue(OfflineProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** Queues (or, online and unforced, sends) one event; returns its queue id. */
    String enqueue(JsonNode eventData, int priority, boolean force) {
        QueuedEvent event = QueuedEvent.of(eventData, priority, now());
        lock.lock();
        try {
            if (queue.size() >= CAPACITY) {
                LocalDateTime cutoff = now().minus(LOW_PRIORITY_RETENTION);
                queue.removeIf(e -> e.priority >= 3 && e.createdAt.isBefore(cutoff));
                if (queue.size() >= CAPACITY) {
                    throw new QueuedEvent.InvalidEvent("507: Offline queue is full. Cannot store more events.");
                }
            }
            if (online && !force) {
                if (send()) {
                    return event.queueId;
                }
                online = false;
            }
            queue.add(event);
            return event.queueId;
        } finally {
            lock.unlock();
        }
    }

    boolean isEmpty() {
        lock.lock();
        try {
            return queue.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** One pass over the queue by priority, with exponential back-off between attempts of an event. */
    Map<String, Object> sync() {
        long started = System.nanoTime();
        int successful = 0;
        int failedSends = 0;
        int skipped = 0;
        int total;
        lock.lock();
        try {
            total = queue.size();
            LocalDateTime now = now();
            for (QueuedEvent event : queue.stream().sorted(Comparator.comparingInt(e -> e.priority)).toList()) {
                if (event.lastRetryAt != null
                        && now.isBefore(event.lastRetryAt.plusSeconds(1L << event.retryCount))) {
                    skipped++;
                } else if (send()) {
                    successful++;
                } else {
                    event.retryCount++;
                    event.lastRetryAt = now;
                    failedSends++;
                }
            }
            List<QueuedEvent> exhausted = queue.stream().filter(e -> e.retryCount >= MAX_ATTEMPTS).toList();
            queue.removeAll(exhausted);
            failed.addAll(exhausted);
            while (failed.size() > properties.maxFailedEvents()) {
                QueuedEvent dropped = failed.removeFirst();
                log.warn("offline failed-event list full: dropping {} ({})", dropped.queueId, dropped.eventType);
            }
            if (successful > 0) {
                online = true;
            }
        } finally {
            lock.unlock();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("total_events", total);
        result.put("successful_syncs", successful);
        result.put("failed_syncs", failedSends);
        result.put("skipped_events", skipped);
        result.put("sync_duration_ms", (int) ((System.nanoTime() - started) / 1_000_000));
        return result;
    }

    /** The legacy's queue status object. */
    Map<String, Object> status() {
        lock.lock();
        try {
            Map<String, Integer> byPriority = new LinkedHashMap<>();
            byPriority.put("1", 0);
            byPriority.put("2", 0);
            byPriority.put("3", 0);
            queue.forEach(e -> byPriority.merge(Integer.toString(e.priority), 1, Integer::sum));
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("is_online", online);
            status.put("sync_in_progress", false);
            status.put("total_queued_events", queue.size());
            status.put("failed_events", failed.size());
            status.put("priority_breakdown", byPriority);
            status.put("queue_capacity_used", queue.size() / (double) CAPACITY);
            status.put("last_sync_attempt", null);
            return status;
        } finally {
            lock.unlock();
        }
    }

    /** Empties the queue and the failed list; returns how many of each there were. */
    int[] clear() {
        lock.lock();
        try {
            int[] cleared = {queue.size(), failed.size()};
            queue.clear();
            failed.clear();
            return cleared;
        } finally {
            lock.unlock();
        }
    }

    List<Map<String, Object>> failedEvents() {
        lock.lock();
        try {
            return failed.stream().map(QueuedEvent::describe).toList();
        } finally {
            lock.unlock();
        }
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private boolean send() {
        return ThreadLocalRandom.current().nextDouble() >= properties.mockFailureRate();
    }
}
