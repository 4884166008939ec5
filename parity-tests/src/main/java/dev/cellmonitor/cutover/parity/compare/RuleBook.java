package dev.cellmonitor.cutover.parity.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The declarative comparison rules: a stack of rules files in the syntax of the recordings' {@code rules.json}
 * ({@code global}, {@code routes} keyed by route, {@code ~regex} over routes, {@code WS ...}, {@code REDIS
 * <channel>}, {@code DB <table>}, {@code *}; {@code steps} keyed by {@code <scenario>@<step name>} or
 * {@code <scenario>#<step number>}). Later files add rules; rules found for a path are applied most specific
 * first: step, exact route, regex route, {@code *}.
 */
public final class RuleBook {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final GlobalRules global;
    private final Map<String, List<Rule>> exact;
    private final List<Map.Entry<Pattern, List<Rule>>> regex;
    private final Map<String, List<Rule>> steps;

    private RuleBook(GlobalRules global, Map<String, List<Rule>> exact, List<Map.Entry<Pattern, List<Rule>>> regex,
                     Map<String, List<Rule>> steps) {
        this.global = global;
        this.exact = exact;
        this.regex = regex;
        this.steps = steps;
    }

    public static RuleBook empty() {
        return new RuleBook(GlobalRules.defaults(), Map.of(), List.of(), Map.of());
    }

    public static RuleBook load(Path file) {
        return empty().and(file);
    }

    /** This book with the rules of one more rules file added. */
    public RuleBook and(Path file) {
        try {
            return with(JSON.readTree(Files.readString(file)), file.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rules file " + file, e);
        }
    }

    /** This book with the rules of one more rules document added. */
    public RuleBook with(JsonNode doc, String origin) {
        GlobalRules g = global.merge(doc.get("global"));
        Map<String, List<Rule>> ex = copy(exact);
        List<Map.Entry<Pattern, List<Rule>>> rx = new ArrayList<>(regex);
        for (Map.Entry<String, JsonNode> e : doc.path("routes").properties()) {
            List<Rule> rules = parseAll(e.getValue(), origin + " routes[" + e.getKey() + "]");
            if (e.getKey().startsWith("~")) {
                rx.add(Map.entry(PythonRegex.compile(e.getKey().substring(1)), rules));
            } else {
                ex.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).addAll(rules);
            }
        }
        Map<String, List<Rule>> st = copy(steps);
        for (Map.Entry<String, JsonNode> e : doc.path("steps").properties()) {
            st.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                    .addAll(parseAll(e.getValue(), origin + " steps[" + e.getKey() + "]"));
        }
        return new RuleBook(g, ex, List.copyOf(rx), st);
    }

    public GlobalRules global() {
        return global;
    }

    /** Rules for the response of an HTTP step or the frames of a WebSocket step. */
    public List<Rule> forRoute(String route, StepKey step, List<Rule> stepCompare) {
        List<Rule> out = new ArrayList<>(stepCompare);
        out.addAll(stepRules(step, null, null));
        out.addAll(routeRules(route));
        out.addAll(exact.getOrDefault("*", List.of()));
        return out;
    }

    /** Rules for the rows of one table of a {@code db} step. */
    public List<Rule> forTable(String table, StepKey step) {
        List<Rule> out = new ArrayList<>(stepRules(step, table, null));
        out.addAll(routeRules("DB " + table));
        return out;
    }

    /** Rules for the messages of one channel of a {@code redis} step. */
    public List<Rule> forChannel(String channel, StepKey step) {
        List<Rule> out = new ArrayList<>(stepRules(step, null, channel));
        out.addAll(routeRules("REDIS " + channel));
        return out;
    }

    private List<Rule> routeRules(String key) {
        List<Rule> out = new ArrayList<>(exact.getOrDefault(key, List.of()));
        for (Map.Entry<Pattern, List<Rule>> e : regex) {
            if (e.getKey().matcher(key).find()) {
                out.addAll(e.getValue());
            }
        }
        return out;
    }

    private List<Rule> stepRules(StepKey step, String table, String channel) {
        List<Rule> out = new ArrayList<>();
        if (step == null) {
            return out;
        }
        for (String key : List.of(step.scenario() + "@" + step.name(), step.scenario() + "#" + step.number())) {
            for (Rule r : steps.getOrDefault(key, List.of())) {
                boolean tableOk = r.table() == null || r.table().equals(table);
                boolean channelOk = r.channel() == null || r.channel().equals(channel);
                if (tableOk && channelOk) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    static List<Rule> parseAll(JsonNode array, String origin) {
        List<Rule> rules = new ArrayList<>();
        if (array != null && array.isArray()) {
            for (JsonNode r : array) {
                rules.add(Rule.parse(r, origin));
            }
        } else if (array != null && !array.isNull()) {
            throw new IllegalArgumentException(origin + ": expected a list of rules");
        }
        return rules;
    }

    private static Map<String, List<Rule>> copy(Map<String, List<Rule>> m) {
        Map<String, List<Rule>> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, new ArrayList<>(v)));
        return out;
    }

    /** Identifies a step for step-level rules. */
    public record StepKey(String scenario, String name, int number) {
    }
}
