package dev.cellmonitor.cutover.backend.core.offline;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.cellmonitor.cutover.backend.web.JsonBody;
import dev.cellmonitor.cutover.backend.web.LegacyTime;
import dev.cellmonitor.cutover.backend.web.PythonRepr;
import tools.jackson.databind.JsonNode;

/** One event in the offline queue, as the legacy's {@code QueuedEvent} model holds it. */
final class QueuedEvent {

    final String queueId = UUID.randomUUID().toString();
    final JsonNode eventData;
    final LocalDateTime createdAt;
    final int priority;
    final String eventType;
    final String userId;
    int retryCount;
    LocalDateTime lastRetryAt;

    private QueuedEvent(JsonNode eventData, LocalDateTime createdAt, int priority, String eventType, String userId) {
        this.eventData = eventData;
        this.createdAt = createdAt;
        this.priority = priority;
        this.eventType = eventType;
        this.userId = userId;
    }

    /**
     * Builds the queue item, failing like the legacy's model validation when {@code event_type} (default
     * {@code "unknown"}) or {@code user_id} (optional) is not a string.
     */
    static QueuedEvent of(JsonNode eventData, int priority, LocalDateTime now) {
        JsonNode type = eventData.has("event_type") ? eventData.get("event_type") : null;
        JsonNode user = eventData.get("user_id");
        List<String> errors = new ArrayList<>();
        if (type != null && !type.isString()) {
            errors.add(stringTypeError("event_type", type));
        }
        if (user != null && !user.isNull() && !user.isString()) {
            errors.add(stringTypeError("user_id", user));
        }
        if (!errors.isEmpty()) {
            throw new InvalidEvent((errors.size() == 1 ? "1 validation error" : errors.size() + " validation errors")
                    + " for QueuedEvent\n" + String.join("\n", errors));
        }
        return new QueuedEvent(eventData, now, priority, type == null ? "unknown" : type.stringValue(),
                user == null || user.isNull() ? null : user.stringValue());
    }

    /** Pydantic 2.6's text for one {@code string_type} error, long inputs shortened as pydantic-core does. */
    private static String stringTypeError(String field, JsonNode input) {
        String value = PythonRepr.repr(input);
        if (value.codePointCount(0, value.length()) > 50) {
            int[] cps = value.codePoints().toArray();
            value = new String(cps, 0, 25) + "..." + new String(cps, cps.length - 24, 24);
        }
        return field + "\n  Input should be a valid string [type=string_type, input_value=" + value
                + ", input_type=" + PythonRepr.typeName(input) + "]\n"
                + "    For further information visit https://errors.pydantic.dev/2.6/v/string_type";
    }

    Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("queue_id", queueId);
        out.put("event_type", eventType);
        out.put("user_id", userId);
        out.put("created_at", LegacyTime.naive(createdAt));
        out.put("retry_count", retryCount);
        out.put("last_retry_at", LegacyTime.naive(lastRetryAt));
        out.put("priority", priority);
        out.put("event_data", JsonBody.plain(eventData));
        return out;
    }

    /** An event the queue refuses; the message becomes the entry's {@code error} text. */
    static final class InvalidEvent extends RuntimeException {
        InvalidEvent(String message) {
            super(message, null, false, false);
        }
    }
}
