package dev.cellmonitor.cutover.backend.monitoring.progress;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.cellmonitor.cutover.backend.web.ApiException;
import dev.cellmonitor.cutover.backend.web.JsonBody;
import dev.cellmonitor.cutover.backend.web.LegacyQuery;
import dev.cellmonitor.cutover.backend.web.LegacyTime;
import dev.cellmonitor.cutover.backend.web.ValidationErrors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Realtime progress routes ({@code /api/v1/v1/progress}, no auth), CONTRACT §2.19. */
@RestController
@RequestMapping("/api/v1/v1/progress")
class ProgressController {

    private final RealtimeProgress progress;

    ProgressController(RealtimeProgress progress) {
        this.progress = progress;
    }

    @GetMapping("/student/{userId}")
    Map<String, Object> student(@PathVariable String userId) {
        Map<String, Object> summary = progress.student(userId)
                .orElseThrow(() -> ApiException.notFound("Progress data not found for user: " + userId));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", "Student progress retrieved successfully");
        body.put("user_id", userId);
        body.put("progress", summary);
        body.put("retrieved_at", now());
        return body;
    }

    @GetMapping("/assignment/{userId}/{assignmentId}")
    Map<String, Object> assignment(@PathVariable String userId, @PathVariable String assignmentId) {
        Map<String, Object> assignment = progress.assignment(userId, assignmentId).orElseThrow(() -> ApiException.notFound(
                "Assignment progress not found: user=" + userId + ", assignment=" + assignmentId));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", "Assignment progress retrieved successfully");
        body.put("user_id", userId);
        body.put("assignment_id", assignmentId);
        body.put("progress", assignment);
        body.put("retrieved_at", now());
        return body;
    }

    @GetMapping("/all-students")
    Map<String, Object> allStudents(HttpServletRequest request) {
        ValidationErrors errors = new ValidationErrors();
        LegacyQuery query = LegacyQuery.of(request, errors);
        Boolean details = query.bool("include_details");
        Long limit = query.integer("limit", 1, 200);
        errors.throwIfAny();
        Map<String, Object> result = progress.allStudents(details != null && details,
                limit == null ? 50 : limit.intValue());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", "All students progress retrieved successfully");
        body.putAll(result);
        body.put("retrieved_at", now());
        return body;
    }

    @GetMapping("/notifications/{userId}")
    Map<String, Object> notifications(@PathVariable String userId, HttpServletRequest request) {
        ValidationErrors errors = new ValidationErrors();
        LegacyQuery query = LegacyQuery.of(request, errors);
        Boolean unreadOnly = query.bool("unread_only");
        Long limit = query.integer("limit", 1, 100);
        errors.throwIfAny();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", "User notifications retrieved successfully");
        body.put("user_id", userId);
        body.putAll(progress.notifications(userId, unreadOnly == null || unreadOnly, limit == null ? 20 : limit.intValue()));
        body.put("retrieved_at", now());
        return body;
    }

    /** Notifications are never read in the legacy either: the answer only confirms. */
    @PostMapping("/notifications/{notificationId}/read")
    Map<String, Object> markRead(@PathVariable String notificationId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", "Notification marked as read successfully");
        body.put("notification_id", notificationId);
        body.put("marked_at", now());
        return body;
    }

    @GetMapping("/stats")
    Map<String, Object> stats() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", "Progress system stats retrieved successfully");
        body.put("stats", progress.stats());
        body.put("retrieved_at", now());
        return body;
    }

    @PostMapping("/process-event")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Object> processEvent(HttpServletRequest request, @RequestBody(required = false) byte[] raw,
                                     @RequestHeader(name = "Content-Type", required = false) String contentType) {
        ValidationErrors errors = new ValidationErrors();
        LegacyQuery query = LegacyQuery.of(request, errors);
        String userId = query.str("user_id", true);
        String assignmentId = query.str("assignment_id", true);
        String cellId = query.str("cell_id", true);
        JsonNode event = JsonBody.parse(raw, contentType);
        if (event == null) {
            errors.missing(List.of("body"), null);
        } else if (!event.isObject()) {
            errors.add("dict_type", List.of("body"), "Input should be a valid dictionary", JsonBody.plain(event));
        }
        errors.throwIfAny();
        progress.process(userId, assignmentId, cellId, event);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", "Progress event processed successfully");
        body.put("user_id", userId);
        body.put("assignment_id", assignmentId);
        body.put("cell_id", cellId);
        body.put("processed_at", now());
        return body;
    }

    @PostMapping("/simulate-event")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Object> simulateEvent(HttpServletRequest request) {
        LegacyQuery query = LegacyQuery.of(request, new ValidationErrors());
        String userId = orDefault(query.str("user_id", false), "test_student_001");
        String assignmentId = orDefault(query.str("assignment_id", false), "assignment_001");
        String cellId = orDefault(query.str("cell_id", false), "cell_001");
        String eventType = orDefault(query.str("event_type", false), "cell_execution_complete");
        boolean error = eventType.equals("cell_execution_error");
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("eventType", eventType);
        event.put("eventTime", now());
        event.put("cellIndex", 1);
        event.put("cellType", "code");
        event.put("executionCount", 1);
        event.put("executionDurationMs", 150.0);
        event.put("hasError", error);
        event.put("errorMessage", error ? "Test error message" : null);
        event.put("code", "print('Hello, World!')");
        event.put("result", eventType.equals("cell_execution_complete") ? "Hello, World!" : null);
        ObjectNode metadata = event.putObject("metadata");
        metadata.put("memory_usage_mb", 64.5);
        metadata.put("cpu_usage_percent", 12.3);
        progress.process(userId, assignmentId, cellId, event);
        Map<String, Object> simulated = new LinkedHashMap<>();
        simulated.put("user_id", userId);
        simulated.put("assignment_id", assignmentId);
        simulated.put("cell_id", cellId);
        simulated.put("event_type", eventType);
        simulated.put("event_data", event);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", "Progress event simulated successfully");
        body.put("simulated_event", simulated);
        body.put("simulated_at", now());
        return body;
    }

    @DeleteMapping("/reset/{userId}")
    Map<String, Object> reset(@PathVariable String userId) {
        progress.reset(userId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", "User progress reset successfully");
        body.put("user_id", userId);
        body.put("reset_at", now());
        body.put("warning", "This operation cannot be undone");
        return body;
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static String now() {
        LocalDateTime time = LegacyTime.utcNow();
        return LegacyTime.naive(time);
    }
}
