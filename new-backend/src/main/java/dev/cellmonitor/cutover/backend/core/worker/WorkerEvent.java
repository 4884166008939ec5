package dev.cellmonitor.cutover.backend.core.worker;

import dev.cellmonitor.cutover.backend.core.events.EventData;
import tools.jackson.databind.JsonNode;

/**
 * One event as the worker sees it: the EventData, plus - for messages taken from Redis - the raw message, whose
 * extra keys ({@code instructor_id}, {@code helpType}, {@code event}) some legacy handlers read.
 */
record WorkerEvent(EventData data, JsonNode message) {

    static WorkerEvent of(EventData data) {
        return new WorkerEvent(withoutNul(data), null);
    }

    static WorkerEvent fromMessage(JsonNode message) {
        return new WorkerEvent(withoutNul(EventData.fromMessage(message)), message);
    }

    /**
     * PostgreSQL text cannot hold U+0000, which JSON strings may carry; the legacy worker loses such an event, this
     * worker stores it without those characters.
     */
    static EventData withoutNul(EventData d) {
        String[] texts = {d.eventId(), d.eventType(), d.eventTime(), d.emailAddress(), d.userName(), d.teamName(),
                d.sessionId(), d.notebookPath(), d.cellId(), d.cellType(), d.code(), d.errorMessage(), d.result()};
        boolean any = false;
        for (String t : texts) {
            any |= t != null && t.indexOf('\0') >= 0;
        }
        if (!any) {
            return d;
        }
        return new EventData(strip(d.eventId()), strip(d.eventType()), strip(d.eventTime()), strip(d.emailAddress()),
                strip(d.userName()), strip(d.teamName()), strip(d.sessionId()), strip(d.notebookPath()),
                strip(d.cellId()), d.cellIndex(), strip(d.cellType()), strip(d.code()), d.executionCount(),
                d.hasError(), strip(d.errorMessage()), strip(d.result()), d.executionDurationMs(), d.metadata());
    }

    private static String strip(String s) {
        return s == null ? null : s.replace("\0", "");
    }

    String type() {
        return data.eventType();
    }

    String email() {
        return data.emailAddress();
    }

    /** Python truthiness of the e-mail: the handlers skip events without one. */
    boolean hasEmail() {
        return truthy(data.emailAddress());
    }

    Integer instructorId() {
        JsonNode v = extra("instructor_id");
        return v != null && v.canConvertToInt() && v.isIntegralNumber() ? v.intValue() : null;
    }

    String helpType() {
        JsonNode v = extra("helpType");
        return v != null && v.isString() && !v.stringValue().isEmpty() ? v.stringValue() : "general";
    }

    /** The message's {@code event} key, echoed in the {@code notifications} message; never part of EventData. */
    Object eventKey() {
        JsonNode v = extra("event");
        return v == null || v.isNull() ? null : v;
    }

    private JsonNode extra(String key) {
        return message == null || !message.isObject() ? null : message.get(key);
    }

    static boolean truthy(String s) {
        return s != null && !s.isEmpty();
    }
}
