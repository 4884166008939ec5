package dev.cellmonitor.cutover.load.ops;

import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

/**
 * A one-line account of the stages in an ops API answer: stages per group, then the number of routes on each
 * stage where routes deviate from their group.
 */
public final class StageText {

    private StageText() {
    }

    public static String of(JsonNode answer) {
        if (answer == null) {
            return "unreadable answer";
        }
        Map<String, String> groups = new TreeMap<>();
        Map<String, Integer> routeStages = new TreeMap<>();
        collect(answer, groups, routeStages);
        if (groups.isEmpty() && routeStages.isEmpty()) {
            return "no stages found in the answer (see summary.json)";
        }
        StringBuilder text = new StringBuilder();
        groups.forEach((g, s) -> text.append(text.isEmpty() ? "" : ", ").append(g).append(" ").append(s));
        if (!routeStages.isEmpty()) {
            text.append(text.isEmpty() ? "" : "; ").append("routes:");
            routeStages.forEach((s, n) -> text.append(" ").append(n).append(" ").append(s));
        }
        return text.toString();
    }

    /** Objects with a {@code stage} are group entries when they name a group and no route, else route entries. */
    private static void collect(JsonNode node, Map<String, String> groups, Map<String, Integer> routeStages) {
        if (node.isArray()) {
            node.forEach(child -> collect(child, groups, routeStages));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        JsonNode stage = node.get("stage");
        if (stage != null && stage.isString()) {
            String value = stage.asString() + (node.hasNonNull("percentage") ? " " + node.get("percentage").asString() + "%" : "");
            boolean isRoute = node.has("route") || node.has("id") || node.has("path");
            if (!isRoute && node.hasNonNull("group")) {
                groups.put(node.get("group").asString(), value);
            } else {
                routeStages.merge(value, 1, Integer::sum);
            }
        }
        node.forEach(child -> {
            if (child.isContainer()) {
                collect(child, groups, routeStages);
            }
        });
    }
}
