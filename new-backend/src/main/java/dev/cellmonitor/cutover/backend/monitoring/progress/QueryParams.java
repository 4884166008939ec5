package dev.cellmonitor.cutover.backend.monitoring.progress;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import dev.cellmonitor.cutover.backend.web.ValidationErrors;

/**
 * Query parameters read as FastAPI reads them: the last value of a repeated parameter, Pydantic's lax bool and
 * int parsing, bounds, and every problem collected as a 422 error at {@code ["query", <name>]}.
 */
final class QueryParams {

    private static final Set<String> TRUE = Set.of("1", "on", "t", "true", "y", "yes");
    private static final Set<String> FALSE = Set.of("0", "off", "f", "false", "n", "no");

    private final HttpServletRequest request;
    private final ValidationErrors errors = new ValidationErrors();

    QueryParams(HttpServletRequest request) {
        this.request = request;
    }

    ValidationErrors errors() {
        return errors;
    }

    String raw(String name) {
        String[] values = request.getParameterValues(name);
        return values == null || values.length == 0 ? null : values[values.length - 1];
    }

    String required(String name) {
        String value = raw(name);
        if (value == null) {
            errors.missing(List.of("query", name), null);
        }
        return value;
    }

    String optional(String name, String fallback) {
        String value = raw(name);
        return value == null ? fallback : value;
    }

    boolean bool(String name, boolean fallback) {
        String value = raw(name);
        if (value == null) {
            return fallback;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (TRUE.contains(v)) {
            return true;
        }
        if (FALSE.contains(v)) {
            return false;
        }
        errors.add("bool_parsing", List.of("query", name), "Input should be a valid boolean, unable to interpret input", value);
        return fallback;
    }

    int integer(String name, int fallback, int min, int max) {
        String value = raw(name);
        if (value == null) {
            return fallback;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            errors.intParsing(List.of("query", name), value);
            return fallback;
        }
        if (parsed < min) {
            errors.greaterThanEqual(List.of("query", name), value, min);
            return fallback;
        }
        if (parsed > max) {
            errors.lessThanEqual(List.of("query", name), value, max);
            return fallback;
        }
        return (int) parsed;
    }
}
