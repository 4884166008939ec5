package dev.cellmonitor.cutover.parity.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * One comparison rule in the syntax of the recordings' {@code rules.json}: {@code {"path": "<pointer pattern>", "kind":
 * "...", "why": "..."}} plus the kind's own keys. The kinds of FORMAT.md §8 ({@code ignore}, {@code ignore_value},
 * {@code volatile}, {@code unordered}, {@code keys_only}, {@code shape}, {@code pattern}, {@code oneof},
 * {@code sub}) and the parity tool's additions ({@code ordered}, {@code unordered} with {@code key},
 * {@code normalise}, {@code tolerance}, {@code headers}); see parity-tests/README.md.
 *
 * @param table   only for this table of a {@code db} step (step rules)
 * @param channel only for this channel of a {@code redis} step (step rules)
 * @param origin  where the rule came from, for reports
 */
public record Rule(String path, PathPattern pattern, Kind kind, Pattern regex, String replacement,
                   List<JsonNode> values, String key, Normalise as, Double abs, Double rel,
                   List<String> include, List<String> exclude, String table, String channel, String why,
                   String origin) {

    public enum Kind {
        IGNORE, IGNORE_VALUE, VOLATILE, UNORDERED, ORDERED, KEYS_ONLY, SHAPE, PATTERN, ONEOF, SUB, NORMALISE,
        TOLERANCE, HEADERS;

        static Kind of(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown rule kind '" + name + "'");
            }
        }
    }

    /** What a {@code normalise} rule compares instead of the value. */
    public enum Normalise {
        /** both are timestamps of the same format family (Z / offset / naive, T or space) */
        TIMESTAMP,
        /** both are UUIDs */
        UUID,
        /** both are numbers of the same JSON type */
        DURATION,
        /** same JSON type; a value captured earlier must come back as the other side's captured value */
        ID;

        static Normalise of(String name) {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** Reads one rule object; {@code origin} names the file/section for error messages and reports. */
    public static Rule parse(JsonNode node, String origin) {
        if (node == null || !node.isObject() || !node.hasNonNull("kind")) {
            throw new IllegalArgumentException(origin + ": a rule needs at least a \"kind\": " + node);
        }
        Kind kind = Kind.of(node.get("kind").asString());
        String path = node.path("path").asString("");
        Pattern regex = null;
        String repl = null;
        List<JsonNode> values = null;
        if (kind == Kind.PATTERN || kind == Kind.SUB) {
            if (!node.hasNonNull("regex")) {
                throw new IllegalArgumentException(origin + ": rule kind " + kind + " needs \"regex\"");
            }
            regex = PythonRegex.compile(node.get("regex").asString());
        }
        if (kind == Kind.SUB) {
            repl = PythonRegex.replacement(node.path("repl").asString(""));
        }
        if (kind == Kind.ONEOF) {
            values = new ArrayList<>();
            for (JsonNode v : node.path("values")) {
                values.add(v);
            }
        }
        Normalise as = null;
        if (kind == Kind.NORMALISE) {
            if (!node.hasNonNull("as")) {
                throw new IllegalArgumentException(origin + ": rule kind normalise needs \"as\"");
            }
            as = Normalise.of(node.get("as").asString());
        }
        Double abs = node.hasNonNull("abs") ? node.get("abs").asDouble() : null;
        Double rel = node.hasNonNull("rel") ? node.get("rel").asDouble() : null;
        if (kind == Kind.TOLERANCE && abs == null && rel == null) {
            throw new IllegalArgumentException(origin + ": rule kind tolerance needs \"abs\" and/or \"rel\"");
        }
        return new Rule(path, PathPattern.of(path), kind, regex, repl, values,
                node.hasNonNull("key") ? node.get("key").asString() : null, as, abs, rel,
                strings(node.get("include")), strings(node.get("exclude")),
                node.hasNonNull("table") ? node.get("table").asString() : null,
                node.hasNonNull("channel") ? node.get("channel").asString() : null,
                node.path("why").asString(""), origin);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            for (JsonNode v : array) {
                out.add(v.asString().toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(out);
    }

    /** This rule for values nested under {@code prefix}: rules of a frame, message or row applied to the list. */
    public Rule under(String prefix) {
        String p = prefix + (path.isEmpty() || path.startsWith("/") ? path : "/" + path);
        return new Rule(p, PathPattern.of(p), kind, regex, replacement, values, key, as, abs, rel, include, exclude,
                table, channel, why, origin);
    }

    /** A rule made in code (e.g. a recording's {@code volatile_columns}, a step's {@code unordered} flag). */
    public static Rule of(String path, Kind kind, String why) {
        return new Rule(path, PathPattern.of(path), kind, null, null, null, null, null, null, null, List.of(),
                List.of(), null, null, why, "recording");
    }

    boolean appliesTo(List<String> at) {
        return pattern.matches(at);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + " " + (path.isEmpty() ? "\"\"" : path)
                + (why.isEmpty() ? "" : " (" + why + ")");
    }
}
