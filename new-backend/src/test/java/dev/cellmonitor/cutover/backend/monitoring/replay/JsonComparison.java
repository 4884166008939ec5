package dev.cellmonitor.cutover.backend.monitoring.replay;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * The recordings' comparison (FORMAT.md §8) in its simple form: strict JSON types and key sets, arrays in order
 * unless a rule says otherwise, generated values normalised (wall-clock timestamps by format family, UUIDs,
 * integer ids), and the rule kinds of rules.json / docs/divergences.md.
 */
final class JsonComparison {

    private static final Pattern TIMESTAMP = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})([T ])(\\d{2}):(\\d{2}):(\\d{2})(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})?");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern ID_KEY = Pattern.compile("^(id|.+_id|.+Id)$");

    /** One comparison rule: a JSON pointer pattern and its kind (with the kind's parameters). */
    record Rule(String path, String kind, JsonNode spec) {
        boolean applies(String pointer) {
            return pattern(path).matcher(pointer).matches();
        }

        private static Pattern pattern(String path) {
            if (path.isEmpty()) {
                return Pattern.compile("");
            }
            StringBuilder regex = new StringBuilder();
            String absolute = path.startsWith("/") ? path : "/" + path;
            for (String segment : absolute.substring(1).split("/", -1)) {
                regex.append('/');
                regex.append(segment.equals("**") ? ".*" : segment.equals("*") ? "[^/]*" : Pattern.quote(segment));
            }
            return Pattern.compile(regex.toString().replace("/.*", "(/.*)?"));
        }
    }

    private final List<Rule> rules;
    private final Set<String> volatileNumberKeys;
    private final LocalDate recordedOn;
    private final int windowDays;
    private final List<String> differences = new ArrayList<>();

    JsonComparison(List<Rule> rules, Set<String> volatileNumberKeys, LocalDate recordedOn, int windowDays) {
        this.rules = rules;
        this.volatileNumberKeys = volatileNumberKeys;
        this.recordedOn = recordedOn;
        this.windowDays = windowDays;
    }

    List<String> differences() {
        return differences;
    }

    boolean equal(JsonNode expected, JsonNode actual) {
        int before = differences.size();
        compare(expected, actual, "", null);
        return differences.size() == before;
    }

    private boolean quietlyEqual(JsonNode expected, JsonNode actual, String pointer, String key) {
        JsonComparison probe = new JsonComparison(rules, volatileNumberKeys, recordedOn, windowDays);
        probe.compare(expected, actual, pointer, key);
        return probe.differences.isEmpty();
    }

    private void compare(JsonNode expected, JsonNode actual, String pointer, String key) {
        boolean unordered = false;
        for (Rule rule : rules) {
            if (!rule.applies(pointer)) {
                continue;
            }
            switch (rule.kind()) {
                case "ignore":
                    return;
                case "ignore_value":
                case "volatile":
                    if (!type(expected).equals(type(actual))) {
                        differ(pointer, "type " + type(expected) + " expected, got " + type(actual));
                    }
                    return;
                case "pattern":
                    if (actual == null || !Pattern.compile(rule.spec().get("regex").asString()).matcher(text(actual)).find()) {
                        differ(pointer, "does not match " + rule.spec().get("regex").asString() + ": " + actual);
                    }
                    return;
                case "oneof":
                    boolean found = false;
                    for (JsonNode value : rule.spec().get("values")) {
                        found |= quietlyEqual(value, actual, pointer + "\u0000", key);
                    }
                    if (!found) {
                        differ(pointer, "not one of " + rule.spec().get("values") + ": " + actual);
                    }
                    return;
                case "keys_only":
                    if (!keys(expected).equals(keys(actual))) {
                        differ(pointer, "keys " + keys(expected) + " expected, got " + keys(actual));
                    }
                    return;
                case "shape":
                    shape(expected, actual, pointer);
                    return;
                case "unordered":
                    unordered = true;
                    break;
                case "sub":
                    if (expected != null && expected.isString() && actual != null && actual.isString()) {
                        String regex = rule.spec().get("regex").asString();
                        String repl = rule.spec().get("repl").asString().replaceAll("\\\\(\\d)", "\\$$1");
                        expected = tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(expected.asString().replaceAll(regex, repl));
                        actual = tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(actual.asString().replaceAll(regex, repl));
                    }
                    break;
                default:
                    break;
            }
        }
        if (!type(expected).equals(type(actual))) {
            if (!(key != null && ID_KEY.matcher(key).matches() && "int".equals(type(expected)) && "int".equals(type(actual)))) {
                differ(pointer, "type " + type(expected) + " expected, got " + type(actual) + " (" + actual + ")");
            }
            return;
        }
        switch (type(expected)) {
            case "object" -> {
                if (!keys(expected).equals(keys(actual))) {
                    differ(pointer, "keys " + keys(expected) + " expected, got " + keys(actual));
                    return;
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = expected.properties().iterator(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    compare(field.getValue(), actual.get(field.getKey()), pointer + "/" + escape(field.getKey()), field.getKey());
                }
            }
            case "array" -> {
                if (expected.size() != actual.size()) {
                    differ(pointer, expected.size() + " items expected, got " + actual.size());
                    return;
                }
                if (unordered) {
                    List<JsonNode> left = new ArrayList<>();
                    actual.forEach(left::add);
                    for (int i = 0; i < expected.size(); i++) {
                        JsonNode wanted = expected.get(i);
                        int match = -1;
                        for (int j = 0; j < left.size() && match < 0; j++) {
                            if (quietlyEqual(wanted, left.get(j), pointer + "/" + i, null)) {
                                match = j;
                            }
                        }
                        if (match < 0) {
                            differ(pointer + "/" + i, "no match for " + wanted);
                        } else {
                            left.remove(match);
                        }
                    }
                } else {
                    for (int i = 0; i < expected.size(); i++) {
                        compare(expected.get(i), actual.get(i), pointer + "/" + i, null);
                    }
                }
            }
            case "string" -> {
                if (!strings(expected.asString(), actual.asString())) {
                    differ(pointer, "\"" + expected.asString() + "\" expected, got \"" + actual.asString() + "\"");
                }
            }
            case "int" -> {
                boolean idLike = key != null && ID_KEY.matcher(key).matches();
                if (!idLike && !volatileNumberKeys.contains(key) && !expected.bigIntegerValue().equals(actual.bigIntegerValue())) {
                    differ(pointer, expected + " expected, got " + actual);
                }
            }
            case "float" -> {
                double e = expected.doubleValue();
                double a = actual.doubleValue();
                if (!volatileNumberKeys.contains(key) && Math.abs(e - a) > 1e-9 * Math.max(1, Math.abs(e))) {
                    differ(pointer, expected + " expected, got " + actual);
                }
            }
            default -> {
                if (!expected.equals(actual)) {
                    differ(pointer, expected + " expected, got " + actual);
                }
            }
        }
    }

    private void shape(JsonNode expected, JsonNode actual, String pointer) {
        if (!type(expected).equals(type(actual))) {
            differ(pointer, "shape: type " + type(expected) + " expected, got " + type(actual));
            return;
        }
        if (expected.isObject()) {
            if (!keys(expected).equals(keys(actual))) {
                differ(pointer, "shape: keys differ");
                return;
            }
            expected.properties().forEach(f -> shape(f.getValue(), actual.get(f.getKey()), pointer + "/" + f.getKey()));
        } else if (expected.isArray()) {
            if (expected.size() != actual.size()) {
                differ(pointer, "shape: " + expected.size() + " items expected, got " + actual.size());
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                shape(expected.get(i), actual.get(i), pointer + "/" + i);
            }
        }
    }

    /** Equal, or equal once wall-clock timestamps (same format family) and UUIDs are set aside. */
    boolean strings(String expected, String actual) {
        if (expected.equals(actual)) {
            return true;
        }
        StringBuilder regex = new StringBuilder();
        Matcher m = Pattern.compile(TIMESTAMP.pattern() + "|" + UUID.pattern()).matcher(expected);
        int last = 0;
        boolean generated = false;
        while (m.find()) {
            regex.append(Pattern.quote(expected.substring(last, m.start())));
            String found = m.group();
            if (UUID.matcher(found).matches()) {
                regex.append(UUID.pattern());
                generated = true;
            } else if (wallClock(m)) {
                regex.append("\\d{4}-\\d{2}-\\d{2}").append(Pattern.quote(m.group(4))).append("\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?");
                String zone = m.group(9);
                regex.append(zone == null ? "" : zone.equals("Z") ? "Z" : "[+-]\\d{2}:\\d{2}");
                generated = true;
            } else {
                regex.append(Pattern.quote(found));
            }
            last = m.end();
        }
        regex.append(Pattern.quote(expected.substring(last)));
        return generated && Pattern.compile(regex.toString()).matcher(actual).matches();
    }

    private boolean wallClock(Matcher m) {
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            return Math.abs(date.toEpochDay() - recordedOn.toEpochDay()) <= windowDays;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void differ(String pointer, String what) {
        differences.add((pointer.isEmpty() ? "(root)" : pointer) + ": " + what);
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
        Set<String> keys = new TreeSet<>();
        if (node != null && node.isObject()) {
            node.propertyNames().forEach(keys::add);
        }
        return keys;
    }

    private static String text(JsonNode node) {
        return node.isString() ? node.asString() : node.toString();
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
