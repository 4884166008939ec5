package dev.cellmonitor.cutover.backend.core.offline;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.cellmonitor.cutover.backend.web.ApiException;
import dev.cellmonitor.cutover.backend.web.JsonBody;
import dev.cellmonitor.cutover.backend.web.LegacyTime;
import dev.cellmonitor.cutover.backend.web.ValidationErrors;
import tools.jackson.databind.JsonNode;

/** The legacy's offline-sync routes under {@code /api/v1/v1/offline}. */
@RestController
@RequestMapping("/api/v1/v1/offline")
class OfflineSyncController {

    private static final int MAX_EVENTS_PER_REQUEST = 100;

    private final OfflineQueue queue;

    OfflineSyncController(OfflineQueue queue) {
        this.queue = queue;
    }

    @PostMapping("/queue")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Object> enqueue(@RequestBody(required = false) byte[] raw,
                                @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        JsonNode body = JsonBody.require(JsonBody.parse(raw, contentType));
        ValidationErrors errors = new ValidationErrors();
        if (!JsonBody.requireObject(body, errors, "body")) {
            errors.throwIfAny();
        }
        JsonBody.Fields f = JsonBody.fields(body, errors, "body");
        JsonNode events = f.list("events", true);
        if (events != null) {
            for (int i = 0; i < events.size(); i++) {
                if (!events.get(i).isObject()) {
                    errors.add("dict_type", List.of("body", "events", i), "Input should be a valid dictionary",
                            JsonBody.plain(events.get(i)));
                }
            }
        }
        Long priority = f.integer("priority", false);
        if (priority != null && priority < 1) {
            errors.greaterThanEqual(List.of("body", "priority"), JsonBody.plain(body.get("priority")), 1);
        } else if (priority != null && priority > 3) {
            errors.lessThanEqual(List.of("body", "priority"), JsonBody.plain(body.get("priority")), 3);
        }
        Boolean force = f.bool("force_queue", false);
        errors.throwIfAny();

        if (events.isEmpty()) {
            throw ApiException.badRequest("No events provided");
        }
        if (events.size() > MAX_EVENTS_PER_REQUEST) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "Too many events. Maximum 100 events per request.");
        }
        List<String> queued = new ArrayList<>();
        List<Map<String, Object>> failed = new ArrayList<>();
        for (JsonNode event : events) {
            try {
                queued.add(queue.enqueue(event, priority == null ? 1 : priority.intValue(), Boolean.TRUE.equals(force)));
            } catch (QueuedEvent.InvalidEvent e) {
                Map<String, Object> failure = new LinkedHashMap<>();
                failure.put("event", JsonBody.plain(event));
                failure.put("error", e.getMessage());
                failed.add(failure);
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("message", queued.size() + " events queued for offline sync");
        answer.put("queued_event_ids", queued);
        answer.put("successful_count", queued.size());
        answer.put("failed_count", failed.size());
        if (!failed.isEmpty()) {
            answer.put("failed_events", failed);
        }
        return answer;
    }

    /**
     * The legacy's decision order, minus "Sync already in progress": syncs here are atomic, so a request never
     * finds one running.
     */
    @PostMapping("/sync")
    Map<String, Object> sync(@RequestBody(required = false) byte[] raw,
                             @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        JsonNode body = JsonBody.require(JsonBody.parse(raw, contentType));
        ValidationErrors errors = new ValidationErrors();
        if (!JsonBody.requireObject(body, errors, "body")) {
            errors.throwIfAny();
        }
        Boolean force = JsonBody.fields(body, errors, "body").bool("force_sync", false);
        errors.throwIfAny();

        Map<String, Object> answer = new LinkedHashMap<>();
        if (queue.isEmpty()) {
            answer.put("message", "No events to sync");
            answer.put("queue_status", queue.status());
        } else if (Boolean.TRUE.equals(force)) {
            Map<String, Object> result = queue.sync();
            answer.put("message", "Forced sync completed");
            answer.put("sync_result", result);
            answer.put("queue_status", queue.status());
        } else {
            answer.put("message", "Sync started in background");
            answer.put("queue_status", queue.status());
            Thread.ofVirtual().name("offline-sync").start(queue::sync);
        }
        return answer;
    }

    @GetMapping("/status")
    Map<String, Object> status() {
        Map<String, Object> status = queue.status();
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("queue_health", health(status));
        stats.put("recommendations", recommendations(status));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("queue_status", status);
        answer.put("additional_stats", stats);
        // the legacy answers the constant "2025-01-19T12:00:00Z" here; the same format, but the real time
        answer.put("timestamp", LegacyTime.zTime(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        return answer;
    }

    @DeleteMapping("/clear")
    Map<String, Object> clear() {
        int[] cleared = queue.clear();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("message", "Offline queue cleared successfully");
        answer.put("cleared_events", cleared[0]);
        answer.put("cleared_failed_events", cleared[1]);
        answer.put("queue_status", queue.status());
        return answer;
    }

    @GetMapping("/failed-events")
    Map<String, Object> failedEvents() {
        List<Map<String, Object>> failed = queue.failedEvents();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("failed_events_count", failed.size());
        answer.put("failed_events", failed);
        answer.put("recommendations", List.of("Review failed events for data corruption", "Check network connectivity",
                "Verify server endpoint availability", "Consider manual data recovery if needed"));
        return answer;
    }

    private static String health(Map<String, Object> status) {
        double used = (double) status.get("queue_capacity_used");
        int failed = (int) status.get("failed_events");
        int queued = (int) status.get("total_queued_events");
        if (used > 0.9 || failed > 100) {
            return "critical";
        }
        if (used > 0.7 || failed > 50) {
            return "warning";
        }
        return used > 0.3 || queued > 0 ? "good" : "excellent";
    }

    private static List<String> recommendations(Map<String, Object> status) {
        List<String> out = new ArrayList<>();
        if (!(boolean) status.get("is_online")) {
            out.add("Network connectivity issues detected. Check internet connection.");
        }
        if ((double) status.get("queue_capacity_used") > 0.8) {
            out.add("Queue capacity is high. Consider increasing sync frequency.");
        }
        if ((int) status.get("failed_events") > 20) {
            out.add("Many failed events detected. Review error logs and server status.");
        }
        if ((int) status.get("total_queued_events") == 0) {
            out.add("Queue is empty. All events are synchronized.");
        }
        if (out.isEmpty()) {
            out.add("Queue is operating normally.");
        }
        return out;
    }
}
