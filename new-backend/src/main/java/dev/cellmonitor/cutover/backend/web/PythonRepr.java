package dev.cellmonitor.cutover.backend.web;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * How the legacy's Python prints a value: {@code str()}, {@code repr()} (as Pydantic prints
 * {@code input_value=...} and the legacy its {@code "'x' is not a valid ..."} errors), {@code json.dumps()} with
 * its default separators and ASCII escaping (settings stored with {@code str(value)}, the worker's Redis messages,
 * CONTRACT.md §6.2 "py-json") and {@code json.dumps(value, sort_keys=True, ensure_ascii=False)} (the legacy's
 * notebook content hash).
 */
public final class PythonRepr {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Python sorts dict keys by code point; Java's String order differs above the BMP. */
    private static final Comparator<String> CODE_POINT_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    private PythonRepr() {
    }

    /** JSON text that is already in {@link #jsonDumps} form, written as is (to render a shared part once). */
    public record Raw(String json) {
    }

    /** {@code str(value)}: strings as they are, everything else as {@link #repr}. */
    public static String str(JsonNode value) {
        return value != null && value.isString() ? value.stringValue() : repr(value);
    }

    /** {@code repr(value)} of what {@code json.loads} would have produced; null and missing are {@code None}. */
    public static String repr(JsonNode value) {
        StringBuilder out = new StringBuilder();
        write(value, Style.REPR, out);
        return out.toString();
    }

    /**
     * {@code json.dumps(value)}: separators {@code ", "} and {@code ": "}, non-ASCII as lower-case
     * {@code \\uXXXX}, floats in {@code repr} form. Takes a {@link JsonNode}, or maps (in their iteration order),
     * lists, strings, booleans, numbers, {@link Raw} parts and null.
     */
    public static String jsonDumps(Object value) {
        StringBuilder out = new StringBuilder(256);
        write(value, Style.JSON, out);
        return out.toString();
    }

    /**
     * {@code json.dumps(v, sort_keys=True, ensure_ascii=False)} with its default separators: keys sorted by code
     * point at every level, non-ASCII text raw, floats as {@code repr}.
     */
    public static String dumpsSorted(JsonNode value) {
        StringBuilder out = new StringBuilder();
        write(value, Style.JSON_SORTED, out);
        return out.toString();
    }

    /** Python's name of the value's type: {@code dict}, {@code list}, {@code str}, {@code int}, {@code float}... */
    public static String typeName(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "NoneType";
        }
        if (value.isObject()) {
            return "dict";
        }
        if (value.isArray()) {
            return "list";
        }
        if (value.isString()) {
            return "str";
        }
        if (value.isBoolean()) {
            return "bool";
        }
        return value.isIntegralNumber() ? "int" : "float";
    }

    /** Python's truthiness: None, False, 0, "" and empty containers are false. */
    public static boolean truthy(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return value.doubleValue() != 0;
        }
        if (value.isString()) {
            return !value.stringValue().isEmpty();
        }
        return !value.isEmpty();
    }

    /**
     * Python's {@code repr(float)}: the shortest round-tripping digits (Java's {@code Double.toString} finds the
     * same digits since JDK 19), positional for exponents -4..15 and {@code 1e-05} form outside; {@code nan},
     * {@code inf}, {@code -inf}.
     */
    public static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortest(Math.abs(d));
        String digits = shortest.unscaledValue().toString();
        int point = digits.length() - shortest.scale(); // decimal point position relative to the first digit
        StringBuilder out = new StringBuilder(d < 0 ? "-" : "");
        if (point > -4 && point <= 16) {
            if (point <= 0) {
                out.append("0.").append("0".repeat(-point)).append(digits);
            } else if (point >= digits.length()) {
                out.append(digits).append("0".repeat(point - digits.length())).append(".0");
            } else {
                out.append(digits, 0, point).append('.').append(digits, point, digits.length());
            }
        } else {
            int exponent = point - 1;
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            out.append(abs < 10 ? "0" : "").append(abs);
        }
        return out.toString();
    }

    /** {@code json.dumps} of a float: {@code repr}, but {@code NaN}, {@code Infinity}, {@code -Infinity}. */
    private static String jsonFloat(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return floatRepr(d);
    }

    /**
     * The shortest decimal that reads back as {@code d}. {@code Double.toString} always prints two significant
     * digits at least, which for a few subnormals ({@code 4.9E-324}) is longer than needed ({@code 5e-324}).
     */
    private static BigDecimal shortest(double d) {
        BigDecimal java = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        if (java.precision() != 2) {
            return java;
        }
        BigDecimal exact = new BigDecimal(d);
        BigDecimal best = null;
        for (RoundingMode mode : new RoundingMode[] {RoundingMode.DOWN, RoundingMode.UP}) {
            BigDecimal candidate = java.round(new MathContext(1, mode));
            if (Double.parseDouble(candidate.toString()) == d
                    && (best == null || candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
                best = candidate;
            }
        }
        return best == null ? java : best.stripTrailingZeros();
    }

    /** All renderings use {@code ", "} and {@code ": "}; they differ in literals, string escaping and key order. */
    private enum Style {
        REPR, JSON, JSON_SORTED;

        boolean json() {
            return this != REPR;
        }
    }

    private static void write(Object value, Style style, StringBuilder out) {
        boolean json = style.json();
        switch (value) {
            case null -> out.append(json ? "null" : "None");
            case JsonNode node -> node(node, style, out);
            case String s -> string(s, style, out);
            case Raw raw -> out.append(raw.json());
            case Boolean b -> out.append(json ? String.valueOf(b) : (b ? "True" : "False"));
            case Double d -> out.append(json ? jsonFloat(d) : floatRepr(d));
            case Float f -> out.append(json ? jsonFloat(f.doubleValue()) : floatRepr(f.doubleValue()));
            case Number n -> out.append(n.longValue());
            case Map<?, ?> map -> {
                List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
                if (style == Style.JSON_SORTED) {
                    entries.sort((a, b) -> CODE_POINT_ORDER.compare(String.valueOf(a.getKey()), String.valueOf(b.getKey())));
                }
                out.append('{');
                for (int i = 0; i < entries.size(); i++) {
                    out.append(i > 0 ? ", " : "");
                    string(String.valueOf(entries.get(i).getKey()), style, out);
                    out.append(": ");
                    write(entries.get(i).getValue(), style, out);
                }
                out.append('}');
            }
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    out.append(i > 0 ? ", " : "");
                    write(list.get(i), style, out);
                }
                out.append(']');
            }
            default -> string(value.toString(), style, out);
        }
    }

    private static void node(JsonNode v, Style style, StringBuilder out) {
        boolean json = style.json();
        if (v.isNull() || v.isMissingNode()) {
            out.append(json ? "null" : "None");
        } else if (v.isBoolean()) {
            out.append(json ? String.valueOf(v.booleanValue()) : (v.booleanValue() ? "True" : "False"));
        } else if (v.isIntegralNumber()) {
            out.append(v.bigIntegerValue());
        } else if (v.isNumber()) {
            out.append(json ? jsonFloat(v.doubleValue()) : floatRepr(v.doubleValue()));
        } else if (v.isString()) {
            string(v.stringValue(), style, out);
        } else if (v.isArray()) {
            out.append('[');
            for (int i = 0; i < v.size(); i++) {
                out.append(i > 0 ? ", " : "");
                node(v.get(i), style, out);
            }
            out.append(']');
        } else {
            List<String> keys = new ArrayList<>(v.propertyNames());
            if (style == Style.JSON_SORTED) {
                keys.sort(CODE_POINT_ORDER);
            }
            out.append('{');
            for (int i = 0; i < keys.size(); i++) {
                out.append(i > 0 ? ", " : "");
                string(keys.get(i), style, out);
                out.append(": ");
                node(v.get(keys.get(i)), style, out);
            }
            out.append('}');
        }
    }

    private static void string(String s, Style style, StringBuilder out) {
        switch (style) {
            case REPR -> reprString(s, out);
            case JSON -> jsonString(s, true, out);
            case JSON_SORTED -> jsonString(s, false, out);
        }
    }

    /** The escapes of Python's json encoder; {@code ensure_ascii} also escapes everything outside space..~. */
    private static void jsonString(String s, boolean ensureAscii, StringBuilder out) {
        out.append('"');
        int run = 0; // characters that need no escape go in runs, one append each (the worker's hot path)
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && !(ensureAscii && c > 0x7e)) {
                continue;
            }
            out.append(s, run, i);
            run = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
                        .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
            }
        }
        out.append(s, run, s.length()).append('"');
    }

    /** CPython's {@code unicode_repr}: single quotes unless the text holds a single quote and no double quote. */
    private static void reprString(String s, StringBuilder out) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        out.append(quote);
        s.codePoints().forEach(cp -> {
            if (cp == quote || cp == '\\') {
                out.append('\\').appendCodePoint(cp);
            } else if (cp == '\n') {
                out.append("\\n");
            } else if (cp == '\r') {
                out.append("\\r");
            } else if (cp == '\t') {
                out.append("\\t");
            } else if (printable(cp)) {
                out.appendCodePoint(cp);
            } else if (cp < 0x100) {
                out.append(String.format("\\x%02x", cp));
            } else if (cp < 0x10000) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.append(String.format("\\U%08x", cp));
            }
        });
        out.append(quote);
    }

    /** Python's str.isprintable(): not in categories Cc, Cf, Cs, Co, Cn, Zl, Zp, Zs (the plain space excepted). */
    private static boolean printable(int cp) {
        if (cp == ' ') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                 Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }
}
