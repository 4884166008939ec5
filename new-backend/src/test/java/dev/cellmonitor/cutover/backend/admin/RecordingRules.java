package dev.cellmonitor.cutover.backend.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.cellmonitor.cutover.backend.support.RecordingFiles;
import tools.jackson.databind.JsonNode;

/**
 * The comparison rules a recorded step is judged by: the recordings' {@code rules.json} (global settings, route and
 * step rules) and the parity rules of {@code docs/divergences.md} (the last code span of each table row).
 */
final class RecordingRules {

    /** One rule of the rules.json syntax. */
    record Rule(String path, String kind, String regex, String repl, JsonNode values) {

        static Rule of(JsonNode node) {
            return new Rule(node.path("path").asString(""), node.path("kind").asString(""),
                    node.has("regex") ? node.get("regex").asString() : null,
                    node.has("repl") ? node.get("repl").asString() : null, node.get("values"));
        }

        /** Python's re.sub replacement syntax ({@code \1}) in Java's ({@code $1}). */
        String javaRepl() {
            return repl == null ? "" : repl.replace("$", "\\$").replaceAll("\\\\(\\d)", "\\$$1");
        }
    }

    /** A row of divergences.md. */
    record Divergence(String id, String route, String step, Set<Integer> legacy, Set<Integer> candidate, String body,
            List<Rule> rules) {

        boolean appliesTo(String routeKey, String stepKey) {
            boolean routeMatches = route.startsWith("~") ? Pattern.compile(route.substring(1)).matcher(routeKey).find()
                    : route.equals(routeKey);
            return routeMatches && (step == null || step.equals(stepKey));
        }
    }

    final JsonNode global;
    private final JsonNode routes;
    private final JsonNode steps;
    final List<Divergence> divergences;

    RecordingRules() {
        JsonNode rules = RecordingFiles.rules();
        this.global = rules.get("global");
        this.routes = rules.get("routes");
        this.steps = rules.get("steps");
        this.divergences = RecordingFiles.divergences().stream().map(RecordingRules::divergence).toList();
    }

    /** rules.json rules for a route key ({@code "GET /api/v1/..."} or {@code "DB <table>"}) and a step. */
    List<Rule> forRoute(String routeKey, String scenario, String stepName, int stepNumber, String table) {
        List<Rule> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : routes.properties()) {
            String key = e.getKey();
            boolean matches = key.startsWith("~") ? Pattern.compile(key.substring(1)).matcher(routeKey).find()
                    : key.equals(routeKey) || key.equals("*");
            if (matches) {
                e.getValue().forEach(r -> out.add(Rule.of(r)));
            }
        }
        for (String key : List.of(scenario + "@" + stepName, scenario + "#" + stepNumber)) {
            JsonNode list = steps.get(key);
            if (list != null) {
                list.forEach(r -> {
                    if (table == null || !r.has("table") || r.get("table").asString().equals(table)) {
                        out.add(Rule.of(r));
                    }
                });
            }
        }
        return out;
    }

    List<Divergence> divergencesFor(String routeKey, String stepKey) {
        return divergences.stream().filter(d -> d.appliesTo(routeKey, stepKey)).toList();
    }

    private static Divergence divergence(RecordingFiles.DivergenceRow row) {
        JsonNode rule = row.rule();
        JsonNode status = rule.get("status");
        List<Rule> rules = new ArrayList<>();
        rule.path("rules").forEach(r -> rules.add(Rule.of(r)));
        return new Divergence(row.id(), rule.get("route").asString(), rule.has("step") ? rule.get("step").asString() : null,
                codes(status, "legacy"), codes(status, "candidate"), rule.path("body").asString("same"), rules);
    }

    private static Set<Integer> codes(JsonNode status, String side) {
        if (status == null) {
            return Set.of();
        }
        List<Integer> codes = new ArrayList<>();
        status.path(side).forEach(c -> codes.add(c.asInt()));
        return Set.copyOf(codes);
    }
}
