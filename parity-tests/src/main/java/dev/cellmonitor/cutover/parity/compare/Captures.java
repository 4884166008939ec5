package dev.cellmonitor.cutover.parity.compare;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** Values captured from one side's responses so far in a scenario ({@code {{name}}} placeholders). */
public final class Captures {

    private final Map<String, JsonNode> values;

    private Captures(Map<String, JsonNode> values) {
        this.values = values;
    }

    public static Captures none() {
        return new Captures(Map.of());
    }

    public static Captures of(Map<String, JsonNode> values) {
        return new Captures(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    }

    public JsonNode get(String name) {
        return values.get(name);
    }

    public Map<String, JsonNode> asMap() {
        return values;
    }

    /** These captures and {@code more} (later values win). */
    public Captures plus(Map<String, JsonNode> more) {
        Map<String, JsonNode> m = new LinkedHashMap<>(values);
        m.putAll(more);
        return of(m);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
