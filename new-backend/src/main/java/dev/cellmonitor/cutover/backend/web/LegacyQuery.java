package dev.cellmonitor.cutover.backend.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Query parameters read the way FastAPI reads them: only from the URL (never from a form body), a repeated
 * single-valued parameter takes its last value, and values are coerced in Pydantic's lax mode with errors
 * collected at {@code ["query", name]} (query inputs are reported as the strings that were sent).
 */
public final class LegacyQuery {

    private static final Set<String> TRUE = Set.of("1", "on", "t", "true", "y", "yes");
    private static final Set<String> FALSE = Set.of("0", "off", "f", "false", "n", "no");

    private final Map<String, List<String>> values;
    private final ValidationErrors errors;

    private LegacyQuery(Map<String, List<String>> values, ValidationErrors errors) {
        this.values = values;
        this.errors = errors;
    }

    public static LegacyQuery of(HttpServletRequest request, ValidationErrors errors) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        String query = request.getQueryString();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        return new LegacyQuery(values, errors);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return s;
        }
    }

    /** The last value of a string parameter; a missing required one is reported. */
    public String str(String name, boolean required) {
        List<String> all = values.get(name);
        if (all == null) {
            if (required) {
                errors.missing(List.of("query", name), null);
            }
            return null;
        }
        return all.getLast();
    }

    /** Every value of a repeated parameter, or null when absent. */
    public List<String> list(String name) {
        List<String> all = values.get(name);
        return all == null ? null : List.copyOf(all);
    }

    public Long integer(String name) {
        String v = str(name, false);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            errors.intParsing(List.of("query", name), v);
            return null;
        }
    }

    /** An integer within {@code ge..le}, reported like Pydantic's {@code Field(ge=, le=)}. */
    public Long integer(String name, long ge, long le) {
        Long v = integer(name);
        if (v != null && v < ge) {
            errors.greaterThanEqual(List.of("query", name), str(name, false), ge);
            return null;
        }
        if (v != null && v > le) {
            errors.lessThanEqual(List.of("query", name), str(name, false), le);
            return null;
        }
        return v;
    }

    public Boolean bool(String name) {
        String v = str(name, false);
        if (v == null) {
            return null;
        }
        String s = v.strip().toLowerCase(Locale.ROOT);
        if (TRUE.contains(s)) {
            return true;
        }
        if (FALSE.contains(s)) {
            return false;
        }
        errors.add("bool_parsing", List.of("query", name), "Input should be a valid boolean, unable to interpret input", v);
        return null;
    }
}
