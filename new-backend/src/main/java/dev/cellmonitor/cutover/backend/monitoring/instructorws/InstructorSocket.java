package dev.cellmonitor.cutover.backend.monitoring.instructorws;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

import dev.cellmonitor.cutover.backend.admin.auth.JwtTokens;
import dev.cellmonitor.cutover.backend.admin.status.InstructorStatus;
import dev.cellmonitor.cutover.backend.admin.status.InstructorStatusService;
import dev.cellmonitor.cutover.backend.monitoring.sockets.Connection;
import dev.cellmonitor.cutover.backend.monitoring.sockets.Delivery;
import dev.cellmonitor.cutover.backend.monitoring.sockets.InboundJson;
import dev.cellmonitor.cutover.backend.monitoring.sockets.SocketEndpoints;
import dev.cellmonitor.cutover.backend.monitoring.sockets.SocketKind;
import dev.cellmonitor.cutover.backend.monitoring.sockets.SocketRegistry;
import dev.cellmonitor.cutover.backend.web.ApiException;
import dev.cellmonitor.cutover.backend.web.LegacyTime;
import dev.cellmonitor.cutover.backend.web.PythonRepr;
import tools.jackson.databind.JsonNode;

/**
 * {@code WS /api/v1/instructor/ws/instructor/{instructor_id}?token=<JWT>} and its status route (CONTRACT §4.4,
 * §2.20). The token is checked at the handshake: a bad, expired or missing token, an unknown or inactive
 * instructor, or another instructor's id is refused with 403 before the upgrade, as the legacy does. Status
 * updates go through the admin group's {@link InstructorStatusService} (history rows, one transaction) and are
 * announced to the instructor sockets of every replica.
 * Unlike the legacy, a second socket of the same instructor does not silence the first: both stay open and
 * each gets its own replies.
 */
@Component
@RestController
class InstructorSocket extends TextWebSocketHandler implements WebSocketConfigurer {

    private static final String CONNECTION = "connection";
    private static final String INSTRUCTOR_ID = "instructorId";
    private static final String EMAIL = "email";

    private final SocketRegistry registry;
    private final JwtTokens tokens;
    private final JdbcTemplate jdbc;
    private final InstructorStatusService statuses;

    InstructorSocket(SocketRegistry registry, JwtTokens tokens, JdbcTemplate jdbc, InstructorStatusService statuses) {
        this.registry = registry;
        this.tokens = tokens;
        this.jdbc = jdbc;
        this.statuses = statuses;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry handlers) {
        SocketEndpoints.register(handlers, this, "/api/v1/instructor/ws/instructor/*", new TokenCheck());
    }

    /** Refuses the upgrade with 403 and an empty body unless the token belongs to the active instructor of the path. */
    private final class TokenCheck implements HandshakeInterceptor {

        @Override
        public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                       Map<String, Object> attributes) {
            Optional<Integer> id = parseId(SocketEndpoints.lastSegment(request));
            String token = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams().getFirst("token");
            Optional<String> email = token == null ? Optional.empty()
                    : tokens.subject(java.net.URLDecoder.decode(token, java.nio.charset.StandardCharsets.UTF_8));
            Optional<Integer> instructor = email.flatMap(e -> jdbc.query(
                    "SELECT id FROM instructors WHERE email = ? AND coalesce(is_active, false)",
                    (rs, n) -> rs.getInt(1), e).stream().findFirst());
            if (id.isEmpty() || instructor.isEmpty() || !instructor.get().equals(id.get())) {
                response.setStatusCode(HttpStatus.FORBIDDEN);
                return false;
            }
            attributes.put(INSTRUCTOR_ID, id.get());
            attributes.put(EMAIL, email.get());
            return true;
        }

        @Override
        public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Exception exception) {
        }
    }

    /** The legacy's {@code int} path parameter: optional sign and surrounding blanks allowed. */
    static Optional<Integer> parseId(String raw) {
        try {
            return Optional.of(Integer.parseInt(raw.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        int instructorId = (Integer) session.getAttributes().get(INSTRUCTOR_ID);
        Connection connection = registry.register(session, SocketKind.INSTRUCTOR, String.valueOf(instructorId), null,
                null, (String) session.getAttributes().get(EMAIL));
        session.getAttributes().put(CONNECTION, connection);
        Map<String, Object> welcome = new LinkedHashMap<>();
        welcome.put("type", "connection_success");
        welcome.put("instructor_id", instructorId);
        welcome.put("connected_at", now());
        welcome.put("message", "講師WebSocket接続が確立されました");
        registry.send(connection, welcome);
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage text) {
        Connection connection = (Connection) session.getAttributes().get(CONNECTION);
        int instructorId = (Integer) session.getAttributes().get(INSTRUCTOR_ID);
        JsonNode message = InboundJson.parse(text.getPayload()).orElse(null);
        if (message == null || !message.isObject()) {
            // the legacy fails on this frame and closes with 4000 (keeping a stale registry entry; not here)
            registry.close(connection, new CloseStatus(4000, "Internal server error"));
            return;
        }
        JsonNode type = message.get("type");
        String kind = type != null && type.isString() ? type.stringValue() : null;
        if (kind == null) {
            error(connection, "Unknown message type: " + PythonRepr.str(type));
            return;
        }
        switch (kind) {
            case "status_update" -> statusUpdate(connection, instructorId, message);
            case "student_message" -> registry.send(connection, echo("student_message_received", message, "received_at"));
            case "instructor_reply" -> registry.send(connection, echo("reply_sent", message, "sent_at"));
            case "instructor_to_instructor" -> toInstructor(instructorId, message);
            default -> error(connection, "Unknown message type: " + kind);
        }
    }

    private void statusUpdate(Connection connection, int instructorId, JsonNode message) {
        JsonNode status = message.get("status");
        JsonNode session = message.get("session_id");
        Optional<InstructorStatus> newStatus = status != null && status.isString()
                ? InstructorStatus.fromValue(status.stringValue()) : Optional.empty();
        if (newStatus.isEmpty()) {
            error(connection, "Invalid status: " + PythonRepr.str(status));
            return;
        }
        Integer sessionId;
        try {
            sessionId = sessionId(session);
        } catch (IllegalArgumentException e) {
            error(connection, "Status update failed: " + e.getMessage());
            return;
        }
        try {
            statuses.changeStatus(instructorId, newStatus.get(), sessionId);
        } catch (ApiException e) {
            error(connection, "Status update failed: " + e.detail());
            return;
        } catch (DataAccessException e) {
            error(connection, "Status update failed: " + e.getMostSpecificCause().getMessage());
            return;
        }
        registry.send(connection, statusMessage("status_updated", instructorId, status, session));
        registry.publish(Delivery.toKind(SocketKind.INSTRUCTOR,
                registry.tree(statusMessage("instructor_status_changed", instructorId, status, session))));
    }

    /** Pydantic's lax {@code Optional[int]}: null, integers, integral floats and numeric strings. */
    private static Integer sessionId(JsonNode session) {
        if (session == null || session.isNull()) {
            return null;
        }
        if (session.isIntegralNumber() && session.canConvertToInt()) {
            return session.intValue();
        }
        if (session.isFloatingPointNumber() && session.doubleValue() == Math.rint(session.doubleValue())) {
            return (int) session.doubleValue();
        }
        if (session.isString()) {
            try {
                return Integer.parseInt(session.stringValue().strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("current_session_id: Input should be a valid integer, unable to parse string as an integer");
            }
        }
        throw new IllegalArgumentException("current_session_id: Input should be a valid integer");
    }

    private static Map<String, Object> statusMessage(String type, int instructorId, JsonNode status, JsonNode session) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("instructor_id", instructorId);
        body.put("status", status);
        body.put("session_id", session);
        body.put("updated_at", now());
        return body;
    }

    private static Map<String, Object> echo(String type, JsonNode message, String stampName) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("student_id", message.get("student_id"));
        body.put("message", message.get("message"));
        body.put("timestamp", message.has("timestamp") ? message.get("timestamp") : now());
        body.put(stampName, now());
        return body;
    }

    /** To the target instructor's sockets, on any replica; the legacy looked the target up by integer id. */
    private void toInstructor(int instructorId, JsonNode message) {
        JsonNode target = message.get("target_instructor_id");
        Long targetId = null;
        if (target != null && target.isBoolean()) {
            targetId = target.booleanValue() ? 1L : 0L;
        } else if (target != null && target.isNumber() && target.doubleValue() == Math.rint(target.doubleValue())) {
            targetId = target.asLong();
        }
        if (targetId == null || targetId == 0) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "instructor_message_received");
        body.put("from_instructor_id", instructorId);
        body.put("message", message.get("message"));
        body.put("timestamp", message.has("timestamp") ? message.get("timestamp") : now());
        body.put("received_at", now());
        registry.publish(Delivery.toClient(SocketKind.INSTRUCTOR, String.valueOf(targetId), registry.tree(body)));
    }

    private void error(Connection connection, String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "error");
        body.put("message", text);
        registry.send(connection, body);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        registry.unregister((Connection) session.getAttributes().get(CONNECTION));
    }

    /** {@code GET /api/v1/instructor/ws/instructor/status}: connected instructors of this replica. */
    @GetMapping("/api/v1/instructor/ws/instructor/status")
    Map<String, Object> status() {
        Map<String, Object> connected = new LinkedHashMap<>();
        List<Connection> sockets = registry.connections(SocketKind.INSTRUCTOR);
        for (Connection c : sockets) {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("email", c.email());
            info.put("connected_at", LegacyTime.offsetTime(c.connectedAt()));
            info.put("status", "AVAILABLE");
            connected.put(c.clientId(), info);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("connected_instructors", connected);
        body.put("total_connections", connected.size());
        return body;
    }

    private static String now() {
        return LegacyTime.offsetTime(java.time.Instant.now());
    }
}
