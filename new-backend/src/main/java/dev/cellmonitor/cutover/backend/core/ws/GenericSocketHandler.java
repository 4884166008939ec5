package dev.cellmonitor.cutover.backend.core.ws;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.util.UriComponentsBuilder;

import dev.cellmonitor.cutover.backend.monitoring.sockets.Connection;
import dev.cellmonitor.cutover.backend.monitoring.sockets.Delivery;
import dev.cellmonitor.cutover.backend.monitoring.sockets.InboundJson;
import dev.cellmonitor.cutover.backend.monitoring.sockets.SocketEndpoints;
import dev.cellmonitor.cutover.backend.monitoring.sockets.SocketKind;
import dev.cellmonitor.cutover.backend.monitoring.sockets.SocketRegistry;
import dev.cellmonitor.cutover.backend.web.LegacyTime;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@code WS /api/v1/v1/ws/{client_id}?room=default} (CONTRACT §4.2): a student socket in a room. Ping, room
 * broadcasts of progress updates and plain text, and the status request. Room broadcasts reach the room on
 * every replica. A second socket with the same client id replaces the first (the legacy closed both), and a
 * status request is answered (the legacy closed the socket on an unserialisable date).
 */
@Component
class GenericSocketHandler extends TextWebSocketHandler implements WebSocketConfigurer {

    static final String PATH = "/api/v1/v1/ws/*";
    private static final String CONNECTION = "connection";

    private final SocketRegistry registry;

    GenericSocketHandler(SocketRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry handlers) {
        SocketEndpoints.register(handlers, this, PATH);
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        String path = session.getUri().getRawPath();
        String clientId = java.net.URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1).replace("+", "%2B"),
                java.nio.charset.StandardCharsets.UTF_8);
        String room = UriComponentsBuilder.fromUri(session.getUri()).build().getQueryParams().getFirst("room");
        room = room == null ? "default" : java.net.URLDecoder.decode(room, java.nio.charset.StandardCharsets.UTF_8);
        Connection connection = registry.register(session, SocketKind.STUDENT, clientId, room, null, null);
        session.getAttributes().put(CONNECTION, connection);
        Map<String, Object> welcome = new LinkedHashMap<>();
        welcome.put("type", "connection_established");
        welcome.put("client_id", clientId);
        welcome.put("client_type", "student");
        welcome.put("connected_at", LegacyTime.offsetTime(connection.connectedAt()));
        welcome.put("message", "Student connection established successfully");
        registry.sendUnified(connection, welcome);
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        Connection connection = (Connection) session.getAttributes().get(CONNECTION);
        String text = message.getPayload();
        JsonNode parsed = InboundJson.parse(text).orElse(null);
        if (parsed == null) {
            Map<String, Object> broadcast = new LinkedHashMap<>();
            broadcast.put("type", "text_message");
            broadcast.put("from_client", connection.clientId());
            broadcast.put("message", text);
            broadcast.put("room", connection.room());
            broadcast.put("timestamp", now());
            registry.publish(Delivery.toRoom(connection.room(), registry.tree(broadcast)));
            return;
        }
        if (!parsed.isObject()) {
            // the legacy fails on .get() of a non-object and drops the socket
            registry.close(connection, CloseStatus.NORMAL);
            return;
        }
        JsonNode type = parsed.get("type");
        String kind = type != null && type.isString() ? type.stringValue() : "";
        switch (kind) {
            case "ping" -> {
                Map<String, Object> pong = new LinkedHashMap<>();
                pong.put("type", "pong");
                pong.put("timestamp", now());
                registry.sendUnified(connection, pong);
            }
            case "progress_update" -> {
                Map<String, Object> broadcast = new LinkedHashMap<>();
                broadcast.put("type", "progress_broadcast");
                broadcast.put("from_client", connection.clientId());
                broadcast.put("data", parsed.has("data") ? parsed.get("data") : JsonNodeFactory.instance.objectNode());
                broadcast.put("timestamp", now());
                registry.publish(Delivery.toRoom(connection.room(), registry.tree(broadcast)));
            }
            case "status_request" -> {
                Map<String, Object> status = new LinkedHashMap<>();
                status.put("type", "status_response");
                status.put("stats", registry.unifiedStats());
                status.put("timestamp", now());
                registry.sendUnified(connection, status);
            }
            default -> {
                // join_room and unknown types: the legacy answers nothing and keeps the room
            }
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        registry.unregister((Connection) session.getAttributes().get(CONNECTION));
    }

    private static String now() {
        return LegacyTime.naive(LegacyTime.utcNow());
    }
}
