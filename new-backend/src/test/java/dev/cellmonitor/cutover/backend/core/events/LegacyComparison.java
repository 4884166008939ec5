package dev.cellmonitor.cutover.backend.core.events;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.cellmonitor.cutover.backend.support.RecordingFiles;
import tools.jackson.databind.JsonNode;

/**
 * Compares a candidate's JSON with the legacy's recorded JSON under the recordings' comparison rules (FORMAT.md §8,
 * rules.json): strict types and key sets, generated values (UUIDs, wall-clock timestamps of the same format family,
 * volatile numbers) free, plus path rules ({@code ignore}, {@code ignore_value}, {@code unordered}, {@code keys_only},
 * {@code shape}). A small version of the parity suite's comparison, for this module's own tests.
 */
public final class LegacyComparison {

    public record Rule(String path, String kind) {
    }

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})([T ])(\\d{2}:\\d{2}:\\d{2})(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})?");
    private static final JsonNode RULES = RecordingFiles.rules();

    private final Instant recordedAt;
    private final List<Rule> rules;
    private final Set<String> volatileNumberKeys = new HashSet<>();

    public LegacyComparison(Instant recordedAt, List<Rule> rules) {
        this.recordedAt = recordedAt;
        this.rules = rules;
        RULES.path("global").path("volatile_number_keys").forEach(k -> volatileNumberKeys.add(k.stringValue()));
    }

    /** Rules of rules.json for a key ({@code "POST /api/v1/events"}, {@code "REDIS notifications"}, {@code "DB cells"}). */
    public static List<Rule> rulesFor(String key) {
        List<Rule> out = new ArrayList<>();
        RULES.path("routes").path(key).forEach(r -> out.add(new Rule(r.get("path").stringValue(), r.get("kind").stringValue())));
        return out;
    }

    /** Step rules of rules.json ({@code "<scenario>@<step name>"}), optionally limited to one table or channel. */
    public static List<Rule> stepRules(String scenario, String stepName, String tableOrChannel) {
        List<Rule> out = new ArrayList<>();
        RULES.path("steps").path(scenario + "@" + stepName).forEach(r -> {
            String only = r.has("table") ? r.get("table").stringValue() : r.has("channel") ? r.get("channel").stringValue() : null;
            if (only == null || only.equals(tableOrChannel)) {
                out.add(new Rule(r.get("path").stringValue(), r.get("kind").stringValue()));
            }
        });
        return out;
    }

    /** The differences, as readable lines; empty when the candidate matches. */
    public List<String> diff(JsonNode expected, JsonNode actual) {
        List<String> out = new ArrayList<>();
        compare(expected, actual, new ArrayList<>(), out);
        return out;
    }

    public boolean matches(JsonNode expected, JsonNode actual) {
        return diff(expected, actual).isEmpty();
    }

    private void compare(JsonNode e, JsonNode a, List<String> path, List<String> out) {
        String kind = ruleAt(path);
        if ("ignore".equals(kind)) {
            return;
        }
        if (a == null) {
            out.add(pointer(path) + ": missing");
            return;
        }
        if (!type(e).equals(type(a))) {
            out.add(pointer(path) + ": type " + type(a) + " instead of " + type(e) + " (" + a + " vs " + e + ")");
            return;
        }
        if ("ignore_value".equals(kind)) {
            return;
        }
        if (e.isObject()) {
            Set<String> ek = keys(e);
            Set<String> ak = keys(a);
            if (!ek.equals(ak)) {
                out.add(pointer(path) + ": keys " + ak + " instead of " + ek);
                return;
            }
            if ("keys_only".equals(kind)) {
                return;
            }
            for (String k : ek) {
                path.add(k);
                compare(e.get(k), a.get(k), path, out);
                path.removeLast();
            }
        } else if (e.isArray()) {
            if (e.size() != a.size()) {
                out.add(pointer(path) + ": " + a.size() + " items instead of " + e.size());
                return;
            }
            if ("unordered".equals(kind)) {
                List<JsonNode> left = new ArrayList<>();
                a.forEach(left::add);
                for (int i = 0; i < e.size(); i++) {
                    path.add(String.valueOf(i));
                    boolean found = false;
                    for (int j = 0; j < left.size() && !found; j++) {
                        List<String> probe = new ArrayList<>();
                        compare(e.get(i), left.get(j), new ArrayList<>(path), probe);
                        if (probe.isEmpty()) {
                            left.remove(j);
                            found = true;
                        }
                    }
                    if (!found) {
                        out.add(pointer(path) + ": no match for " + e.get(i));
                    }
                    path.removeLast();
                }
                return;
            }
            for (int i = 0; i < e.size(); i++) {
                path.add(String.valueOf(i));
                compare(e.get(i), a.get(i), path, out);
                path.removeLast();
            }
        } else if ("shape".equals(kind)) {
            return;
        } else if (e.isNumber()) {
            if (!path.isEmpty() && volatileNumberKeys.contains(path.getLast())) {
                return;
            }
            double x = e.doubleValue();
            double y = a.doubleValue();
            if (x != y && Math.abs(x - y) > 1e-9 * Math.max(Math.abs(x), Math.abs(y))) {
                out.add(pointer(path) + ": " + a + " instead of " + e);
            }
        } else if (e.isString()) {
            if (!normalise(e.stringValue()).equals(normaliseCandidate(a.stringValue(), e.stringValue()))) {
                out.add(pointer(path) + ": \"" + a.stringValue() + "\" instead of \"" + e.stringValue() + "\"");
            }
        } else if (!e.equals(a)) {
            out.add(pointer(path) + ": " + a + " instead of " + e);
        }
    }

    /** UUIDs and wall-clock timestamps (same family required) become placeholders. */
    private String normalise(String s) {
        String t = UUID.matcher(s).replaceAll("<uuid>");
        Matcher m = TIMESTAMP.matcher(t);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = isWallClock(m.group()) ? "<ts" + family(m) + ">" : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String normaliseCandidate(String candidate, String recorded) {
        // candidate timestamps are normalised whenever the recorded string had a wall-clock one at that place
        String t = UUID.matcher(candidate).replaceAll("<uuid>");
        Matcher m = TIMESTAMP.matcher(t);
        StringBuilder out = new StringBuilder();
        boolean recordedHasWallClock = TIMESTAMP.matcher(recorded).results().anyMatch(r -> isWallClock(r.group()));
        while (m.find()) {
            String replacement = recordedHasWallClock ? "<ts" + family(m) + ">" : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String family(Matcher m) {
        String zone = m.group(5) == null ? "naive" : m.group(5).equals("Z") ? "Z" : "offset";
        return ":" + m.group(2).replace(" ", "space") + ":" + zone;
    }

    private boolean isWallClock(String ts) {
        try {
            String iso = ts.replace(' ', 'T');
            Instant at = iso.endsWith("Z") || iso.matches(".*[+-]\\d{2}:\\d{2}$")
                    ? OffsetDateTime.parse(iso).toInstant()
                    : LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
            return Duration.between(at, recordedAt).abs().compareTo(Duration.ofDays(3)) <= 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private String ruleAt(List<String> path) {
        String kind = null;
        for (Rule r : rules) {
            if (matchesPath(r.path(), path)) {
                kind = r.kind();
            }
        }
        return kind;
    }

    private static boolean matchesPath(String pattern, List<String> path) {
        List<String> parts = pattern.isEmpty() ? List.of() : List.of(pattern.substring(1).split("/", -1));
        return match(parts, 0, path, 0);
    }

    private static boolean match(List<String> pattern, int i, List<String> path, int j) {
        if (i == pattern.size()) {
            return j == path.size();
        }
        String p = pattern.get(i);
        if (p.equals("**")) {
            for (int k = j; k <= path.size(); k++) {
                if (match(pattern, i + 1, path, k)) {
                    return true;
                }
            }
            return false;
        }
        return j < path.size() && (p.equals("*") || p.equals(path.get(j))) && match(pattern, i + 1, path, j + 1);
    }

    private static String type(JsonNode n) {
        if (n.isNull()) {
            return "null";
        }
        if (n.isBoolean()) {
            return "bool";
        }
        if (n.isIntegralNumber()) {
            return "int";
        }
        if (n.isNumber()) {
            return "float";
        }
        if (n.isString()) {
            return "string";
        }
        return n.isArray() ? "array" : "object";
    }

    private static Set<String> keys(JsonNode n) {
        Set<String> keys = new java.util.LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            keys.add(e.getKey());
        }
        return keys;
    }

    private static String pointer(List<String> path) {
        return path.isEmpty() ? "(body)" : "/" + String.join("/", path);
    }
}
