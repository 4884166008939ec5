package dev.cellmonitor.cutover.backend.web;

import java.util.List;
import java.util.Map;

/** A request that fails validation: answered 422 {@code {"detail": [errors...]}} like FastAPI/Pydantic. */
public class ValidationException extends RuntimeException {

    private final transient List<Map<String, Object>> errors;

    public ValidationException(List<Map<String, Object>> errors) {
        super(errors.size() + " validation error(s)", null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<Map<String, Object>> errors() {
        return errors;
    }
}
