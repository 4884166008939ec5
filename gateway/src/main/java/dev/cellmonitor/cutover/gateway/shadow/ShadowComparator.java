package dev.cellmonitor.cutover.gateway.shadow;

import java.util.Arrays;
import java.util.Iterator;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Compares the legacy's answer with the new backend's: status, then the JSON body after the recordings'
 * normalisations, kept simple (FORMAT.md §8, rules.json "global"): generated UUIDs and wall-clock timestamps
 * are compared by kind and format family only (Z-time, offset-time, naive-time), integer ids
 * ({@code id}, {@code *_id}, {@code *Id}) and volatile durations by JSON type only. Types stay strict
 * ({@code 100.0} is not {@code 100}), key order is ignored, arrays compare element by element. Non-JSON
 * bodies must be byte-identical.
 */
final class ShadowComparator {

    static final Pattern ID_KEY = Pattern.compile("^(id|.+_id|.+Id)$");
    static final Set<String> VOLATILE_NUMBERS = Set.of("duration_ms", "total_processing_time_ms", "collection_time_ms",
            "collection_duration_ms", "sync_duration_ms", "connected_duration_seconds", "uptime_seconds",
            "auth_duration");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}([T ])\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})?");

    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * @param where  JSON pointer (or {@code status}, {@code body}) of the first difference; null on a match
     */
    record Result(boolean match, String where, String legacy, String candidate) {
        static final Result MATCH = new Result(true, null, null, null);
    }

    Result compare(Captured legacy, Captured candidate) {
        if (legacy.status() != candidate.status()) {
            return new Result(false, "status", Integer.toString(legacy.status()), Integer.toString(candidate.status()));
        }
        JsonNode a = parse(legacy);
        JsonNode b = parse(candidate);
        if (a == null || b == null) {
            if (a == null && b == null && Arrays.equals(legacy.body(), candidate.body())) {
                return Result.MATCH;
            }
            return new Result(false, "body", snippet(legacy), snippet(candidate));
        }
        return firstDifference("", normalise(a, null), normalise(b, null));
    }

    private JsonNode parse(Captured captured) {
        String type = captured.contentType() == null ? "" : captured.contentType().toLowerCase();
        if (!type.contains("json") || captured.body().length == 0) {
            return null;
        }
        try {
            return json.readTree(captured.body());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private JsonNode normalise(JsonNode node, String key) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (node.isObject()) {
            ObjectNode out = nodes.objectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                out.set(field.getKey(), normalise(field.getValue(), field.getKey()));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = nodes.arrayNode();
            node.forEach(item -> out.add(normalise(item, null)));
            return out;
        }
        if (key != null && node.isIntegralNumber() && ID_KEY.matcher(key).matches()) {
            return nodes.stringNode("<integer id>");
        }
        if (key != null && node.isNumber() && VOLATILE_NUMBERS.contains(key)) {
            return nodes.stringNode("<number>");
        }
        if (node.isString()) {
            return nodes.stringNode(normaliseText(node.asString()));
        }
        return node;
    }

    static String normaliseText(String text) {
        String out = UUID.matcher(text).replaceAll("<uuid>");
        Matcher m = TIMESTAMP.matcher(out);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String zone = m.group(2);
            String family = zone == null ? "naive" : zone.equals("Z") ? "Z" : "offset";
            m.appendReplacement(sb, "<" + family + "-time" + (m.group(1).equals(" ") ? " space" : "") + ">");
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private Result firstDifference(String pointer, JsonNode a, JsonNode b) {
        if (a.equals(b)) {
            return Result.MATCH;
        }
        if (a.isObject() && b.isObject()) {
            Set<String> keys = new TreeSet<>();
            a.propertyNames().forEach(keys::add);
            b.propertyNames().forEach(keys::add);
            for (String key : keys) {
                JsonNode x = a.get(key);
                JsonNode y = b.get(key);
                String at = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
                if (x == null || y == null) {
                    return new Result(false, at, x == null ? "(missing)" : render(x), y == null ? "(missing)" : render(y));
                }
                Result r = firstDifference(at, x, y);
                if (!r.match()) {
                    return r;
                }
            }
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return new Result(false, pointer + " (length)", Integer.toString(a.size()), Integer.toString(b.size()));
            }
            Iterator<JsonNode> x = a.iterator();
            Iterator<JsonNode> y = b.iterator();
            for (int i = 0; x.hasNext(); i++) {
                Result r = firstDifference(pointer + "/" + i, x.next(), y.next());
                if (!r.match()) {
                    return r;
                }
            }
        }
        return new Result(false, pointer.isEmpty() ? "/" : pointer, render(a), render(b));
    }

    private static String render(JsonNode node) {
        return shorten(node.toString());
    }

    private static String snippet(Captured captured) {
        return shorten(new String(captured.body(), java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String shorten(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }

}
