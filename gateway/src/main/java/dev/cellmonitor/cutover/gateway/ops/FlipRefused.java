package dev.cellmonitor.cutover.gateway.ops;

import java.util.LinkedHashMap;
import java.util.Map;

/** A flip that was not made, with the HTTP status the ops API answers and details for the operator. */
public class FlipRefused extends RuntimeException {

    private final int status;
    private final Map<String, Object> details;

    FlipRefused(int status, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.details = new LinkedHashMap<>(details);
    }

    static FlipRefused badRequest(String message) {
        return new FlipRefused(400, message, Map.of());
    }

    static FlipRefused conflict(String message, Map<String, Object> details) {
        return new FlipRefused(409, message, details);
    }

    public int status() {
        return status;
    }

    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", getMessage());
        body.putAll(details);
        return body;
    }
}
