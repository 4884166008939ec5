package dev.cellmonitor.cutover.backend.core.testevents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cellmonitor.cutover.backend.web.JsonBody;
import dev.cellmonitor.cutover.backend.web.ValidationErrors;
import tools.jackson.databind.JsonNode;

/**
 * A request body that is a JSON array of the legacy's {@code EventData}, validated the Pydantic way and echoed
 * as {@code model_dump()} does: all 18 keys in declaration order, absent ones {@code null}, lax coercion
 * ({@code executionDurationMs: 100} comes back as {@code 100.0}).
 */
final class EventDataItems {

    private EventDataItems() {
    }

    static List<Map<String, Object>> parse(JsonNode body) {
        JsonBody.require(body);
        ValidationErrors errors = new ValidationErrors();
        if (!body.isArray()) {
            errors.add("list_type", List.of("body"), "Input should be a valid list", JsonBody.plain(body));
            errors.throwIfAny();
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            JsonNode item = body.get(i);
            if (JsonBody.requireObject(item, errors, "body", i)) {
                items.add(echo(JsonBody.fields(item, errors, "body", i)));
            }
        }
        errors.throwIfAny();
        return items;
    }

    private static Map<String, Object> echo(JsonBody.Fields f) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", f.str("eventId", false));
        event.put("eventType", f.str("eventType", false));
        event.put("eventTime", f.str("eventTime", false));
        event.put("emailAddress", f.str("emailAddress", false));
        event.put("userName", f.str("userName", false));
        event.put("teamName", f.str("teamName", false));
        event.put("sessionId", f.str("sessionId", false));
        event.put("notebookPath", f.str("notebookPath", false));
        event.put("cellId", f.str("cellId", false));
        event.put("cellIndex", f.integer("cellIndex", false));
        event.put("cellType", f.str("cellType", false));
        event.put("code", f.str("code", false));
        event.put("executionCount", f.integer("executionCount", false));
        event.put("hasError", f.bool("hasError", false));
        event.put("errorMessage", f.str("errorMessage", false));
        event.put("result", f.str("result", false));
        event.put("executionDurationMs", f.number("executionDurationMs", false));
        JsonNode metadata = f.object("metadata", false);
        event.put("metadata", metadata == null ? null : JsonBody.plain(metadata));
        return event;
    }
}
