package dev.cellmonitor.cutover.backend.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.StringNode;

/**
 * Request bodies read the way FastAPI + Pydantic 2 read them, so error answers match the legacy's:
 * JSON when the content type is absent or JSON, the raw text otherwise; fields coerced in Pydantic's lax
 * mode; every problem collected as a validation error with its {@code loc}.
 */
public final class JsonBody {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Set<String> TRUE = Set.of("1", "on", "t", "true", "y", "yes");
    private static final Set<String> FALSE = Set.of("0", "off", "f", "false", "n", "no");

    private JsonBody() {
    }

    /**
     * The body as the legacy sees it: {@code null} when empty, a JSON tree for JSON content types, else the raw
     * text as a string node. Malformed JSON fails with the legacy's {@code json_invalid} error.
     */
    public static JsonNode parse(byte[] raw, String contentType) {
        if (raw == null || raw.length == 0) {
            return null;
        }
        if (!isJson(contentType)) {
            return StringNode.valueOf(new String(raw, java.nio.charset.StandardCharsets.UTF_8));
        }
        try {
            // straight from the bytes: decoding to a String first costs as much as parsing on a 200-event batch
            return MAPPER.readTree(raw);
        } catch (JacksonException fromBytes) {
            // invalid UTF-8 is replaced, as before, and error offsets count characters (Python's), not bytes
            return parseText(new String(raw, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static JsonNode parseText(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JacksonException e) {
            TokenStreamLocation where = e.getLocation();
            long offset = where == null ? 0 : Math.max(0, where.getCharOffset());
            throw ValidationErrors.single("json_invalid", List.of("body", offset), "JSON decode error",
                    JsonNodeFactory.instance.objectNode());
        }
    }

    static boolean isJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.endsWith("+json");
    }

    /** The body must be present: a missing body is the legacy's {@code missing} error at {@code ["body"]}. */
    public static JsonNode require(JsonNode body) {
        if (body == null || body.isMissingNode()) {
            throw ValidationErrors.single("missing", List.of("body"), "Field required", null);
        }
        return body;
    }

    /** Typed, lax access to the fields of one JSON object; errors go to the shared collector. */
    public static Fields fields(JsonNode object, ValidationErrors errors, Object... locPrefix) {
        return new Fields(object, errors, List.of(locPrefix), false);
    }

    /**
     * The body of a route with several {@code Body(...)} parameters (FastAPI "embedded" fields): each field is
     * looked up in the body object; an absent or {@code null} value counts as missing (the default applies to an
     * optional field), a missing required field is reported with {@code "input": null}, and a body that is not
     * an object makes every required field missing.
     */
    public static Fields embedded(JsonNode body, ValidationErrors errors) {
        return new Fields(body != null && body.isObject() ? body : null, errors, List.of("body"), true);
    }

    /** Pydantic's answer for a model given something that is not an object. */
    public static boolean requireObject(JsonNode node, ValidationErrors errors, Object... loc) {
        if (node != null && node.isObject()) {
            return true;
        }
        errors.add("model_attributes_type", List.of(loc),
                "Input should be a valid dictionary or object to extract fields from", plain(node));
        return false;
    }

    /** A JSON node as a plain Java value, for the {@code input} of an error. */
    public static Object plain(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return MAPPER.convertValue(node, Object.class);
    }

    public static final class Fields {
        private final JsonNode object;
        private final ValidationErrors errors;
        private final List<Object> prefix;
        private final boolean embedded;

        private Fields(JsonNode object, ValidationErrors errors, List<Object> prefix, boolean embedded) {
            this.object = object;
            this.errors = errors;
            this.prefix = prefix;
            this.embedded = embedded;
        }

        public boolean has(String name) {
            return object != null && object.has(name);
        }

        /** The field's raw node (null when absent), for checks the typed accessors do not make. */
        public JsonNode node(String name) {
            return object.get(name);
        }

        private List<Object> loc(String name) {
            List<Object> loc = new ArrayList<>(prefix);
            loc.add(name);
            return loc;
        }

        /** The field's node, or null (after recording {@code missing} when required) if absent or null. */
        private JsonNode value(String name, boolean required) {
            JsonNode v = object == null ? null : object.get(name);
            if (embedded && v != null && v.isNull()) {
                v = null;
            }
            if (v == null) {
                if (required) {
                    errors.missing(loc(name), embedded ? null : plain(object));
                }
                return null;
            }
            return v;
        }

        public String str(String name, boolean required) {
            JsonNode v = value(name, required);
            if (v == null || (v.isNull() && !required)) {
                return null;
            }
            if (v.isString()) {
                return v.stringValue();
            }
            errors.add("string_type", loc(name), "Input should be a valid string", plain(v));
            return null;
        }

        public Long integer(String name, boolean required) {
            JsonNode v = value(name, required);
            if (v == null || (v.isNull() && !required)) {
                return null;
            }
            if (v.isIntegralNumber()) {
                return v.longValue();
            }
            if (v.isBoolean()) {
                return v.booleanValue() ? 1L : 0L;
            }
            if (v.isFloatingPointNumber()) {
                double d = v.doubleValue();
                if (d == Math.rint(d) && !Double.isInfinite(d)) {
                    return (long) d;
                }
                errors.add("int_from_float", loc(name), "Input should be a valid integer, got a number with a fractional part", plain(v));
                return null;
            }
            if (v.isString()) {
                try {
                    return Long.parseLong(v.stringValue().trim());
                } catch (NumberFormatException e) {
                    errors.intParsing(loc(name), v.stringValue());
                    return null;
                }
            }
            errors.add("int_type", loc(name), "Input should be a valid integer", plain(v));
            return null;
        }

        public Double number(String name, boolean required) {
            JsonNode v = value(name, required);
            if (v == null || (v.isNull() && !required)) {
                return null;
            }
            return JsonBody.number(v, loc(name), errors);
        }

        public Boolean bool(String name, boolean required) {
            JsonNode v = value(name, required);
            if (v == null || (v.isNull() && !required)) {
                return null;
            }
            if (v.isBoolean()) {
                return v.booleanValue();
            }
            if (v.isNumber() && (v.doubleValue() == 0 || v.doubleValue() == 1)) {
                return v.doubleValue() == 1;
            }
            if (v.isString()) {
                String s = v.stringValue().trim().toLowerCase(Locale.ROOT);
                if (TRUE.contains(s)) {
                    return true;
                }
                if (FALSE.contains(s)) {
                    return false;
                }
            }
            if (v.isString() || v.isNumber()) {
                errors.add("bool_parsing", loc(name), "Input should be a valid boolean, unable to interpret input", plain(v));
            } else {
                errors.add("bool_type", loc(name), "Input should be a valid boolean", plain(v));
            }
            return null;
        }

        public JsonNode object(String name, boolean required) {
            JsonNode v = value(name, required);
            if (v == null || (v.isNull() && !required)) {
                return null;
            }
            if (v.isObject()) {
                return v;
            }
            errors.add("dict_type", loc(name), "Input should be a valid dictionary", plain(v));
            return null;
        }

        public JsonNode list(String name, boolean required) {
            JsonNode v = value(name, required);
            if (v == null || (v.isNull() && !required)) {
                return null;
            }
            if (v.isArray()) {
                return v;
            }
            errors.add("list_type", loc(name), "Input should be a valid list", plain(v));
            return null;
        }

        /** A string restricted to the given values, reported like a Pydantic enum. */
        public String oneOf(String name, boolean required, List<String> values) {
            String s = str(name, required);
            if (s != null && !values.contains(s)) {
                String expected = expected(values);
                errors.add("enum", loc(name), "Input should be " + expected, s, Map.of("expected", expected));
                return null;
            }
            return s;
        }
    }

    /** Pydantic's lax float: numbers, numeric strings and booleans. */
    public static Double number(JsonNode v, List<Object> loc, ValidationErrors errors) {
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue() ? 1.0 : 0.0;
        }
        if (v.isString()) {
            try {
                return Double.parseDouble(v.stringValue().trim());
            } catch (NumberFormatException e) {
                errors.add("float_parsing", loc, "Input should be a valid number, unable to parse string as a number", v.stringValue());
                return null;
            }
        }
        errors.add("float_type", loc, "Input should be a valid number", plain(v));
        return null;
    }

    /** {@code 'a', 'b' or 'c'}, as Pydantic lists enum members. */
    public static String expected(List<String> values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(i == values.size() - 1 ? " or " : ", ");
            }
            out.append('\'').append(values.get(i)).append('\'');
        }
        return out.toString();
    }
}
