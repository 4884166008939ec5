package dev.cellmonitor.cutover.backend.monitoring.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The parity rules of docs/divergences.md (the JSON in the last column of each table row). */
final class Divergences {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Divergence(String id, JsonNode rule) {
        boolean appliesTo(String route, String step) {
            String wanted = rule.path("route").asString("");
            boolean routeMatches = wanted.startsWith("~") ? Pattern.compile(wanted.substring(1)).matcher(route).find()
                    : wanted.equals(route);
            return routeMatches && (!rule.has("step") || rule.get("step").asString().equals(step));
        }
    }

    private final List<Divergence> all = new ArrayList<>();

    Divergences(Path file) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        for (String line : Files.readAllLines(file)) {
            int start = line.lastIndexOf("`{");
            int end = line.lastIndexOf("}`");
            String id = line.startsWith("|") ? line.substring(1, Math.max(1, line.indexOf('|', 1))).strip() : "";
            if (id.matches("[A-Z]+-\\d+") && start >= 0 && end > start) {
                // inside a table cell a pipe is written \| (the file's header says so)
                all.add(new Divergence(id, JSON.readTree(line.substring(start + 1, end + 1).replace("\\|", "|"))));
            }
        }
    }

    List<Divergence> applying(String route, String step) {
        return all.stream().filter(d -> d.appliesTo(route, step)).toList();
    }

    int size() {
        return all.size();
    }
}
