package dev.cellmonitor.cutover.backend.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects Pydantic-2-style validation errors ({@code type, loc, msg, input[, ctx]}) in the order the legacy
 * reports them, then throws them together. The keys and messages are those of Pydantic 2 as the recordings
 * show them (no {@code url} key: the recorded legacy does not send it).
 */
public final class ValidationErrors {

    private final List<Map<String, Object>> errors = new ArrayList<>();

    public ValidationErrors add(String type, List<Object> loc, String msg, Object input) {
        return add(type, loc, msg, input, null);
    }

    public ValidationErrors add(String type, List<Object> loc, String msg, Object input, Map<String, Object> ctx) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", type);
        error.put("loc", List.copyOf(loc));
        error.put("msg", msg);
        error.put("input", input);
        if (ctx != null) {
            error.put("ctx", ctx);
        }
        errors.add(error);
        return this;
    }

    public ValidationErrors missing(List<Object> loc, Object input) {
        return add("missing", loc, "Field required", input);
    }

    public ValidationErrors intParsing(List<Object> loc, Object input) {
        return add("int_parsing", loc, "Input should be a valid integer, unable to parse string as an integer", input);
    }

    public ValidationErrors greaterThanEqual(List<Object> loc, Object input, Number ge) {
        return add("greater_than_equal", loc, "Input should be greater than or equal to " + ge, input, Map.of("ge", ge));
    }

    public ValidationErrors lessThanEqual(List<Object> loc, Object input, Number le) {
        return add("less_than_equal", loc, "Input should be less than or equal to " + le, input, Map.of("le", le));
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public int size() {
        return errors.size();
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    public static ValidationException single(String type, List<Object> loc, String msg, Object input) {
        return new ValidationException(new ValidationErrors().add(type, loc, msg, input).errors);
    }
}
