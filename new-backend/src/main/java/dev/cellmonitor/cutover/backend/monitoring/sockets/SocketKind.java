package dev.cellmonitor.cutover.backend.monitoring.sockets;

import java.util.Set;

import dev.cellmonitor.cutover.backend.web.PythonRepr;
import tools.jackson.databind.JsonNode;

/**
 * Every kind of socket the legacy serves, held in the one registry. Each kind brings the legacy's delivery
 * rule and frame format:
 * <ul>
 *   <li>{@link #STUDENT} ({@code /api/v1/v1/ws/{client_id}}) and {@link #DASHBOARD}
 *   ({@code /api/v1/dashboard/ws/dashboard}) made up the legacy's "unified" registry: room broadcasts reach
 *   both, filtered per type (a student drops messages about another {@code user_id}; a dashboard accepts
 *   only {@code dashboard_update}, {@code system_stats} and {@code class_summary});</li>
 *   <li>{@link #INSTRUCTOR} ({@code /api/v1/instructor/ws/instructor/{id}}) had its own registry without
 *   filters;</li>
 *   <li>the two realtime-progress sockets wrote compact JSON with raw UTF-8 (Starlette's {@code send_json})
 *   where the others wrote Python's {@code json.dumps} defaults.</li>
 * </ul>
 */
public enum SocketKind {

    STUDENT("student", true, false),
    DASHBOARD("dashboard", true, false),
    INSTRUCTOR("instructor", false, false),
    PROGRESS_STUDENT("progress_student", false, true),
    PROGRESS_INSTRUCTOR("progress_instructor", false, true);

    /** The client types the legacy's unified registry reports in {@code connections_by_type}, in its order. */
    public static final java.util.List<String> UNIFIED_TYPES = java.util.List.of("student", "instructor", "dashboard", "admin");

    private static final Set<String> DASHBOARD_TYPES = Set.of("dashboard_update", "system_stats", "class_summary");

    private final String type;
    private final boolean unified;
    private final boolean compactFrames;

    SocketKind(String type, boolean unified, boolean compactFrames) {
        this.type = type;
        this.unified = unified;
        this.compactFrames = compactFrames;
    }

    /** The client type the legacy reports for this socket ({@code "student"}, {@code "dashboard"}...). */
    public String type() {
        return type;
    }

    /** Whether the legacy kept this socket in its unified registry (room broadcasts, dashboard status). */
    public boolean unified() {
        return unified;
    }

    boolean compactFrames() {
        return compactFrames;
    }

    /** The unified registry's per-type filter (legacy {@code MessageFilter.should_send_to_client}). */
    boolean acceptsUnified(JsonNode message, Connection connection) {
        JsonNode type = message.get("type");
        return switch (this) {
            case STUDENT -> !message.has("user_id")
                    || PythonRepr.str(message.get("user_id")).equals(connection.userId() == null ? "None" : connection.userId());
            case DASHBOARD -> type != null && type.isString() && DASHBOARD_TYPES.contains(type.stringValue());
            default -> true;
        };
    }
}
