package dev.cellmonitor.cutover.backend.web;

import java.math.BigInteger;
import java.util.List;

/**
 * Path and query parameters read the way FastAPI + Pydantic 2 read them: an {@code int} parameter accepts
 * surrounding whitespace, a sign and a zero fraction ({@code " 7"}, {@code "+7"}, {@code "7.00"}), Python ints
 * have no size limit, and a repeated query parameter counts with its last value. Failures are recorded as
 * {@code int_parsing} errors at {@code ["path"|"query", name]}.
 */
public final class LegacyParams {

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private LegacyParams() {
    }

    /** Pydantic's lax int from a string, or null when it is not one. */
    public static BigInteger parseInt(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.strip();
        int dot = s.indexOf('.');
        if (dot >= 0 && s.substring(dot + 1).chars().allMatch(c -> c == '0')) {
            s = s.substring(0, dot);
        }
        if (s.isEmpty() || s.length() > 4300 || !s.matches("[+-]?[0-9]+")) {
            return null;
        }
        return new BigInteger(s.startsWith("+") ? s.substring(1) : s);
    }

    /** A required int path parameter; null (with the error recorded) when it does not parse. */
    public static BigInteger pathInt(String name, String raw, ValidationErrors errors) {
        BigInteger value = parseInt(raw);
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
        BigInteger value = parseInt(raw);
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
