package dev.cellmonitor.cutover.backend.web;

import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * The legacy's {@code HTTPException}: answered as {@code {"detail": <detail>}} with the given status.
 * {@code detail} is usually a string; some legacy routes put an object there.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final transient Object detail;
    private final Map<String, String> headers;

    public ApiException(HttpStatus status, Object detail) {
        this(status, detail, Map.of());
    }

    public ApiException(HttpStatus status, Object detail, Map<String, String> headers) {
        super(String.valueOf(detail), null, false, false);
        this.status = status;
        this.detail = detail;
        this.headers = Map.copyOf(headers);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, detail);
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, detail);
    }

    public HttpStatus status() {
        return status;
    }

    public Object detail() {
        return detail;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
