package dev.cellmonitor.cutover.backend.web;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Path and query parameters read the way FastAPI + Pydantic 2 read them: lax integers ({@code " 12 "},
 * {@code "1_000"}, {@code "3.0"}), Pydantic's boolean words, the last value of a repeated query parameter, and
 * errors with the legacy's {@code loc}/{@code msg}/{@code input}.
 */
public final class LegacyParams {

    private static final Pattern LAX_INT = Pattern.compile("[+-]?\\d+(_\\d+)*(\\.0*)?");
    private static final Set<String> TRUE = Set.of("1", "on", "t", "true", "y", "yes");
    private static final Set<String> FALSE = Set.of("0", "off", "f", "false", "n", "no");
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);

    private LegacyParams() {
    }

    /** Pydantic's lax string-to-int, or null when the text is not an integer. */
    public static BigInteger laxInt(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.strip();
        if (!LAX_INT.matcher(s).matches()) {
            return null;
        }
        int dot = s.indexOf('.');
        return new BigInteger((dot < 0 ? s : s.substring(0, dot)).replace("_", ""));
    }

    /**
     * An integer parameter; {@code int_parsing} is recorded when it is not one. Values beyond a long are clamped
     * (the legacy compares them with integer columns and simply finds nothing).
     */
    public static Long integer(String raw, List<Object> loc, ValidationErrors errors) {
        BigInteger value = laxInt(raw);
        if (value == null) {
            errors.intParsing(loc, raw);
            return null;
        }
        return value.max(LONG_MIN).min(LONG_MAX).longValue();
    }

    /** An optional integer query parameter with FastAPI's {@code ge}/{@code le} constraints. */
    public static Long integer(Map<String, List<String>> query, String name, long fallback, Long ge, Long le,
            ValidationErrors errors) {
        String raw = last(query, name);
        if (raw == null) {
            return fallback;
        }
        List<Object> loc = List.of("query", name);
        Long value = integer(raw, loc, errors);
        if (value == null) {
            return null;
        }
        if (ge != null && value < ge) {
            errors.greaterThanEqual(loc, raw, ge);
            return null;
        }
        if (le != null && value > le) {
            errors.lessThanEqual(loc, raw, le);
            return null;
        }
        return value;
    }

    /** An optional boolean query parameter: null when absent or invalid (then {@code bool_parsing} is recorded). */
    public static Boolean bool(Map<String, List<String>> query, String name, ValidationErrors errors) {
        String raw = last(query, name);
        if (raw == null) {
            return null;
        }
        String s = raw.strip().toLowerCase(Locale.ROOT);
        if (TRUE.contains(s)) {
            return true;
        }
        if (FALSE.contains(s)) {
            return false;
        }
        errors.add("bool_parsing", List.of("query", name), "Input should be a valid boolean, unable to interpret input", raw);
        return null;
    }

    /** Starlette keeps the last value of a repeated query parameter. */
    public static String last(Map<String, List<String>> query, String name) {
        List<String> values = query == null ? null : query.get(name);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }
}
