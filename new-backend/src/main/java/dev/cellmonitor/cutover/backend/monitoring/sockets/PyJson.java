package dev.cellmonitor.cutover.backend.monitoring.sockets;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * JSON text exactly as Python's {@code json.dumps} writes it with its defaults ({@code ", "} and {@code ": "}
 * separators, every non-ASCII character as {@code \\uXXXX}, floats in {@code repr} form), which is what the
 * legacy puts on most of its sockets and Redis channels; plus Python's {@code str()} of a JSON value.
 */
public final class PyJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PyJson() {
    }

    /** {@code json.dumps(value)}. */
    public static String dumps(JsonNode value) {
        StringBuilder out = new StringBuilder(128);
        write(value, out, false);
        return out.toString();
    }

    /** {@code json.dumps(value, separators=(",", ":"), ensure_ascii=False)}: Starlette's {@code send_json}. */
    public static String compact(JsonNode value) {
        StringBuilder out = new StringBuilder(128);
        write(value, out, true);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out, boolean compact) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isBoolean()) {
            out.append(node.booleanValue() ? "true" : "false");
        } else if (node.isIntegralNumber()) {
            out.append(node.bigIntegerValue());
        } else if (node.isNumber()) {
            out.append(floatRepr(node.doubleValue()));
        } else if (node.isString()) {
            string(node.stringValue(), out, compact);
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(compact ? "," : ", ");
                }
                write(node.get(i), out, compact);
            }
            out.append(']');
        } else if (node.isObject()) {
            out.append('{');
            Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
            boolean first = true;
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!first) {
                    out.append(compact ? "," : ", ");
                }
                first = false;
                string(field.getKey(), out, compact);
                out.append(compact ? ":" : ": ");
                write(field.getValue(), out, compact);
            }
            out.append('}');
        } else {
            string(node.asString(), out, compact);
        }
    }

    private static void string(String s, StringBuilder out, boolean rawUnicode) {
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
                    if ((c >= 0x20 && c <= 0x7e) || (rawUnicode && c > 0x7e)) {
                        out.append(c);
                    } else {
                        out.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * Python's {@code repr(float)}: the shortest round-tripping digits, fixed notation for 1e-4 <= |x| < 1e16
     * (always with a fractional part, {@code 100.0}), otherwise {@code 1e-05} / {@code 1.5e+16}.
     */
    public static String floatRepr(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == 0) {
            return (1 / value < 0) ? "-0.0" : "0.0";
        }
        // Double.toString gives the shortest decimal that round-trips (JDK 19+), as Python's repr does.
        BigDecimal shortest = new BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        // value = 0.<digits> x 10^decimalPoint
        int decimalPoint = digits.length() - shortest.scale();
        String sign = value < 0 ? "-" : "";
        if (decimalPoint > -4 && decimalPoint <= 16) {
            if (decimalPoint <= 0) {
                return sign + "0." + "0".repeat(-decimalPoint) + digits;
            }
            if (decimalPoint >= digits.length()) {
                return sign + digits + "0".repeat(decimalPoint - digits.length()) + ".0";
            }
            return sign + digits.substring(0, decimalPoint) + "." + digits.substring(decimalPoint);
        }
        int exponent = decimalPoint - 1;
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String exp = String.format("%02d", Math.abs(exponent));
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
    }

    /** Python's {@code str()} of a value that came from JSON ({@code None}, {@code True}, {@code {'a': 1}}). */
    public static String str(JsonNode node) {
        if (node != null && node.isString()) {
            return node.stringValue();
        }
        StringBuilder out = new StringBuilder();
        repr(node, out);
        return out.toString();
    }

    private static void repr(JsonNode node, StringBuilder out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("None");
        } else if (node.isBoolean()) {
            out.append(node.booleanValue() ? "True" : "False");
        } else if (node.isIntegralNumber()) {
            out.append(node.bigIntegerValue());
        } else if (node.isNumber()) {
            String r = floatRepr(node.doubleValue());
            out.append(r.equals("NaN") ? "nan" : r.equals("Infinity") ? "inf" : r.equals("-Infinity") ? "-inf" : r);
        } else if (node.isString()) {
            pyStringRepr(node.stringValue(), out);
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                repr(node.get(i), out);
            }
            out.append(']');
        } else if (node.isObject()) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                pyStringRepr(field.getKey(), out);
                out.append(": ");
                repr(field.getValue(), out);
            }
            out.append('}');
        } else {
            out.append(node.asString());
        }
    }

    /** repr() of a str: single quotes unless the text holds a single quote and no double quote. */
    private static void pyStringRepr(String s, StringBuilder out) {
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
            } else if (cp < 0x20 || cp == 0x7f) {
                out.append(String.format("\\x%02x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        out.append(quote);
    }

    /** Python's {@code len()} of a str: code points, not UTF-16 units. */
    public static int len(String s) {
        return s.codePointCount(0, s.length());
    }
}
