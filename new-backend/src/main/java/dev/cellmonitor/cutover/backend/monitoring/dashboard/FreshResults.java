package dev.cellmonitor.cutover.backend.monitoring.dashboard;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Request coalescing without staleness: callers asking for the same key while a computation runs wait for it
 * to end, and then share one new computation, never a result that began before they asked. With many
 * instructors polling the overview, the database answers each burst once instead of once per request.
 */
final class FreshResults<K, V> {

    private static final class Slot<V> {
        final ReentrantLock lock = new ReentrantLock(true);
        final AtomicLong tickets = new AtomicLong();
        long coveredUpTo = -1;
        V value;
    }

    private final Map<K, Slot<V>> slots = new ConcurrentHashMap<>();

    V get(K key, Supplier<V> compute) {
        Slot<V> slot = slots.computeIfAbsent(key, k -> new Slot<>());
        long ticket = slot.tickets.incrementAndGet();
        slot.lock.lock();
        try {
            if (slot.coveredUpTo >= ticket) {
                return slot.value;
            }
            // every caller that has a ticket by now asked before this computation starts
            long covered = slot.tickets.get();
            V value = compute.get();
            slot.value = value;
            slot.coveredUpTo = covered;
            return value;
        } finally {
            slot.lock.unlock();
        }
    }
}
