package dev.cellmonitor.cutover.backend.lms.statics;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.io.PathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * The static directory shared with the legacy, and file answers the way Starlette gives them: content type from
 * the extension (Python's {@code mimetypes}, {@code text/*} with {@code charset=utf-8}, unknown as
 * {@code text/plain}), {@code Last-Modified}, and an {@code ETag} computed exactly like Starlette's
 * (md5 of {@code "<st_mtime>-<st_size>"}), so a client's cached validators stay valid whichever backend serves a
 * shared file. Conditional GETs are answered 304.
 */
@Component
public class StaticFiles {

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html"), Map.entry("htm", "text/html"), Map.entry("css", "text/css"),
            Map.entry("js", "text/javascript"), Map.entry("mjs", "text/javascript"), Map.entry("txt", "text/plain"),
            Map.entry("csv", "text/csv"), Map.entry("md", "text/markdown"), Map.entry("xml", "text/xml"),
            Map.entry("json", "application/json"), Map.entry("pdf", "application/pdf"),
            Map.entry("wasm", "application/wasm"), Map.entry("zip", "application/zip"),
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("jpe", "image/jpeg"),
            Map.entry("png", "image/png"), Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"),
            Map.entry("bmp", "image/bmp"), Map.entry("svg", "image/svg+xml"), Map.entry("ico", "image/vnd.microsoft.icon"),
            Map.entry("tif", "image/tiff"), Map.entry("tiff", "image/tiff"), Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"), Map.entry("ttf", "font/ttf"), Map.entry("otf", "font/otf"),
            Map.entry("mp4", "video/mp4"), Map.entry("webm", "video/webm"), Map.entry("mp3", "audio/mpeg"),
            Map.entry("wav", "audio/x-wav"));

    private final Path directory;

    public StaticFiles(StaticFilesProperties properties) {
        this.directory = properties.directory().toAbsolutePath().normalize();
    }

    /** The static root (absolute). */
    public Path directory() {
        return directory;
    }

    /**
     * {@code <static>/maps}, where map uploads go. Not created here: the first upload creates it (the legacy
     * creates it at start-up, which would leave an empty {@code static/} in every working directory).
     */
    public Path mapsDirectory() {
        return directory.resolve("maps");
    }

    /**
     * The regular file {@code relative} names inside {@code base}, or empty when it is missing, not a regular
     * file, or (also through symbolic links) outside {@code base}.
     */
    public static Optional<Path> fileIn(Path base, String relative) {
        try {
            Path root = base.toRealPath();
            Path candidate = root.resolve(relative.startsWith("/") ? relative.substring(1) : relative).normalize();
            if (!candidate.startsWith(root) || !Files.isRegularFile(candidate)) {
                return Optional.empty();
            }
            Path real = candidate.toRealPath();
            return real.startsWith(root) && Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)
                    ? Optional.of(real) : Optional.empty();
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** The content type Starlette sends for a file name. */
    public static String contentType(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
        if (type == null) {
            type = "text/plain";
        }
        return type.startsWith("text/") ? type + "; charset=utf-8" : type;
    }

    /**
     * Sends a file as Starlette's {@code FileResponse} does (no Content-Disposition unless given in
     * {@code headers}), or 304 when the request's validators match. Written straight to the servlet response:
     * Spring's message converters would add their own {@code Content-Disposition: inline;filename=f.txt} to
     * files whose extension they consider unsafe.
     */
    public static void send(Path file, String contentType, HttpHeaders headers, HttpServletRequest request,
                            HttpServletResponse response) throws IOException {
        send(new PathResource(file), Files.getLastModifiedTime(file), Files.size(file), contentType, headers, request,
                response);
    }

    static void send(Resource body, FileTime modified, long size, String contentType, HttpHeaders headers,
                     HttpServletRequest request, HttpServletResponse response) throws IOException {
        String etag = etag(modified, size);
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setDateHeader(HttpHeaders.LAST_MODIFIED, modified.toMillis());
        if (new ServletWebRequest(request, response).checkNotModified(etag, modified.toMillis())) {
            return;
        }
        response.setContentType(contentType);
        response.setContentLengthLong(size);
        headers.forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        try (InputStream in = body.getInputStream()) {
            in.transferTo(response.getOutputStream());
        }
    }

    /** Starlette's validator: {@code "md5(str(st_mtime) + "-" + str(st_size))"}, st_mtime as Python prints it. */
    static String etag(FileTime modified, long size) {
        Instant at = modified.toInstant();
        double mtime = at.getEpochSecond() + at.getNano() * 1e-9;
        String base = pythonFloat(mtime) + "-" + size;
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(base.getBytes(StandardCharsets.US_ASCII));
            return "\"" + HexFormat.of().formatHex(digest) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Python's {@code repr(float)} for values written without an exponent (shortest round-trip digits). */
    static String pythonFloat(double value) {
        String plain = new BigDecimal(Double.toString(value)).toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }
}
