package dev.cellmonitor.cutover.backend.monitoring.dashboard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import dev.cellmonitor.cutover.backend.monitoring.sockets.Connection;
import dev.cellmonitor.cutover.backend.monitoring.sockets.Delivery;
import dev.cellmonitor.cutover.backend.monitoring.sockets.InboundJson;
import dev.cellmonitor.cutover.backend.monitoring.sockets.SocketEndpoints;
import dev.cellmonitor.cutover.backend.monitoring.sockets.SocketKind;
import dev.cellmonitor.cutover.backend.monitoring.sockets.SocketRegistry;
import dev.cellmonitor.cutover.backend.redis.RedisNames;
import dev.cellmonitor.cutover.backend.web.LegacyTime;
import tools.jackson.databind.JsonNode;

/**
 * {@code WS /api/v1/dashboard/ws/dashboard} and its status route (CONTRACT §4.3, §2.20). Every message of
 * Redis {@code dashboard_updates} reaches every dashboard socket of this replica as
 * {@code {"type": "progress_update", "data": ...}} through the replica's one subscription (the legacy opened one
 * per socket); every replica receives the channel itself.
 */
@Component
@RestController
class DashboardSocket extends TextWebSocketHandler implements WebSocketConfigurer {

    private static final String CONNECTION = "connection";
    private final SocketRegistry registry;

    DashboardSocket(SocketRegistry registry) {
        this.registry = registry;
        registry.subscribe(RedisNames.DASHBOARD_UPDATES, this::forward);
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry handlers) {
        SocketEndpoints.register(handlers, this, "/api/v1/dashboard/ws/dashboard");
    }

    private void forward(String payload) {
        if (!registry.hasOpen(SocketKind.DASHBOARD)) {
            // every processed execution arrives here: with no dashboard open on this replica, skip the parse
            return;
        }
        InboundJson.parse(payload).ifPresent(update -> {
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("type", "progress_update");
            message.put("data", update);
            registry.deliverLocally(Delivery.toKind(SocketKind.DASHBOARD, registry.tree(message)));
        });
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        Connection connection = registry.register(session, SocketKind.DASHBOARD, registry.nextDashboardId(),
                "dashboard", null, null);
        session.getAttributes().put(CONNECTION, connection);
        // the legacy's welcome goes through the dashboard filter, which drops it: nothing is sent on connect
        Map<String, Object> welcome = new LinkedHashMap<>();
        welcome.put("type", "connection_established");
        welcome.put("client_id", connection.clientId());
        welcome.put("client_type", "dashboard");
        welcome.put("connected_at", LegacyTime.offsetTime(connection.connectedAt()));
        welcome.put("message", "Dashboard connection established successfully");
        registry.sendUnified(connection, welcome);
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        Connection connection = (Connection) session.getAttributes().get(CONNECTION);
        JsonNode parsed = InboundJson.parse(message.getPayload()).orElse(null);
        if (parsed == null || !parsed.isObject() || !parsed.has("type") || !parsed.get("type").isString()) {
            return;
        }
        switch (parsed.get("type").stringValue()) {
            case "ping" -> registry.send(connection, Map.of("type", "pong"));
            case "refresh_request" -> {
                Map<String, Object> refresh = new LinkedHashMap<>();
                refresh.put("type", "refresh_required");
                refresh.put("message", "Please refresh dashboard data");
                registry.send(connection, refresh);
            }
            default -> {
                // other types are ignored, as in the legacy
            }
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        registry.unregister((Connection) session.getAttributes().get(CONNECTION));
    }

    /** {@code GET /api/v1/dashboard/ws/dashboard/status}: the open sockets of this replica. */
    @GetMapping("/api/v1/dashboard/ws/dashboard/status")
    Map<String, Object> status() {
        SocketRegistry.Stats stats = registry.stats();
        List<Connection> dashboards = registry.connections(SocketKind.DASHBOARD);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("connected_clients", dashboards.size());
        body.put("connection_ids", dashboards.stream().map(Connection::clientId).toList());
        body.put("total_system_connections", stats.unifiedTotal());
        body.put("connections_by_type", stats.unifiedByType());
        body.put("dashboard_connections", dashboards.stream().map(registry::describe).toList());
        return body;
    }
}
