package dev.cellmonitor.cutover.backend.monitoring.progress;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cellmonitor.cutover.backend.web.LegacyTime;
import dev.cellmonitor.cutover.backend.web.PythonRepr;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.DoubleNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.LongNode;
import tools.jackson.databind.node.NullNode;

/**
 * The legacy's realtime-progress models (CONTRACT §2.0: CellProgressInfo, AssignmentProgressInfo,
 * StudentProgressSummary, ProgressNotification) as mutable state with their JSON in the legacy's key order.
 * Values the legacy copies from the event unvalidated (durations, counts, messages) are kept as the JSON they
 * came as, so an int stays an int and a float a float, as in Python.
 */
final class ProgressModel {

    private ProgressModel() {
    }

    static JsonNode nullable(JsonNode value) {
        return value == null ? NullNode.getInstance() : value;
    }

    static String naive(LocalDateTime time) {
        return LegacyTime.naive(time);
    }

    static final class Cell {
        final String cellId;
        final long cellIndex;
        final String cellType;
        String executionStatus = "pending";
        JsonNode executionCount;
        LocalDateTime lastExecutedAt;
        JsonNode executionDurationMs;
        boolean hasError;
        JsonNode errorMessage;
        JsonNode errorType;
        boolean isCompleted;
        Double completionScore;
        Integer codeLength;
        Integer outputLength;
        JsonNode memoryUsageMb;

        Cell(String cellId, long cellIndex, String cellType) {
            this.cellId = cellId;
            this.cellIndex = cellIndex;
            this.cellType = cellType;
        }

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("cell_id", cellId);
            json.put("cell_index", cellIndex);
            json.put("cell_type", cellType);
            json.put("execution_status", executionStatus);
            json.put("execution_count", nullable(executionCount));
            json.put("last_executed_at", naive(lastExecutedAt));
            json.put("execution_duration_ms", nullable(executionDurationMs));
            json.put("has_error", hasError);
            json.put("error_message", nullable(errorMessage));
            json.put("error_type", nullable(errorType));
            json.put("is_completed", isCompleted);
            json.put("completion_score", completionScore);
            json.put("code_length", codeLength);
            json.put("output_length", outputLength);
            json.put("memory_usage_mb", nullable(memoryUsageMb));
            return json;
        }
    }

    static final class Assignment {
        final String assignmentId;
        /** The user's cells of this assignment (kept beside the assignment, as in the legacy). */
        final Map<String, Cell> cells;
        String overallStatus = "not_started";
        double progressPercentage;
        int totalCells;
        int completedCells;
        int errorCells;
        LocalDateTime startedAt;
        LocalDateTime lastUpdatedAt;
        LocalDateTime estimatedCompletionTime;
        JsonNode totalExecutionTimeMs = DoubleNode.valueOf(0.0);

        Assignment(String assignmentId, Map<String, Cell> cells, LocalDateTime now) {
            this.assignmentId = assignmentId;
            this.cells = cells;
            this.lastUpdatedAt = now;
        }

        String name() {
            return "Assignment " + assignmentId;
        }

        Map<String, Object> toJson(boolean withCells) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("assignment_id", assignmentId);
            json.put("assignment_name", name());
            json.put("notebook_path", "/assignments/" + assignmentId + ".ipynb");
            json.put("overall_status", overallStatus);
            json.put("progress_percentage", progressPercentage);
            json.put("total_cells", totalCells);
            json.put("completed_cells", completedCells);
            json.put("error_cells", errorCells);
            List<Map<String, Object>> cellJson = new ArrayList<>();
            if (withCells) {
                cells.values().forEach(c -> cellJson.add(c.toJson()));
            }
            json.put("cells_progress", cellJson);
            json.put("started_at", naive(startedAt));
            json.put("last_updated_at", naive(lastUpdatedAt));
            json.put("estimated_completion_time", naive(estimatedCompletionTime));
            json.put("total_execution_time_ms", totalExecutionTimeMs);
            json.put("submission_id", null);
            json.put("submitted_at", null);
            json.put("is_submitted", false);
            json.put("difficulty_score", null);
            json.put("engagement_score", null);
            return json;
        }
    }

    static final class Student {
        final String userId;
        final Map<String, Assignment> assignments = new LinkedHashMap<>();
        int totalAssignments;
        int completedAssignments;
        int inProgressAssignments;
        double overallProgressPercentage;
        long totalExecutionCount;
        JsonNode totalExecutionTimeMs = DoubleNode.valueOf(0.0);
        double averageExecutionTimeMs;
        double errorRate;
        LocalDateTime firstActivityAt;
        LocalDateTime lastActivityAt;
        Double learningVelocity;
        Double focusScore;
        Double consistencyScore;
        /** Assignments as of the student's last update (the legacy's stored list). */
        List<Assignment> listed = new ArrayList<>();

        Student(String userId, LocalDateTime now) {
            this.userId = userId;
            this.lastActivityAt = now;
        }

        Map<String, Object> toJson(boolean withCells) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("user_id", userId);
            json.put("user_name", "Student " + userId);
            json.put("session_id", null);
            json.put("total_assignments", totalAssignments);
            json.put("completed_assignments", completedAssignments);
            json.put("in_progress_assignments", inProgressAssignments);
            json.put("overall_progress_percentage", overallProgressPercentage);
            json.put("assignments_progress", listed.stream().map(a -> a.toJson(withCells)).toList());
            json.put("total_execution_count", totalExecutionCount);
            json.put("total_execution_time_ms", totalExecutionTimeMs);
            json.put("average_execution_time_ms", averageExecutionTimeMs);
            json.put("error_rate", errorRate);
            json.put("first_activity_at", naive(firstActivityAt));
            json.put("last_activity_at", naive(lastActivityAt));
            json.put("active_time_minutes", 0.0);
            json.put("learning_velocity", learningVelocity);
            json.put("focus_score", focusScore);
            json.put("consistency_score", consistencyScore);
            return json;
        }
    }

    record Notification(String notificationId, String recipientId, String recipientType, String title, String message,
                        String level, String assignmentId, String userId, LocalDateTime createdAt) {

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("notification_id", notificationId);
            json.put("recipient_id", recipientId);
            json.put("recipient_type", recipientType);
            json.put("title", title);
            json.put("message", message);
            json.put("level", level);
            json.put("assignment_id", assignmentId);
            json.put("user_id", userId);
            json.put("is_read", false);
            json.put("created_at", naive(createdAt));
            json.put("expires_at", null);
            json.put("action_url", null);
            json.put("action_label", null);
            return json;
        }
    }

    /** Python's {@code sum()} over values the legacy stored raw; a value that is not a number fails as in Python. */
    static JsonNode pySum(List<JsonNode> values) {
        long whole = 0;
        double real = 0;
        boolean isFloat = false;
        for (JsonNode v : values) {
            if (!PythonRepr.truthy(v)) {
                continue; // the legacy sums "value or 0"
            }
            if (!v.isNumber() && !v.isBoolean()) {
                throw new ProcessingAborted("unsupported operand type(s) for +: '" + (isFloat ? "float" : "int")
                        + "' and '" + PythonRepr.typeName(v) + "'");
            }
            if (isFloat) {
                real += asDouble(v);
            } else if (v.isBoolean() || v.isIntegralNumber()) {
                whole += v.isBoolean() ? 1 : v.longValue();
            } else {
                isFloat = true;
                real = (double) whole + v.doubleValue();
            }
        }
        return isFloat ? DoubleNode.valueOf(real) : LongNode.valueOf(whole);
    }

    static double asDouble(JsonNode v) {
        return v.isBoolean() ? (v.booleanValue() ? 1 : 0) : v.doubleValue();
    }

    static JsonNode text(String s) {
        return JsonNodeFactory.instance.stringNode(s);
    }

    /** An exception the legacy would raise half-way through processing an event (state changed so far stays). */
    static final class ProcessingAborted extends RuntimeException {
        ProcessingAborted(String message) {
            super(message, null, false, false);
        }
    }
}
