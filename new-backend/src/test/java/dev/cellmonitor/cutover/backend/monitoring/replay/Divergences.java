package dev.cellmonitor.cutover.backend.monitoring.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.cellmonitor.cutover.backend.support.RecordingFiles;
import tools.jackson.databind.JsonNode;

/** The parity rules of docs/divergences.md (the JSON in the last column of each table row). */
final class Divergences {

    record Divergence(String id, JsonNode rule) {
        boolean appliesTo(String route, String step) {
            String wanted = rule.path("route").asString("");
            boolean routeMatches = wanted.startsWith("~") ? Pattern.compile(wanted.substring(1)).matcher(route).find()
                    : wanted.equals(route);
            return routeMatches && (!rule.has("step") || rule.get("step").asString().equals(step));
        }
    }

    private final List<Divergence> all = new ArrayList<>();

    Divergences() {
        RecordingFiles.divergences().forEach(row -> all.add(new Divergence(row.id(), row.rule())));
    }

    List<Divergence> applying(String route, String step) {
        return all.stream().filter(d -> d.appliesTo(route, step)).toList();
    }

    int size() {
        return all.size();
    }
}
