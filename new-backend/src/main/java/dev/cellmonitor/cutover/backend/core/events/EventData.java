package dev.cellmonitor.cutover.backend.core.events;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cellmonitor.cutover.backend.web.JsonBody;
import dev.cellmonitor.cutover.backend.web.ValidationErrors;
import tools.jackson.databind.JsonNode;

/**
 * The legacy's EventData (CONTRACT.md §2.0): 18 optional fields, unknown keys dropped, Pydantic's lax coercion.
 * Integers stay {@code long} because Python ints are unbounded: the request is accepted like the legacy accepts
 * it, and the worker decides what it can store.
 */
public record EventData(
        String eventId,
        String eventType,
        String eventTime,
        String emailAddress,
        String userName,
        String teamName,
        String sessionId,
        String notebookPath,
        String cellId,
        Long cellIndex,
        String cellType,
        String code,
        Long executionCount,
        Boolean hasError,
        String errorMessage,
        String result,
        Double executionDurationMs,
        JsonNode metadata) {

    /** Reads one EventData the way Pydantic validates it; problems go to {@code errors} under {@code loc}. */
    public static EventData read(JsonNode node, ValidationErrors errors, Object... loc) {
        if (!JsonBody.requireObject(node, errors, loc)) {
            return null;
        }
        JsonBody.Fields f = JsonBody.fields(node, errors, loc);
        return new EventData(
                f.str("eventId", false),
                f.str("eventType", false),
                f.str("eventTime", false),
                f.str("emailAddress", false),
                f.str("userName", false),
                f.str("teamName", false),
                f.str("sessionId", false),
                f.str("notebookPath", false),
                f.str("cellId", false),
                f.integer("cellIndex", false),
                f.str("cellType", false),
                f.str("code", false),
                f.integer("executionCount", false),
                f.bool("hasError", false),
                f.str("errorMessage", false),
                f.str("result", false),
                f.number("executionDurationMs", false),
                f.object("metadata", false));
    }

    /** The body of {@code POST /events}: a JSON array of EventData, validated as a whole (422 on any error). */
    public static List<EventData> readBatch(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw ValidationErrors.single("missing", List.of("body"), "Field required", null);
        }
        if (!body.isArray()) {
            throw ValidationErrors.single("list_type", List.of("body"), "Input should be a valid list", JsonBody.plain(body));
        }
        ValidationErrors errors = new ValidationErrors();
        List<EventData> events = new ArrayList<>(body.size());
        for (int i = 0; i < body.size(); i++) {
            events.add(read(body.get(i), errors, "body", i));
        }
        errors.throwIfAny();
        return events;
    }

    /** The body of {@code POST /progress/student-progress}: one EventData object. */
    public static EventData readOne(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw ValidationErrors.single("missing", List.of("body"), "Field required", null);
        }
        ValidationErrors errors = new ValidationErrors();
        EventData event = read(body, errors, "body");
        errors.throwIfAny();
        return event;
    }

    /**
     * A message from another producer (the legacy API's Redis publication): read leniently, a field of the wrong
     * type counts as absent, because the legacy worker takes such messages as plain dicts and never rejects them.
     */
    public static EventData fromMessage(JsonNode message) {
        EventData event = read(message, new ValidationErrors(), "message");
        return event == null ? empty() : event;
    }

    public static EventData empty() {
        return new EventData(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    /** Pydantic's {@code model_dump()}: all 18 keys in declaration order, absent ones as null. */
    public Map<String, Object> echo() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("eventId", eventId);
        out.put("eventType", eventType);
        out.put("eventTime", eventTime);
        out.put("emailAddress", emailAddress);
        out.put("userName", userName);
        out.put("teamName", teamName);
        out.put("sessionId", sessionId);
        out.put("notebookPath", notebookPath);
        out.put("cellId", cellId);
        out.put("cellIndex", cellIndex);
        out.put("cellType", cellType);
        out.put("code", code);
        out.put("executionCount", executionCount);
        out.put("hasError", hasError);
        out.put("errorMessage", errorMessage);
        out.put("result", result);
        out.put("executionDurationMs", executionDurationMs);
        out.put("metadata", metadata);
        return out;
    }

    /** The legacy's validity rule: an {@code emailAddress} that is not blank after Python's {@code strip()}. */
    public boolean hasUser() {
        if (emailAddress == null) {
            return false;
        }
        for (int i = 0; i < emailAddress.length(); i++) {
            char c = emailAddress.charAt(i);
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
                return true;
            }
        }
        return false;
    }
}
