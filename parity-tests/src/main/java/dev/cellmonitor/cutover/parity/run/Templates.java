package dev.cellmonitor.cutover.parity.run;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.cellmonitor.cutover.parity.compare.Captures;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Resolves {@code {{name}}} placeholders (FORMAT.md §3): a string that is exactly one placeholder takes the
 * captured value with its JSON type, inside a longer string the value is inserted as text. Built-ins:
 * {@code {{$now_iso}}} and {@code {{$now_iso_minus_s:N}}} (UTC, {@code YYYY-MM-DDTHH:MM:SS.mmmZ}).
 */
public final class Templates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]+?)\\s*}}");
    private static final Pattern WHOLE = Pattern.compile("^\\{\\{\\s*([^{}]+?)\\s*}}$");
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Templates() {
    }

    /** A placeholder with no value (its capture failed earlier). */
    public static final class Unresolved extends RuntimeException {
        private final String name;

        Unresolved(String name) {
            super("unresolved placeholder {{" + name + "}}");
            this.name = name;
        }

        public String name() {
            return name;
        }
    }

    public static JsonNode resolve(JsonNode template, Captures captures, Instant now) {
        if (template == null) {
            return null;
        }
        if (template.isString()) {
            return resolveString(template.stringValue(), captures, now);
        }
        if (template.isArray()) {
            ArrayNode out = NODES.arrayNode();
            template.forEach(v -> out.add(resolve(v, captures, now)));
            return out;
        }
        if (template.isObject()) {
            ObjectNode out = NODES.objectNode();
            for (Map.Entry<String, JsonNode> e : template.properties()) {
                out.set(text(e.getKey(), captures, now), resolve(e.getValue(), captures, now));
            }
            return out;
        }
        return template;
    }

    /** A string with every placeholder inserted as text. */
    public static String text(String s, Captures captures, Instant now) {
        Matcher m = PLACEHOLDER.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            JsonNode v = value(m.group(1), captures, now);
            m.appendReplacement(out, Matcher.quoteReplacement(v.isString() ? v.stringValue() : v.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static JsonNode resolveString(String s, Captures captures, Instant now) {
        Matcher whole = WHOLE.matcher(s);
        if (whole.matches()) {
            return value(whole.group(1), captures, now);
        }
        return NODES.stringNode(text(s, captures, now));
    }

    private static JsonNode value(String name, Captures captures, Instant now) {
        if (name.equals("$now_iso")) {
            return NODES.stringNode(ISO_MILLIS.format(now.truncatedTo(ChronoUnit.MILLIS)));
        }
        if (name.startsWith("$now_iso_minus_s:")) {
            long seconds = Long.parseLong(name.substring("$now_iso_minus_s:".length()).trim());
            return NODES.stringNode(ISO_MILLIS.format(now.minusSeconds(seconds).truncatedTo(ChronoUnit.MILLIS)));
        }
        JsonNode v = captures.get(name);
        if (v == null) {
            throw new Unresolved(name);
        }
        return v;
    }
}
