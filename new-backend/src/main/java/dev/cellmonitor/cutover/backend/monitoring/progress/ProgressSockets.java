package dev.cellmonitor.cutover.backend.monitoring.progress;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import dev.cellmonitor.cutover.backend.monitoring.sockets.Connection;
import dev.cellmonitor.cutover.backend.monitoring.sockets.InboundJson;
import dev.cellmonitor.cutover.backend.monitoring.sockets.SocketEndpoints;
import dev.cellmonitor.cutover.backend.monitoring.sockets.SocketKind;
import dev.cellmonitor.cutover.backend.monitoring.sockets.SocketRegistry;
import dev.cellmonitor.cutover.backend.web.PythonRepr;
import tools.jackson.databind.JsonNode;

/**
 * The two realtime-progress sockets (CONTRACT §4.5): {@code /api/v1/v1/progress/ws/student/{user_id}} and
 * {@code /api/v1/v1/progress/ws/instructor}. Their initial data is sent (the legacy failed on its dates and
 * closed them), their request types are answered, and progress updates and notifications reach them.
 */
@Component
class ProgressSockets implements WebSocketConfigurer {

    private static final String CONNECTION = "connection";

    private final SocketRegistry registry;
    private final RealtimeProgress progress;

    ProgressSockets(SocketRegistry registry, RealtimeProgress progress) {
        this.registry = registry;
        this.progress = progress;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry handlers) {
        SocketEndpoints.register(handlers, new StudentHandler(), "/api/v1/v1/progress/ws/student/*");
        SocketEndpoints.register(handlers, new InstructorHandler(), "/api/v1/v1/progress/ws/instructor");
    }

    private static Map<String, Object> message(String type, Object data) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", type);
        message.put("data", data);
        return message;
    }

    /** Starlette's {@code receive_json} and {@code message.get}: the request, or the error text the legacy sends back. */
    private Optional<JsonNode> read(Connection connection, String text) {
        String error = InboundJson.pythonError(text);
        if (error == null) {
            JsonNode parsed = InboundJson.parse(text).orElse(null);
            if (parsed != null && parsed.isObject()) {
                return Optional.of(parsed);
            }
            error = "'" + PythonRepr.typeName(parsed) + "' object has no attribute 'get'";
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("type", "error");
        reply.put("message", "Error processing message: " + error);
        registry.send(connection, reply);
        return Optional.empty();
    }

    private static String type(JsonNode request) {
        JsonNode type = request.get("type");
        return type != null && type.isString() ? type.stringValue() : "";
    }

    private abstract class Handler extends TextWebSocketHandler {

        @Override
        public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
            registry.unregister((Connection) session.getAttributes().get(CONNECTION));
        }
    }

    private final class StudentHandler extends Handler {

        @Override
        public void afterConnectionEstablished(WebSocketSession session) {
            String path = session.getUri().getRawPath();
            String userId = java.net.URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1).replace("+", "%2B"),
                    java.nio.charset.StandardCharsets.UTF_8);
            Connection connection = registry.register(session, SocketKind.PROGRESS_STUDENT, userId, null, userId, null);
            session.getAttributes().put(CONNECTION, connection);
            progress.student(userId).ifPresent(summary -> registry.send(connection, message("initial_progress", summary)));
        }

        @Override
        protected void handleTextMessage(WebSocketSession session, TextMessage text) {
            Connection connection = (Connection) session.getAttributes().get(CONNECTION);
            read(connection, text.getPayload()).ifPresent(request -> {
                switch (type(request)) {
                    case "ping" -> registry.send(connection, Map.of("type", "pong"));
                    case "get_progress" -> progress.student(connection.clientId())
                            .ifPresent(summary -> registry.send(connection, message("progress_update", summary)));
                    default -> {
                        // other types are ignored
                    }
                }
            });
        }
    }

    private final class InstructorHandler extends Handler {

        @Override
        public void afterConnectionEstablished(WebSocketSession session) {
            Connection connection = registry.register(session, SocketKind.PROGRESS_INSTRUCTOR, "instructor", null, null, null);
            session.getAttributes().put(CONNECTION, connection);
            registry.send(connection, message("initial_data", everything()));
        }

        private Map<String, Object> everything() {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("students_progress", progress.allSummaries());
            data.put("stats", progress.counters());
            return data;
        }

        @Override
        protected void handleTextMessage(WebSocketSession session, TextMessage text) {
            Connection connection = (Connection) session.getAttributes().get(CONNECTION);
            read(connection, text.getPayload()).ifPresent(request -> {
                switch (type(request)) {
                    case "ping" -> registry.send(connection, Map.of("type", "pong"));
                    case "get_all_progress" -> registry.send(connection, message("all_progress_update", everything()));
                    case "get_student_detail" -> {
                        JsonNode user = request.get("user_id");
                        if (user != null && user.isString() && !user.stringValue().isEmpty()) {
                            progress.student(user.stringValue())
                                    .ifPresent(summary -> registry.send(connection, message("student_detail", summary)));
                        }
                    }
                    default -> {
                        // other types are ignored
                    }
                }
            });
        }
    }
}
