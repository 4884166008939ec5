package dev.cellmonitor.cutover.backend.core.events;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.cellmonitor.cutover.backend.web.ApiException;
import dev.cellmonitor.cutover.backend.web.JsonBody;

/**
 * Event ingestion: {@code POST /api/v1/events} and its single-event twin {@code POST /api/v1/progress/student-progress}.
 * Same validation and answers as the legacy (CONTRACT.md §2.2, §7.1), but where the legacy only published to Redis
 * and counted, the events are handed to the {@link EventSink}, which returns once they are persisted.
 */
@RestController
class EventsController {

    static final int MAX_BATCH = 200;

    private final EventSink sink;

    EventsController(EventSink sink) {
        this.sink = sink;
    }

    @PostMapping("/api/v1/events")
    ResponseEntity<Map<String, Object>> receiveEvents(@RequestBody(required = false) byte[] body,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        long started = System.nanoTime();
        List<EventData> events = EventData.readBatch(JsonBody.parse(body, contentType));
        if (events.size() > MAX_BATCH) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE,
                    "Batch size " + events.size() + " exceeds maximum allowed size of " + MAX_BATCH);
        }
        if (events.isEmpty()) {
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("message", "No events received"));
        }
        String batchId = UUID.randomUUID().toString().substring(0, 8);

        long validationStart = System.nanoTime();
        Map<String, Integer> eventTypes = new LinkedHashMap<>();
        List<EventData> valid = new ArrayList<>(events.size());
        List<Map<String, Object>> failed = new ArrayList<>();
        for (EventData event : events) {
            String type = event.eventType() == null || event.eventType().isEmpty() ? "unknown" : event.eventType();
            eventTypes.merge(type, 1, Integer::sum);
            if (event.hasUser()) {
                valid.add(event);
            } else {
                failed.add(event.echo());
            }
        }
        long validationMs = millisSince(validationStart);
        if (valid.isEmpty()) {
            throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "No valid events to process");
        }

        long persistStart = System.nanoTime();
        persist(valid);
        long persistMs = millisSince(persistStart);

        Map<String, Object> stages = new LinkedHashMap<>();
        stages.put("validation", stage(validationMs));
        // the events reach Redis through the worker's own publications, after they are stored
        stages.put("redis_publish", stage(0));
        Map<String, Object> persistence = stage(persistMs);
        persistence.put("persisted_count", valid.size());
        stages.put("db_persistence", persistence);
        Map<String, Object> realtime = stage(0);
        realtime.put("notified_count", 0);
        stages.put("realtime_notify", realtime);

        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("batch_id", batchId);
        stats.put("total_events", events.size());
        stats.put("event_types", eventTypes);
        stats.put("processing_stages", stages);
        stats.put("failed_events", failed);
        stats.put("retry_count", 0);
        stats.put("successful_events", valid.size());
        stats.put("validation_success_rate", (double) valid.size() / events.size() * 100);
        stats.put("total_processing_time_ms", millisSince(started));

        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("message", "Enhanced batch processing completed: " + valid.size() + "/" + events.size() + " events");
        answer.put("batch_stats", stats);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
    }

    /**
     * The legacy publishes the event and then always fails with 500 (it reads a field EventData lacks); this answers
     * what it meant to answer, after the event is persisted (docs/divergences.md).
     */
    @PostMapping("/api/v1/progress/student-progress")
    Map<String, Object> receiveProgress(@RequestBody(required = false) byte[] body,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        EventData event = EventData.readOne(JsonBody.parse(body, contentType));
        persist(List.of(event));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", "ok");
        answer.put("message", "Event published successfully");
        answer.put("processed_user_id", event.emailAddress());
        return answer;
    }

    private void persist(List<EventData> events) {
        try {
            sink.persist(events);
        } catch (EventSink.Saturated e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage(),
                    Map.of(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds())));
        } catch (EventSink.Unavailable e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage(),
                    Map.of(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds())));
        }
    }

    private static Map<String, Object> stage(long durationMs) {
        Map<String, Object> stage = new LinkedHashMap<>();
        stage.put("status", "completed");
        stage.put("duration_ms", durationMs);
        return stage;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
