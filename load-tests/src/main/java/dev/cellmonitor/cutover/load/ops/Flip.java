package dev.cellmonitor.cutover.load.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A stage change the ops API is asked for: a group or a single route moves to a stage (with a percentage for
 * CANARY), always with a reason for the audit.
 */
public record Flip(String group, String route, String stage, Integer percentage, String reason) {

    public Flip {
        if ((group == null) == (route == null)) {
            throw new IllegalArgumentException("a flip names either a group or a route");
        }
        stage = stage.toUpperCase(Locale.ROOT);
    }

    /** The request body: {@code {"group"|"routes", "stage", "percentage", "reason"}} (the ops API takes route ids as a list). */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        if (group != null) {
            body.put("group", group);
        } else {
            body.put("routes", List.of(route));
        }
        body.put("stage", stage);
        if (percentage != null) {
            body.put("percentage", percentage);
        }
        body.put("reason", reason);
        return body;
    }

    public String target() {
        return group != null ? "group " + group : "route " + route;
    }

    @Override
    public String toString() {
        return target() + " -> " + stage + (percentage == null ? "" : " " + percentage + "%");
    }
}
