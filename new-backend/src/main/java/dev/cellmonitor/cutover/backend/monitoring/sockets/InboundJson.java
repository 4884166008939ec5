package dev.cellmonitor.cutover.backend.monitoring.sockets;

import java.util.Optional;

import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Text frames read the way the legacy reads them ({@code json.loads}): what Python accepts is parsed, what it
 * rejects is not JSON, and {@link #pythonError} gives Python's {@code JSONDecodeError} text for it (some
 * legacy sockets echo that text back to the client).
 */
public final class InboundJson {

    private static final JsonMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private InboundJson() {
    }

    /** The parsed frame, or empty when Python's {@code json.loads} would reject it. */
    public static Optional<JsonNode> parse(String text) {
        if (pythonError(text) != null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LENIENT.readTree(text));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Python's error message for text that is not JSON ({@code null} when it is). */
    public static String pythonError(String text) {
        try {
            Scanner scanner = new Scanner(text);
            int end = scanner.value(scanner.skip(0));
            end = scanner.skip(end);
            if (end != text.length()) {
                throw scanner.error("Extra data", end);
            }
            return null;
        } catch (DecodeError e) {
            return e.getMessage();
        }
    }

    private static final class DecodeError extends RuntimeException {
        DecodeError(String message) {
            super(message, null, false, false);
        }
    }

    /** A transcription of the decision points of CPython 3.12's {@code json} decoder (the legacy's runtime). */
    private static final class Scanner {
        private final String s;

        Scanner(String s) {
            this.s = s;
        }

        DecodeError error(String what, int pos) {
            int cpPos = s.codePointCount(0, Math.min(pos, s.length()));
            int lastNewline = s.lastIndexOf('\n', pos - 1);
            int line = 1;
            for (int i = 0; i < pos && i < s.length(); i++) {
                if (s.charAt(i) == '\n') {
                    line++;
                }
            }
            int column = lastNewline < 0 ? cpPos + 1 : s.codePointCount(lastNewline, Math.min(pos, s.length()));
            return new DecodeError(what + ": line " + line + " column " + column + " (char " + cpPos + ")");
        }

        int skip(int i) {
            while (i < s.length() && " \t\n\r".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            return i;
        }

        int value(int i) {
            if (i >= s.length()) {
                throw error("Expecting value", i);
            }
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    return string(i + 1, i);
                case '{':
                    return object(i + 1);
                case '[':
                    return array(i + 1);
                default:
                    break;
            }
            for (String literal : new String[] {"null", "true", "false", "NaN", "Infinity", "-Infinity"}) {
                if (s.startsWith(literal, i)) {
                    return i + literal.length();
                }
            }
            int j = i;
            if (j < s.length() && s.charAt(j) == '-') {
                j++;
            }
            if (j < s.length() && s.charAt(j) == '0') {
                j++;
            } else if (j < s.length() && s.charAt(j) >= '1' && s.charAt(j) <= '9') {
                while (j < s.length() && Character.isDigit(s.charAt(j)) && s.charAt(j) < 128) {
                    j++;
                }
            } else {
                throw error("Expecting value", i);
            }
            if (j + 1 < s.length() && s.charAt(j) == '.' && isDigit(j + 1)) {
                j += 2;
                while (isDigit(j)) {
                    j++;
                }
            }
            if (j < s.length() && (s.charAt(j) == 'e' || s.charAt(j) == 'E')) {
                int k = j + 1;
                if (k < s.length() && (s.charAt(k) == '+' || s.charAt(k) == '-')) {
                    k++;
                }
                if (isDigit(k)) {
                    while (isDigit(k)) {
                        k++;
                    }
                    j = k;
                }
            }
            return j;
        }

        private boolean isDigit(int i) {
            return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9';
        }

        int string(int i, int start) {
            while (true) {
                if (i >= s.length()) {
                    throw error("Unterminated string starting at", start);
                }
                char c = s.charAt(i);
                if (c == '"') {
                    return i + 1;
                }
                if (c < 0x20) {
                    throw error("Invalid control character at", i);
                }
                if (c == '\\') {
                    if (i + 1 >= s.length()) {
                        throw error("Unterminated string starting at", start);
                    }
                    char e = s.charAt(i + 1);
                    if (e == 'u') {
                        String hex = s.length() >= i + 6 ? s.substring(i + 2, i + 6) : "";
                        if (hex.length() != 4 || !hex.chars().allMatch(h -> Character.digit(h, 16) >= 0 && h < 0x80)) {
                            throw error("Invalid \\uXXXX escape", i + 1);
                        }
                        i += 6;
                        continue;
                    }
                    if ("\"\\/bfnrt".indexOf(e) < 0) {
                        throw error("Invalid \\escape", i);
                    }
                    i += 2;
                    continue;
                }
                i++;
            }
        }

        int object(int i) {
            i = skip(i);
            if (i < s.length() && s.charAt(i) == '}') {
                return i + 1;
            }
            while (true) {
                if (i >= s.length() || s.charAt(i) != '"') {
                    throw error("Expecting property name enclosed in double quotes", i);
                }
                i = skip(string(i + 1, i));
                if (i >= s.length() || s.charAt(i) != ':') {
                    throw error("Expecting ':' delimiter", i);
                }
                i = skip(value(skip(i + 1)));
                if (i < s.length() && s.charAt(i) == '}') {
                    return i + 1;
                }
                if (i >= s.length() || s.charAt(i) != ',') {
                    throw error("Expecting ',' delimiter", i);
                }
                i = skip(i + 1);
            }
        }

        int array(int i) {
            i = skip(i);
            if (i < s.length() && s.charAt(i) == ']') {
                return i + 1;
            }
            while (true) {
                i = skip(value(i));
                if (i < s.length() && s.charAt(i) == ']') {
                    return i + 1;
                }
                if (i >= s.length() || s.charAt(i) != ',') {
                    throw error("Expecting ',' delimiter", i);
                }
                i = skip(i + 1);
            }
        }
    }
}
