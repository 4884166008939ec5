package dev.cellmonitor.cutover.parity.divergence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.cellmonitor.cutover.parity.compare.Rule;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The accepted divergences, read from {@code docs/divergences.md}: every table row under a {@code ## section}
 * whose last column holds a JSON object in a code span. A row that cannot be read is an error (a rule that
 * silently does nothing would hide a failure); a key the tool does not know is a warning.
 */
public final class DivergenceBook {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> KEYS = Set.of("route", "step", "status", "body", "rules", "ws");
    private static final Set<String> INFORMATIVE = Set.of("why", "note");

    private final List<Divergence> divergences;
    private final List<String> warnings;

    private DivergenceBook(List<Divergence> divergences, List<String> warnings) {
        this.divergences = List.copyOf(divergences);
        this.warnings = List.copyOf(warnings);
    }

    public static DivergenceBook empty() {
        return new DivergenceBook(List.of(), List.of());
    }

    public static DivergenceBook load(Path markdown) {
        try {
            return parse(Files.readAllLines(markdown), markdown.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + markdown, e);
        }
    }

    public static DivergenceBook parse(List<String> lines, String origin) {
        List<Divergence> out = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String section = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.startsWith("## ")) {
                section = line.substring(3).trim();
                continue;
            }
            if (section == null || !line.startsWith("|")) {
                continue;
            }
            int start = line.lastIndexOf("`{");
            int end = line.lastIndexOf("}`");
            if (start < 0 || end < start) {
                continue;
            }
            String where = origin + ":" + (i + 1);
            String json = line.substring(start + 1, end + 1).replace("\\|", "|");
            String id = firstCell(line);
            try {
                out.add(divergence(id, section, i + 1, json, where, warnings));
            } catch (IllegalArgumentException | JacksonException e) {
                errors.add(where + " (" + id + "): " + (e instanceof JacksonException j ? "not JSON: "
                        + j.getOriginalMessage() : e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("unreadable parity rules in " + origin + ":\n  "
                    + String.join("\n  ", errors));
        }
        return new DivergenceBook(out, warnings);
    }

    private static Divergence divergence(String id, String section, int line, String json, String where,
                                         List<String> warnings) {
        JsonNode node = JSON.readTree(json);
        if (!node.isObject()) {
            throw new IllegalArgumentException("the parity rule must be a JSON object");
        }
        for (String key : node.propertyNames()) {
            if (!KEYS.contains(key) && !INFORMATIVE.contains(key)) {
                warnings.add(where + " (" + id + "): unknown key '" + key + "' ignored");
            }
        }
        String route = text(node, "route");
        if (route == null || route.isBlank()) {
            throw new IllegalArgumentException("\"route\" is required");
        }
        if (route.startsWith("~")) {
            try {
                Pattern.compile(route.substring(1));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("bad route regex: " + e.getDescription());
            }
        }
        Divergence.StatusRule status = null;
        JsonNode s = node.get("status");
        if (s != null && !s.isNull()) {
            Set<Integer> legacy = codes(s.get("legacy"), "status.legacy");
            Set<Integer> candidate = codes(s.get("candidate"), "status.candidate");
            status = new Divergence.StatusRule(legacy, candidate, body(text(node, "body")));
        } else if (node.has("body")) {
            throw new IllegalArgumentException("\"body\" only applies together with \"status\"");
        }
        List<Rule> rules = new ArrayList<>();
        for (JsonNode r : node.path("rules")) {
            rules.add(Rule.parse(r, "divergence " + id));
        }
        Set<Divergence.Ws> ws = EnumSet.noneOf(Divergence.Ws.class);
        JsonNode w = node.get("ws");
        if (w != null && !w.isNull()) {
            for (JsonNode v : w.isArray() ? w : List.of(w)) {
                switch (v.asString()) {
                    case "extra_frames" -> ws.add(Divergence.Ws.EXTRA_FRAMES);
                    case "no_close" -> ws.add(Divergence.Ws.NO_CLOSE);
                    default -> throw new IllegalArgumentException("\"ws\" must be extra_frames or no_close, not "
                            + v);
                }
            }
        }
        if (status == null && rules.isEmpty() && ws.isEmpty()) {
            warnings.add(where + " (" + id + "): the rule accepts nothing (no status, rules or ws): documentation only");
        }
        return new Divergence(id, section, line, route, text(node, "step"), status, List.copyOf(rules), ws, json);
    }

    private static Set<Integer> codes(JsonNode list, String what) {
        if (list == null || !(list.isArray() || list.isIntegralNumber())) {
            throw new IllegalArgumentException("\"" + what + "\" must be a list of status codes");
        }
        Set<Integer> out = new LinkedHashSet<>();
        for (JsonNode c : list.isArray() ? list : List.of(list)) {
            if (!c.isIntegralNumber()) {
                throw new IllegalArgumentException("\"" + what + "\" must hold status codes, not " + c);
            }
            out.add(c.asInt());
        }
        return Set.copyOf(out);
    }

    private static Divergence.Body body(String value) {
        if (value == null) {
            return Divergence.Body.SAME;
        }
        try {
            return Divergence.Body.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"body\" must be detail, any or same, not " + value);
        }
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static String firstCell(String row) {
        String[] cells = row.split("(?<!\\\\)\\|", -1);
        return cells.length > 1 ? cells[1].trim().replace("`", "") : "?";
    }

    public List<Divergence> all() {
        return divergences;
    }

    public List<String> warnings() {
        return warnings;
    }
}
