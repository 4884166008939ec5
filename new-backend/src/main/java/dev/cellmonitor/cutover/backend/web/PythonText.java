package dev.cellmonitor.cutover.backend.web;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Python's own renderings of JSON values, for legacy texts and hashes that embed them: {@code repr()} of a
 * float, {@code repr()} of any parsed JSON value (as Pydantic prints {@code input_value=...}) and
 * {@code json.dumps(value, sort_keys=True, ensure_ascii=False)} (as the legacy hashes notebook content).
 */
public final class PythonText {

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

    private PythonText() {
    }

    /**
     * {@code repr(float)}: the shortest round-tripping digits (Java's {@code Double.toString} finds the same
     * digits since JDK 19), in positional form for exponents -4..15 and {@code 1e-05} form outside.
     */
    public static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        String sign = (d < 0 || (d == 0 && 1 / d < 0)) ? "-" : "";
        if (d == 0) {
            return sign + "0.0";
        }
        BigDecimal shortest = shortest(Math.abs(d));
        String digits = shortest.unscaledValue().toString();
        int point = digits.length() - shortest.scale();
        StringBuilder out = new StringBuilder(sign);
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
            String e = Integer.toString(Math.abs(exponent));
            out.append(e.length() < 2 ? "0" + e : e);
        }
        return out.toString();
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

    /** The Python type name of a parsed JSON value: {@code int}, {@code str}, {@code NoneType}... */
    public static String typeName(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "NoneType";
        }
        if (v.isBoolean()) {
            return "bool";
        }
        if (v.isIntegralNumber()) {
            return "int";
        }
        if (v.isNumber()) {
            return "float";
        }
        if (v.isString()) {
            return "str";
        }
        return v.isArray() ? "list" : "dict";
    }

    /** {@code repr()} of a parsed JSON value ({@code None}, {@code True}, {@code 'text'}, {@code {'a': [1, 2.0]}}). */
    public static String repr(JsonNode v) {
        StringBuilder out = new StringBuilder();
        write(v, Style.REPR, out);
        return out.toString();
    }

    /**
     * {@code json.dumps(v, sort_keys=True, ensure_ascii=False)} with its default separators ({@code ", "} and
     * {@code ": "}): keys sorted by code point at every level, non-ASCII text raw, floats as {@code repr}.
     */
    public static String dumpsSorted(JsonNode v) {
        StringBuilder out = new StringBuilder();
        write(v, Style.JSON_SORTED, out);
        return out.toString();
    }

    /** Both renderings use {@code ", "} and {@code ": "}; they differ in literals, string quoting and key order. */
    private enum Style {
        REPR, JSON_SORTED
    }

    private static void write(JsonNode v, Style style, StringBuilder out) {
        boolean json = style == Style.JSON_SORTED;
        if (v == null || v.isNull() || v.isMissingNode()) {
            out.append(json ? "null" : "None");
        } else if (v.isBoolean()) {
            out.append(v.booleanValue() ? (json ? "true" : "True") : (json ? "false" : "False"));
        } else if (v.isIntegralNumber()) {
            out.append(v.bigIntegerValue());
        } else if (v.isNumber()) {
            out.append(floatRepr(v.doubleValue()));
        } else if (v.isString()) {
            string(v.stringValue(), style, out);
        } else if (v.isArray()) {
            out.append('[');
            for (int i = 0; i < v.size(); i++) {
                out.append(i > 0 ? ", " : "");
                write(v.get(i), style, out);
            }
            out.append(']');
        } else {
            List<String> keys = new ArrayList<>(v.propertyNames());
            if (json) {
                keys.sort(CODE_POINT_ORDER);
            }
            out.append('{');
            for (int i = 0; i < keys.size(); i++) {
                out.append(i > 0 ? ", " : "");
                string(keys.get(i), style, out);
                out.append(": ");
                write(v.get(keys.get(i)), style, out);
            }
            out.append('}');
        }
    }

    private static void string(String s, Style style, StringBuilder out) {
        if (style == Style.JSON_SORTED) {
            jsonString(s, out);
        } else {
            reprString(s, out);
        }
    }

    /** The escapes of Python's json encoder with {@code ensure_ascii=False}. */
    private static void jsonString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** CPython's {@code unicode_repr}: single quotes unless the text holds a single quote and no double quote. */
    private static void reprString(String s, StringBuilder out) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        out.append(quote);
        s.codePoints().forEach(cp -> {
            if (cp == quote || cp == '\\') {
                out.append('\\').appendCodePoint(cp);
            } else if (cp == '\t') {
                out.append("\\t");
            } else if (cp == '\n') {
                out.append("\\n");
            } else if (cp == '\r') {
                out.append("\\r");
            } else if (cp < ' ' || cp == 0x7f) {
                out.append(String.format("\\x%02x", cp));
            } else if (cp < 0x7f || printable(cp)) {
                out.appendCodePoint(cp);
            } else if (cp <= 0xff) {
                out.append(String.format("\\x%02x", cp));
            } else if (cp <= 0xffff) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.append(String.format("\\U%08x", cp));
            }
        });
        out.append(quote);
    }

    private static boolean printable(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                 Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }
}
