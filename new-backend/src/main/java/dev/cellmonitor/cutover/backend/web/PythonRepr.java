package dev.cellmonitor.cutover.backend.web;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * How the legacy's Python prints a JSON-decoded value: {@code str()}, {@code repr()} and {@code json.dumps()}
 * with its default separators and ASCII escaping. Needed where the legacy stores or reports such text
 * (settings stored with {@code str(value)}, {@code "'x' is not a valid ..."} errors).
 */
public final class PythonRepr {

    private PythonRepr() {
    }

    /** {@code str(value)}: strings as they are, everything else as {@link #repr}. */
    public static String str(JsonNode value) {
        return value != null && value.isString() ? value.stringValue() : repr(value);
    }

    /** {@code repr(value)} of what {@code json.loads} would have produced; null and missing are {@code None}. */
    public static String repr(JsonNode value) {
        StringBuilder out = new StringBuilder();
        write(value, out, false);
        return out.toString();
    }

    /** {@code json.dumps(value)}: separators {@code ", "} and {@code ": "}, non-ASCII as {@code \\uXXXX}. */
    public static String jsonDumps(JsonNode value) {
        StringBuilder out = new StringBuilder();
        write(value, out, true);
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

    /** Python's {@code repr(float)}: shortest round-trip digits, exponent form outside 1e-4 <= |x| < 1e16. */
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
        BigDecimal exact = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = exact.unscaledValue().toString();
        int pointAt = digits.length() - exact.scale(); // decimal point position relative to the first digit
        String sign = d < 0 ? "-" : "";
        if (pointAt > -4 && pointAt <= 16) {
            if (pointAt <= 0) {
                return sign + "0." + "0".repeat(-pointAt) + digits;
            }
            if (pointAt >= digits.length()) {
                return sign + digits + "0".repeat(pointAt - digits.length()) + ".0";
            }
            return sign + digits.substring(0, pointAt) + "." + digits.substring(pointAt);
        }
        int exponent = pointAt - 1;
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }

    private static void write(JsonNode v, StringBuilder out, boolean json) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            out.append(json ? "null" : "None");
        } else if (v.isBoolean()) {
            out.append(json ? String.valueOf(v.booleanValue()) : (v.booleanValue() ? "True" : "False"));
        } else if (v.isIntegralNumber()) {
            out.append(v.bigIntegerValue());
        } else if (v.isNumber()) {
            String f = floatRepr(v.doubleValue());
            out.append(json ? f.replace("nan", "NaN").replace("inf", "Infinity") : f);
        } else if (v.isString()) {
            if (json) {
                jsonString(v.stringValue(), out);
            } else {
                reprString(v.stringValue(), out);
            }
        } else if (v.isArray()) {
            out.append('[');
            for (int i = 0; i < v.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                write(v.get(i), out, json);
            }
            out.append(']');
        } else {
            out.append('{');
            Iterator<Map.Entry<String, JsonNode>> fields = v.properties().iterator();
            boolean first = true;
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!first) {
                    out.append(", ");
                }
                first = false;
                if (json) {
                    jsonString(field.getKey(), out);
                } else {
                    reprString(field.getKey(), out);
                }
                out.append(": ");
                write(field.getValue(), out, json);
            }
            out.append('}');
        }
    }

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
        int type = Character.getType(cp);
        return type != Character.CONTROL && type != Character.FORMAT && type != Character.SURROGATE
                && type != Character.PRIVATE_USE && type != Character.UNASSIGNED && type != Character.LINE_SEPARATOR
                && type != Character.PARAGRAPH_SEPARATOR && type != Character.SPACE_SEPARATOR;
    }

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
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
