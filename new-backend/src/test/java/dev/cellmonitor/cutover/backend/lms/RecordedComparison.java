package dev.cellmonitor.cutover.backend.lms;

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

import tools.jackson.databind.JsonNode;

/**
 * The comparison of the recordings' FORMAT.md §8, reduced to what the LMS steps need: strict JSON types and key
 * sets, generated values normalised (UUIDs, wall-clock timestamps compared by format family only, ids compared
 * through the scenario's captures) and the rule kinds of {@code rules.json} (ignore, ignore_value, volatile,
 * keys_only, shape, unordered, pattern, sub).
 */
final class RecordedComparison {

    /** One comparison rule: a JSON pointer with {@code *}/{@code **} and its kind. */
    record Rule(List<String> path, String kind, JsonNode spec) {

        static Rule of(JsonNode spec) {
            String pointer = spec.get("path").asString();
            List<String> path = pointer.isEmpty() ? List.of() : List.of(pointer.substring(1).split("/", -1));
            return new Rule(path, spec.get("kind").asString(), spec);
        }

        boolean matches(List<String> at) {
            return matches(path, 0, at, 0);
        }

        private static boolean matches(List<String> pattern, int p, List<String> at, int a) {
            if (p == pattern.size()) {
                return a == at.size();
            }
            String segment = pattern.get(p);
            if (segment.equals("**")) {
                for (int skip = a; skip <= at.size(); skip++) {
                    if (matches(pattern, p + 1, at, skip)) {
                        return true;
                    }
                }
                return false;
            }
            return a < at.size() && (segment.equals("*") || segment.equals(at.get(a))) && matches(pattern, p + 1, at, a + 1);
        }
    }

    /** A value the scenario captured: the legacy's and this backend's. */
    record Capture(JsonNode legacy, JsonNode candidate) {
    }

    private static final Pattern ID_KEY = Pattern.compile("^(id|.+_id|.+Id)$");
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})([T ])(\\d{2}:\\d{2}:\\d{2})(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})?");

    private final List<Rule> rules;
    private final Map<String, Capture> captures;
    private final Instant recordedAt;
    private final Duration window;
    private final List<String> differences = new ArrayList<>();

    RecordedComparison(List<Rule> rules, Map<String, Capture> captures, Instant recordedAt, Duration window) {
        this.rules = rules;
        this.captures = captures;
        this.recordedAt = recordedAt;
        this.window = window;
    }

    /** The differences between the recorded and the candidate body (empty: they match). */
    List<String> compare(JsonNode recorded, JsonNode candidate) {
        compare(recorded, candidate, new ArrayList<>(), null);
        return differences;
    }

    private void compare(JsonNode rec, JsonNode cand, List<String> at, String key) {
        List<Rule> matching = rules.stream().filter(r -> r.matches(at)).toList();
        String where = "/" + String.join("/", at);
        List<Rule> substitutions = matching.stream().filter(r -> r.kind().equals("sub")).toList();
        if (!substitutions.isEmpty() && rec.isString() && cand.isString()) {
            String r = rec.asString();
            String c = cand.asString();
            for (Rule sub : substitutions) {
                String regex = sub.spec().get("regex").asString();
                String repl = sub.spec().get("repl").asString().replaceAll("\\\\(\\d)", "\\$$1");
                r = r.replaceAll(regex, repl);
                c = c.replaceAll(regex, repl);
            }
            if (!sameText(r, c)) {
                differences.add(where + ": " + cand + " instead of " + rec);
            }
            return;
        }
        Rule rule = matching.stream().filter(r -> !r.kind().equals("sub")).reduce((first, second) -> second).orElse(null);
        if (rule != null) {
            switch (rule.kind()) {
                case "ignore" -> {
                    return;
                }
                case "ignore_value", "volatile" -> {
                    if (!type(rec).equals(type(cand))) {
                        differences.add(where + ": type " + type(cand) + " instead of " + type(rec));
                    }
                    return;
                }
                case "keys_only" -> {
                    if (!rec.isObject() || !cand.isObject() || !keys(rec).equals(keys(cand))) {
                        differences.add(where + ": keys " + keys(cand) + " instead of " + keys(rec));
                    }
                    return;
                }
                case "shape" -> {
                    shape(rec, cand, where);
                    return;
                }
                case "pattern" -> {
                    if (!cand.isString() || !Pattern.compile(rule.spec().get("regex").asString()).matcher(cand.asString()).find()) {
                        differences.add(where + ": does not match " + rule.spec().get("regex").asString());
                    }
                    return;
                }
                case "unordered" -> {
                    unordered(rec, cand, at, where);
                    return;
                }
                default -> {
                    // not a kind the LMS steps use: compare as usual
                }
            }
        }
        if (!type(rec).equals(type(cand))) {
            differences.add(where + ": " + type(cand) + " " + cand + " instead of " + type(rec) + " " + rec);
            return;
        }
        switch (type(rec)) {
            case "object" -> {
                if (!keys(rec).equals(keys(cand))) {
                    differences.add(where + ": keys " + keys(cand) + " instead of " + keys(rec));
                    return;
                }
                rec.properties().forEach(e -> compare(e.getValue(), cand.get(e.getKey()), with(at, e.getKey()), e.getKey()));
            }
            case "array" -> {
                if (rec.size() != cand.size()) {
                    differences.add(where + ": " + cand.size() + " elements instead of " + rec.size());
                    return;
                }
                for (int i = 0; i < rec.size(); i++) {
                    compare(rec.get(i), cand.get(i), with(at, String.valueOf(i)), null);
                }
            }
            case "int" -> {
                if (key != null && ID_KEY.matcher(key).matches()) {
                    List<JsonNode> expected = captures.values().stream().filter(c -> c.legacy().equals(rec))
                            .map(Capture::candidate).toList();
                    if (!expected.isEmpty() && !expected.contains(cand)) {
                        differences.add(where + ": id " + cand + " instead of the captured " + expected);
                    }
                } else if (!rec.equals(cand)) {
                    differences.add(where + ": " + cand + " instead of " + rec);
                }
            }
            case "float" -> {
                double a = rec.asDouble();
                double b = cand.asDouble();
                if (Math.abs(a - b) > 1e-9 * Math.max(Math.abs(a), Math.abs(b))) {
                    differences.add(where + ": " + cand + " instead of " + rec);
                }
            }
            case "string" -> {
                if (!sameText(rec.asString(), cand.asString())) {
                    differences.add(where + ": " + cand + " instead of " + rec);
                }
            }
            default -> {
                if (!rec.equals(cand)) {
                    differences.add(where + ": " + cand + " instead of " + rec);
                }
            }
        }
    }

    /**
     * Strings are equal after the recorded one is turned into a pattern: captured values map to this backend's,
     * UUIDs match any UUID, wall-clock timestamps match any timestamp of the same format family.
     */
    boolean sameText(String recorded, String candidate) {
        for (Capture capture : captures.values()) {
            if (capture.legacy().isString() && capture.legacy().asString().length() >= 6 && capture.candidate().isString()) {
                recorded = recorded.replace(capture.legacy().asString(), capture.candidate().asString());
            }
        }
        StringBuilder regex = new StringBuilder();
        int last = 0;
        Matcher m = Pattern.compile(TIMESTAMP.pattern() + "|" + UUID.pattern()).matcher(recorded);
        while (m.find()) {
            regex.append(Pattern.quote(recorded.substring(last, m.start())));
            String token = m.group();
            if (UUID.matcher(token).matches()) {
                regex.append(UUID.pattern());
            } else if (volatileTime(m)) {
                regex.append("\\d{4}-\\d{2}-\\d{2}").append(Pattern.quote(m.group(2))).append("\\d{2}:\\d{2}:\\d{2}(\\.\\d{6})?");
                String zone = m.group(5);
                regex.append(zone == null ? "" : zone.equals("Z") ? "Z" : "[+-]\\d{2}:\\d{2}");
            } else {
                regex.append(Pattern.quote(token));
            }
            last = m.end();
        }
        regex.append(Pattern.quote(recorded.substring(last)));
        return Pattern.compile(regex.toString()).matcher(candidate).matches();
    }

    private boolean volatileTime(Matcher m) {
        try {
            LocalDateTime local = LocalDateTime.parse(m.group(1) + "T" + m.group(3));
            String zone = m.group(5);
            Instant at = zone == null ? local.toInstant(ZoneOffset.UTC)
                    : OffsetDateTime.of(local, ZoneOffset.of(zone.equals("Z") ? "Z" : zone)).toInstant();
            return Duration.between(at, recordedAt).abs().compareTo(window) <= 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void unordered(JsonNode rec, JsonNode cand, List<String> at, String where) {
        if (!rec.isArray() || !cand.isArray() || rec.size() != cand.size()) {
            differences.add(where + ": unordered arrays of different shape: " + cand + " instead of " + rec);
            return;
        }
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < rec.size(); i++) {
            boolean found = false;
            for (int j = 0; j < cand.size() && !found; j++) {
                if (!used.contains(j)) {
                    RecordedComparison probe = new RecordedComparison(rules, captures, recordedAt, window);
                    probe.compare(rec.get(i), cand.get(j), with(at, String.valueOf(i)), null);
                    if (probe.differences.isEmpty()) {
                        used.add(j);
                        found = true;
                    }
                }
            }
            if (!found) {
                differences.add(where + ": no element matches " + rec.get(i));
            }
        }
    }

    private void shape(JsonNode rec, JsonNode cand, String where) {
        if (!type(rec).equals(type(cand))) {
            differences.add(where + ": " + type(cand) + " instead of " + type(rec));
        } else if (rec.isObject()) {
            if (!keys(rec).equals(keys(cand))) {
                differences.add(where + ": keys " + keys(cand) + " instead of " + keys(rec));
            } else {
                rec.properties().forEach(e -> shape(e.getValue(), cand.get(e.getKey()), where + "/" + e.getKey()));
            }
        } else if (rec.isArray()) {
            if (rec.size() != cand.size()) {
                differences.add(where + ": " + cand.size() + " elements instead of " + rec.size());
            } else {
                for (int i = 0; i < rec.size(); i++) {
                    shape(rec.get(i), cand.get(i), where + "/" + i);
                }
            }
        }
    }

    static String type(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "missing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isBoolean()) {
            return "bool";
        }
        if (node.isIntegralNumber()) {
            return "int";
        }
        if (node.isNumber()) {
            return "float";
        }
        if (node.isString()) {
            return "string";
        }
        return node.isArray() ? "array" : "object";
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> keys = new java.util.TreeSet<>();
        if (node != null && node.isObject()) {
            node.properties().forEach(e -> keys.add(e.getKey()));
        }
        return keys;
    }

    private static List<String> with(List<String> at, String segment) {
        List<String> out = new ArrayList<>(at);
        out.add(segment);
        return out;
    }
}
