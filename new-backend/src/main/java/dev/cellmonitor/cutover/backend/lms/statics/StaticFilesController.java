package dev.cellmonitor.cutover.backend.lms.statics;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import dev.cellmonitor.cutover.backend.web.LegacyErrorHandler;

/**
 * {@code GET|HEAD /static/{path}}: files from the configured static directory, like the legacy's Starlette
 * {@code StaticFiles} mount: a missing file (or a directory) is {@code 404 {"detail":"Not Found"}}, another
 * method {@code 405 {"detail":"Method Not Allowed"}}, and the bare {@code /static} falls through to the
 * catch-all plain-text 404. Files the directory lacks may come from the few pages bundled with the backend
 * ({@code websocket_test.html}); a file in the directory always wins.
 */
@RestController
class StaticFilesController {

    private static final String BUNDLED = "lms-static/";

    private final StaticFiles files;

    StaticFilesController(StaticFiles files) {
        this.files = files;
    }

    @RequestMapping(value = "/static/{*path}", method = {RequestMethod.GET, RequestMethod.HEAD})
    ResponseEntity<?> serve(@PathVariable String path, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (path.isEmpty()) {
            return LegacyErrorHandler.notFoundText();
        }
        String relative = path.substring(1);
        Optional<Path> file = relative.isEmpty() ? Optional.empty() : StaticFiles.fileIn(files.directory(), relative);
        if (file.isPresent()) {
            StaticFiles.send(file.get(), StaticFiles.contentType(relative), new HttpHeaders(), request, response);
            return null;
        }
        Resource bundled = new ClassPathResource(BUNDLED + relative);
        if (!relative.isEmpty() && !relative.contains("..") && bundled.isReadable()) {
            StaticFiles.send(bundled, FileTime.fromMillis(bundled.lastModified()), bundled.contentLength(),
                    StaticFiles.contentType(relative), new HttpHeaders(), request, response);
            return null;
        }
        return detail(HttpStatus.NOT_FOUND, "Not Found");
    }

    @RequestMapping(value = "/static/{*path}", method = {RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH,
            RequestMethod.DELETE, RequestMethod.OPTIONS})
    ResponseEntity<?> otherMethods(@PathVariable String path) {
        if (path.isEmpty()) {
            return LegacyErrorHandler.notFoundText();
        }
        return detail(HttpStatus.METHOD_NOT_ALLOWED, "Method Not Allowed");
    }

    private static ResponseEntity<Map<String, String>> detail(HttpStatus status, String text) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Map.of("detail", text));
    }
}
