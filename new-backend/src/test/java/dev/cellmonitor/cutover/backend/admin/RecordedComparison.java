package dev.cellmonitor.cutover.backend.admin;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * Compares a recorded JSON value with the candidate's by the recordings' rules (FORMAT.md §8), simplified to what the
 * admin steps need: strict types and key sets, rule kinds, generated timestamps/UUIDs/JWTs and captured ids.
 */
final class RecordedComparison {

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern TIMESTAMP = Pattern.compile("(\\d{4}-\\d\\d-\\d\\d)([T ])(\\d\\d:\\d\\d:\\d\\d)(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)?");
    private static final Pattern JWT = Pattern.compile("^eyJ[\\w-]*\\.eyJ[\\w-]*\\.[\\w-]+$");

    /** Values captured by name: what the legacy returned when recording, and what the candidate returned now. */
    record Capture(JsonNode recorded, JsonNode candidate) {
    }

    private final List<RecordingRules.Rule> rules;
    private final Map<String, Capture> captures;
    private final Instant recordedAt;
    private final Duration window;
    private final Pattern idKey;
    private final Set<String> volatileNumberKeys = new HashSet<>();
    private final List<RecordingRules.Rule> substitutions = new ArrayList<>();
    private final Set<String> volatileColumns;
    final List<String> diffs = new ArrayList<>();

    RecordedComparison(JsonNode global, List<RecordingRules.Rule> rules, Map<String, Capture> captures, Instant recordedAt,
            Set<String> volatileColumns) {
        this.rules = rules;
        this.captures = captures;
        this.recordedAt = recordedAt;
        this.window = Duration.ofDays(global.path("volatile_timestamp_window_days").asLong(3));
        this.idKey = Pattern.compile(global.path("id_key_regex").asString("^(id|.+_id|.+Id)$"));
        global.path("volatile_number_keys").forEach(k -> volatileNumberKeys.add(k.asString()));
        global.path("string_substitutions").forEach(s -> substitutions.add(RecordingRules.Rule.of(s)));
        this.volatileColumns = volatileColumns;
    }

    boolean equal(JsonNode recorded, JsonNode candidate) {
        compare(new ArrayList<>(), null, recorded, candidate);
        return diffs.isEmpty();
    }

    private void compare(List<String> path, String key, JsonNode rec, JsonNode cand) {
        List<RecordingRules.Rule> here = rules.stream().filter(r -> matches(r.path(), path)).toList();
        for (RecordingRules.Rule r : here) {
            switch (r.kind()) {
                case "ignore" -> {
                    return;
                }
                case "ignore_value" -> {
                    sameType(path, rec, cand);
                    return;
                }
                case "volatile" -> {
                    volatileValue(path, rec, cand);
                    return;
                }
                case "keys_only" -> {
                    if (sameType(path, rec, cand) && rec.isObject() && !rec.propertyNames().equals(cand.propertyNames())) {
                        diff(path, "keys " + rec.propertyNames() + " vs " + cand.propertyNames());
                    }
                    return;
                }
                case "shape" -> {
                    shape(path, rec, cand);
                    return;
                }
                case "pattern" -> {
                    if (!cand.isString() || !Pattern.compile(r.regex()).matcher(cand.asString()).find()) {
                        diff(path, cand + " does not match " + r.regex());
                    }
                    return;
                }
                case "oneof" -> {
                    boolean found = false;
                    for (JsonNode v : r.values()) {
                        found |= v.equals(cand);
                    }
                    if (!found) {
                        diff(path, cand + " is none of " + r.values());
                    }
                    return;
                }
                default -> {
                }
            }
        }
        if (key != null && volatileColumns.contains(key)) {
            sameType(path, rec, cand);
            return;
        }
        if (!sameType(path, rec, cand)) {
            return;
        }
        if (rec.isObject()) {
            if (!rec.propertyNames().equals(cand.propertyNames())) {
                diff(path, "keys " + rec.propertyNames() + " vs " + cand.propertyNames());
                return;
            }
            for (String name : rec.propertyNames()) {
                path.add(name);
                compare(path, name, rec.get(name), cand.get(name));
                path.remove(path.size() - 1);
            }
        } else if (rec.isArray()) {
            if (rec.size() != cand.size()) {
                diff(path, "length " + rec.size() + " vs " + cand.size());
                return;
            }
            boolean unordered = here.stream().anyMatch(r -> r.kind().equals("unordered"));
            if (unordered) {
                unorderedArray(path, rec, cand);
                return;
            }
            for (int i = 0; i < rec.size(); i++) {
                path.add(String.valueOf(i));
                compare(path, null, rec.get(i), cand.get(i));
                path.remove(path.size() - 1);
            }
        } else if (rec.isString()) {
            String r = normalize(rec.asString(), here, true);
            String c = normalize(cand.asString(), here, false);
            if (!r.equals(c) && !sameJwt(rec.asString(), cand.asString())) {
                diff(path, rec + " vs " + cand);
            }
        } else if (rec.isNumber()) {
            numbers(path, key, rec, cand);
        } else if (!rec.equals(cand)) {
            diff(path, rec + " vs " + cand);
        }
    }

    private void numbers(List<String> path, String key, JsonNode rec, JsonNode cand) {
        if (key != null && volatileNumberKeys.contains(key)) {
            return;
        }
        if (rec.isIntegralNumber() && key != null && idKey.matcher(key).matches()) {
            List<JsonNode> expected = captures.values().stream().filter(c -> rec.equals(c.recorded())).map(Capture::candidate).toList();
            if (!expected.isEmpty() && !expected.contains(cand)) {
                diff(path, "id " + cand + " should be the captured " + expected);
            }
            return;
        }
        if (rec.isIntegralNumber() ? !rec.bigIntegerValue().equals(cand.bigIntegerValue())
                : Math.abs(rec.doubleValue() - cand.doubleValue()) > 1e-9 * Math.max(1, Math.abs(rec.doubleValue()))) {
            diff(path, rec + " vs " + cand);
        }
    }

    private void volatileValue(List<String> path, JsonNode rec, JsonNode cand) {
        if (!sameType(path, rec, cand)) {
            return;
        }
        List<JsonNode> expected = captures.values().stream().filter(c -> rec.equals(c.recorded())).map(Capture::candidate).toList();
        if (!expected.isEmpty() && !expected.contains(cand)) {
            diff(path, cand + " should be the captured " + expected);
        }
    }

    private void unorderedArray(List<String> path, JsonNode rec, JsonNode cand) {
        boolean[] used = new boolean[cand.size()];
        for (int i = 0; i < rec.size(); i++) {
            boolean found = false;
            for (int j = 0; j < cand.size() && !found; j++) {
                if (used[j]) {
                    continue;
                }
                RecordedComparison probe = new RecordedComparison(this);
                List<String> p = new ArrayList<>(path);
                p.add(String.valueOf(i));
                probe.compare(p, null, rec.get(i), cand.get(j));
                if (probe.diffs.isEmpty()) {
                    used[j] = true;
                    found = true;
                }
            }
            if (!found) {
                diff(path, "no candidate element matches " + rec.get(i));
            }
        }
    }

    private RecordedComparison(RecordedComparison parent) {
        this.rules = parent.rules;
        this.captures = parent.captures;
        this.recordedAt = parent.recordedAt;
        this.window = parent.window;
        this.idKey = parent.idKey;
        this.volatileNumberKeys.addAll(parent.volatileNumberKeys);
        this.substitutions.addAll(parent.substitutions);
        this.volatileColumns = parent.volatileColumns;
    }

    private void shape(List<String> path, JsonNode rec, JsonNode cand) {
        if (!sameType(path, rec, cand)) {
            return;
        }
        if (rec.isObject()) {
            if (!rec.propertyNames().equals(cand.propertyNames())) {
                diff(path, "keys " + rec.propertyNames() + " vs " + cand.propertyNames());
                return;
            }
            rec.propertyNames().forEach(n -> shape(path, rec.get(n), cand.get(n)));
        } else if (rec.isArray()) {
            if (rec.size() != cand.size()) {
                diff(path, "length " + rec.size() + " vs " + cand.size());
                return;
            }
            for (int i = 0; i < rec.size(); i++) {
                shape(path, rec.get(i), cand.get(i));
            }
        }
    }

    private String normalize(String s, List<RecordingRules.Rule> here, boolean recorded) {
        for (RecordingRules.Rule sub : substitutions) {
            s = s.replaceAll(sub.regex(), sub.javaRepl());
        }
        for (RecordingRules.Rule r : here) {
            if (r.kind().equals("sub")) {
                s = Pattern.compile(r.regex()).matcher(s).replaceAll(r.javaRepl());
            }
        }
        if (recorded) {
            for (Capture c : captures.values()) {
                if (c.recorded().isString() && c.recorded().asString().length() >= 6 && c.candidate().isString()) {
                    s = s.replace(c.recorded().asString(), c.candidate().asString());
                }
            }
        }
        s = UUID.matcher(s).replaceAll("<uuid>");
        Instant reference = recorded ? recordedAt : Instant.now();
        Matcher m = TIMESTAMP.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String zone = m.group(5);
            String family = m.group(2) + (zone == null ? "naive" : zone.equals("Z") ? "Z" : "offset");
            boolean volatileTime = within(m, reference);
            m.appendReplacement(out, Matcher.quoteReplacement(volatileTime ? "<ts " + family + ">" : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private boolean within(Matcher m, Instant reference) {
        try {
            LocalDateTime local = LocalDateTime.parse(m.group(1) + "T" + m.group(3));
            String zone = m.group(5);
            Instant at = zone == null || zone.equals("Z") ? local.toInstant(ZoneOffset.UTC)
                    : OffsetDateTime.of(local, ZoneOffset.of(zone)).toInstant();
            return Duration.between(at, reference).abs().compareTo(window) <= 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** JWTs match when header and claim names are the same and so is the subject. */
    private static boolean sameJwt(String recorded, String candidate) {
        if (!JWT.matcher(recorded).matches() || !JWT.matcher(candidate).matches()) {
            return false;
        }
        String[] r = recorded.split("\\.");
        String[] c = candidate.split("\\.");
        JsonNode rh = decode(r[0]);
        JsonNode ch = decode(c[0]);
        JsonNode rc = decode(r[1]);
        JsonNode cc = decode(c[1]);
        return rh.equals(ch) && rc.propertyNames().equals(cc.propertyNames()) && rc.path("sub").equals(cc.path("sub"));
    }

    private static JsonNode decode(String part) {
        return AdminApi.JSON.readTree(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
    }

    private boolean sameType(List<String> path, JsonNode rec, JsonNode cand) {
        if (!type(rec).equals(type(cand))) {
            diff(path, type(rec) + " " + rec + " vs " + type(cand) + " " + cand);
            return false;
        }
        return true;
    }

    private static String type(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
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

    /** JSON-pointer-like rule paths with {@code *} (one segment) and {@code **} (any number). */
    static boolean matches(String rulePath, List<String> path) {
        List<String> pattern = rulePath.isEmpty() ? List.of() : List.of(rulePath.substring(1).split("/", -1));
        return match(pattern, 0, path, 0);
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

    private void diff(List<String> path, String what) {
        diffs.add("/" + String.join("/", path) + ": " + what);
    }
}
