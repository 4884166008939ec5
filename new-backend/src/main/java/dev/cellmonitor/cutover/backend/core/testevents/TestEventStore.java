package dev.cellmonitor.cutover.backend.core.testevents;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import dev.cellmonitor.cutover.backend.web.ApiException;
import dev.cellmonitor.cutover.backend.web.LegacyTime;

/**
 * The legacy's process-local test-event store: events by test id in insertion order, each stamped with a
 * naive {@code received_at}. Events older than the retention are dropped before every store and read (not
 * before a delete, as in the legacy). Unlike the legacy the store is bounded: a store that would exceed
 * {@code max-events} is refused with 507.
 */
@Component
class TestEventStore {

    private record Stored(LocalDateTime receivedAt, Map<String, Object> event) {
    }

    private final TestEventsProperties properties;
    private final Map<String, List<Stored>> byTestId = new LinkedHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private int size;

    TestEventStore(TestEventsProperties properties) {
        this.properties = properties;
    }

    int store(String testId, List<Map<String, Object>> events) {
        lock.lock();
        try {
            purgeExpired();
            if (size + events.size() > properties.maxEvents()) {
                throw new ApiException(HttpStatus.INSUFFICIENT_STORAGE, "Test event store is full: it holds " + size
                        + " of at most " + properties.maxEvents() + " events; events expire after "
                        + properties.retention().toMinutes() + " minutes or can be cleared per test_id");
            }
            for (Map<String, Object> event : events) {
                LocalDateTime now = LegacyTime.utcNow();
                Map<String, Object> stored = new LinkedHashMap<>(event);
                stored.put("received_at", LegacyTime.naive(now));
                byTestId.computeIfAbsent(testId, id -> new ArrayList<>()).add(new Stored(now, stored));
                size++;
            }
            return events.size();
        } finally {
            lock.unlock();
        }
    }

    List<Map<String, Object>> events(String testId) {
        lock.lock();
        try {
            purgeExpired();
            return byTestId.getOrDefault(testId, List.of()).stream().map(Stored::event).toList();
        } finally {
            lock.unlock();
        }
    }

    List<String> testIds() {
        lock.lock();
        try {
            purgeExpired();
            return List.copyOf(byTestId.keySet());
        } finally {
            lock.unlock();
        }
    }

    /** Removes a test id's events and returns how many there were; 404 when the id holds none. */
    int clear(String testId) {
        lock.lock();
        try {
            List<Stored> removed = byTestId.remove(testId);
            if (removed == null) {
                throw ApiException.notFound("No events found for test_id: " + testId);
            }
            size -= removed.size();
            return removed.size();
        } finally {
            lock.unlock();
        }
    }

    private void purgeExpired() {
        LocalDateTime cutoff = LegacyTime.utcNow().minus(properties.retention());
        var ids = byTestId.entrySet().iterator();
        while (ids.hasNext()) {
            List<Stored> events = ids.next().getValue();
            int before = events.size();
            events.removeIf(e -> !e.receivedAt().isAfter(cutoff));
            size -= before - events.size();
            if (events.isEmpty()) {
                ids.remove();
            }
        }
    }
}
