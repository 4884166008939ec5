package dev.cellmonitor.cutover.backend.monitoring.sockets;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.cellmonitor.cutover.backend.core.health.HealthProbe;

/**
 * The {@code websocket} entry of {@code GET /api/v1/health}, in the legacy's shape, with the true counts of
 * this replica's registry (the legacy reported a registry nothing ever joined, so always 0).
 */
@Component
class WebSocketHealthProbe implements HealthProbe {

    private final SocketRegistry registry;

    WebSocketHealthProbe(SocketRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String name() {
        return "websocket";
    }

    @Override
    public Map<String, Object> check() {
        SocketRegistry.Stats stats = registry.stats();
        int total = stats.total();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("status", total > registry.properties().warningConnections() ? "warning" : "healthy");
        entry.put("message", "WebSocket connections: " + total);
        entry.put("total_connections", total);
        entry.put("rooms", stats.rooms());
        entry.put("response_time_ms", "< 10");
        return entry;
    }

    /** Many sockets is a warning, not an outage: the service keeps answering. */
    @Override
    public boolean healthy(Map<String, Object> entry) {
        Object status = entry.get("status");
        return "healthy".equals(status) || "warning".equals(status);
    }
}
