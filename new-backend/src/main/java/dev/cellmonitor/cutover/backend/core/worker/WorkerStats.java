package dev.cellmonitor.cutover.backend.core.worker;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

import dev.cellmonitor.cutover.backend.web.LegacyTime;

/** Counters of the worker, reported in its heartbeat and in the legacy's per-message {@code notifications} health. */
@Component
class WorkerStats {

    private final long startedAt = System.nanoTime();
    final AtomicLong processedEvents = new AtomicLong();
    final AtomicLong failedBatches = new AtomicLong();
    final AtomicLong skippedWhileLegacyActive = new AtomicLong();
    final AtomicLong droppedMessages = new AtomicLong();
    volatile LocalDateTime lastHeartbeat = LegacyTime.utcNow();

    long uptimeSeconds() {
        return (System.nanoTime() - startedAt) / 1_000_000_000L;
    }

    /** The legacy worker's health object, same keys (CONTRACT.md §6.2-d). */
    Map<String, Object> health() {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", "healthy");
        health.put("uptime_seconds", uptimeSeconds());
        health.put("processed_messages", processedEvents.get());
        health.put("error_count", failedBatches.get());
        health.put("last_heartbeat", LegacyTime.naive(lastHeartbeat));
        health.put("memory_usage", memory());
        health.put("is_running", true);
        return health;
    }

    static Map<String, Object> memory() {
        MemoryMXBean bean = ManagementFactory.getMemoryMXBean();
        long used = bean.getHeapMemoryUsage().getUsed() + bean.getNonHeapMemoryUsage().getUsed();
        long max = Runtime.getRuntime().maxMemory();
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("rss_mb", round(used / 1048576.0));
        memory.put("vms_mb", round(Runtime.getRuntime().totalMemory() / 1048576.0));
        memory.put("percent", round(max > 0 ? used * 100.0 / max : 0));
        return memory;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
