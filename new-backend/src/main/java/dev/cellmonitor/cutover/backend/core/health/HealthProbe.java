package dev.cellmonitor.cutover.backend.core.health;

import java.util.Map;

/**
 * One dependency reported by {@code GET /api/v1/health}. Every capability that owns a dependency
 * (database, Redis, WebSocket registry, InfluxDB when configured) contributes a bean.
 */
public interface HealthProbe {

    /** The key under {@code services} in the legacy's health answer, e.g. {@code "postgres"}. */
    String name();

    /** The legacy-shaped entry for this service; must not throw. */
    Map<String, Object> check();

    /** Whether the entry means the service is healthy; by default its {@code status} is {@code "healthy"}. */
    default boolean healthy(Map<String, Object> entry) {
        return "healthy".equals(entry.get("status"));
    }
}
