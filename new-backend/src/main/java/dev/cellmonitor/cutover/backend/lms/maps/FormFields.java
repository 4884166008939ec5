package dev.cellmonitor.cutover.backend.lms.maps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;

import dev.cellmonitor.cutover.backend.web.ValidationErrors;

/**
 * A form body read like FastAPI's {@code Form()}/{@code File()} parameters: multipart or urlencoded, the body
 * only (never the query string), the last value of a repeated name, and an empty text value counting as absent.
 * Any other content type is an empty form.
 */
final class FormFields {

    private final Map<String, Object> values;

    private FormFields(Map<String, Object> values) {
        this.values = values;
    }

    static FormFields read(HttpServletRequest request) {
        String contentType = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        Map<String, Object> values = new LinkedHashMap<>();
        try {
            if (contentType.startsWith("multipart/form-data")) {
                for (Part part : request.getParts()) {
                    values.remove(part.getName());
                    values.put(part.getName(), part.getSubmittedFileName() != null ? part
                            : new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                }
            } else if (contentType.startsWith("application/x-www-form-urlencoded")) {
                String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                for (String pair : body.split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    String[] kv = pair.split("=", 2);
                    String name = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
                    values.remove(name);
                    values.put(name, kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ServletException e) {
            // not a readable multipart body: FastAPI then finds no fields either
        }
        return new FormFields(values);
    }

    /** An optional text field: absent and empty are null; longer than {@code maxLength} is a 422 error. */
    String text(String name, int maxLength, ValidationErrors errors) {
        Object value = values.get(name);
        if (!(value instanceof String text) || text.isEmpty()) {
            return null;
        }
        if (text.codePointCount(0, text.length()) > maxLength) {
            errors.add("string_too_long", List.of("body", name), "String should have at most " + maxLength + " characters",
                    text, Map.of("max_length", maxLength));
            return null;
        }
        return text;
    }

    /** A required file field, reported as FastAPI reports a missing one or one sent as plain text. */
    Part file(String name, ValidationErrors errors) {
        Object value = values.get(name);
        if (value instanceof Part part) {
            return part;
        }
        if (value instanceof String text && !text.isEmpty()) {
            errors.add("value_error", List.of("body", name), "Value error, Expected UploadFile, received: <class 'str'>",
                    text, Map.of("error", Map.of()));
        } else {
            errors.missing(List.of("body", name), null);
        }
        return null;
    }
}
