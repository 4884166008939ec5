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
 * errors with the legacy's {@code loc}/{@code msg}/{@code input}. Python ints have no size limit: values beyond a
 * long are clamped or checked against the int4 id columns by the callers.
 */
public final class LegacyParams {

    private static final Pattern LAX_INT = Pattern.compile("[+-]?\\d+(_\\d+)*(\\.0*)?");
    /** CPython refuses int strings longer than this (sys.int_info.str_digits_check_threshold). */
    private static final int MAX_DIGITS = 4300;
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
        if (s.length() > MAX_DIGITS || !LAX_INT.matcher(s).matches()) {
            return null;
        }
        int dot = s.indexOf('.');
        String digits = (dot < 0 ? s : s.substring(0, dot)).replace("_", "");
        return new BigInteger(digits.startsWith("+") ? digits.substring(1) : digits);
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

    /** A required int path parameter; null (with the error recorded) when it does not parse. */
    public static BigInteger pathInt(String name, String raw, ValidationErrors errors) {
        BigInteger value = laxInt(raw);
        if (value == null) {
            errors.intParsing(List.of("path", name), raw);
        }
        return value;
    }

    /**
     * An optional int query parameter given as all its values (Spring binds a repeated parameter to a list):
     * the last one counts, as in Starlette. Absent -> {@code fallback}.
     */
    public static BigInteger queryInt(String name, List<String> values, BigInteger fallback, ValidationErrors errors) {
        if (values == null || values.isEmpty()) {
            return fallback;
        }
        String raw = values.getLast();
        BigInteger value = laxInt(raw);
        if (value == null) {
            errors.intParsing(List.of("query", name), raw);
        }
        return value;
    }

    /** Like {@link #queryInt} with a lower bound, reported like FastAPI's {@code Query(ge=...)}. */
    public static BigInteger queryInt(String name, List<String> values, BigInteger fallback, long min,
                                      ValidationErrors errors) {
        BigInteger value = queryInt(name, values, fallback, errors);
        if (value != null && value.compareTo(BigInteger.valueOf(min)) < 0) {
            errors.greaterThanEqual(List.of("query", name), values.getLast(), min);
            return null;
        }
        return value;
    }

    /** A Python int squeezed into a long: values beyond the range cannot match any row anyway. */
    public static long clamp(BigInteger value) {
        return value.max(LONG_MIN).min(LONG_MAX).longValue();
    }

    /** Whether a Python int fits a PostgreSQL {@code integer} column (every legacy id is one). */
    public static boolean fitsInt4(BigInteger value) {
        return value != null && value.bitLength() < 32;
    }
}
