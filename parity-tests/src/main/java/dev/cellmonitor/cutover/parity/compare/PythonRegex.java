package dev.cellmonitor.cutover.parity.compare;

import java.util.regex.Pattern;

/**
 * The rules files are written for Python's {@code re} (the legacy's recorder): named groups {@code (?P<n>...)},
 * back references {@code (?P=n)} and replacement strings with {@code \1} / {@code \g<n>}. Translated here so
 * that one rules file serves both tools.
 */
final class PythonRegex {

    private PythonRegex() {
    }

    static Pattern compile(String python) {
        String java = python.replace("(?P<", "(?<").replaceAll("\\(\\?P=(\\w+)\\)", "\\\\k<$1>");
        return Pattern.compile(java);
    }

    /** Python {@code re.sub} replacement text to a Java {@link java.util.regex.Matcher} replacement. */
    static String replacement(String python) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < python.length(); i++) {
            char c = python.charAt(i);
            if (c == '$') {
                out.append("\\$");
            } else if (c == '\\' && i + 1 < python.length()) {
                char n = python.charAt(i + 1);
                if (Character.isDigit(n)) {
                    out.append('$').append(n);
                    i++;
                } else if (n == 'g' && i + 2 < python.length() && python.charAt(i + 2) == '<') {
                    int end = python.indexOf('>', i + 3);
                    String group = python.substring(i + 3, end);
                    out.append(group.chars().allMatch(Character::isDigit) ? "$" + group : "${" + group + "}");
                    i = end;
                } else if (n == '\\') {
                    out.append("\\\\");
                    i++;
                } else if (n == 'n') {
                    out.append('\n');
                    i++;
                } else {
                    out.append("\\\\");
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
