package dev.cellmonitor.cutover.backend.web;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Error answers in the legacy's shapes: {@code {"detail": ...}} for API errors, 422 with Pydantic errors,
 * and the catch-all {@code 404 text/plain "Not Found"} for unknown paths and wrong methods (the legacy's
 * Socket.IO mount at "/" swallows both, so it never answers 405). Unexpected failures are logged and
 * answered with a legacy-shaped JSON 500 instead of the legacy's bare text.
 */
@RestControllerAdvice
public class LegacyErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(LegacyErrorHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> api(ApiException e) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON);
        e.headers().forEach(response::header);
        return response.body(detail(e.detail()));
    }

    @ExceptionHandler(ValidationException.class)
    ResponseEntity<Map<String, Object>> validation(ValidationException e) {
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).contentType(MediaType.APPLICATION_JSON)
                .body(detail(e.errors()));
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class,
            HttpRequestMethodNotSupportedException.class})
    ResponseEntity<String> notFound() {
        return notFoundText();
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e) {
        log.error("unhandled error", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(MediaType.APPLICATION_JSON)
                .body(detail("Internal server error"));
    }

    /**
     * The legacy catch-all answer for a path or method it does not serve: Socket.IO's bare {@code text/plain}
     * (no charset, unlike the legacy's 500s), as every recorded unrouted 404 shows.
     */
    public static ResponseEntity<String> notFoundText() {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .header(HttpHeaders.CONTENT_TYPE, "text/plain")
                .body("Not Found");
    }

    private static Map<String, Object> detail(Object detail) {
        java.util.LinkedHashMap<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("detail", detail);
        return body;
    }
}
