package dev.cellmonitor.cutover.parity.run;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends one recorded HTTP request (FORMAT.md §3: raw path percent-encoded like Python's {@code quote}, query
 * values repeated for lists, the body by {@code body_type}, {@code Connection: close}) and describes the answer
 * the way the recordings do ({@code status}, {@code content_type}, {@code body_format}, {@code body}, the
 * recorded headers).
 */
final class HttpDriver implements AutoCloseable {

    /** The response headers a recording keeps. */
    static final List<String> RECORDED_HEADERS = List.of("www-authenticate", "content-disposition");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String PATH_SAFE = "/:@!$&'()*+,;=-._~%";

    private final CloseableHttpClient client;

    HttpDriver(long timeoutMillis) {
        this.client = HttpClients.custom()
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableContentCompression()
                .disableCookieManagement()
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.ofMilliseconds(timeoutMillis))
                        .setConnectionRequestTimeout(Timeout.ofMilliseconds(timeoutMillis))
                        .build())
                .build();
    }

    /** The answer: the recording's {@code response} object plus every response header, lower-cased. */
    record Answer(ObjectNode response, Map<String, String> headers) {
    }

    Answer send(URI base, JsonNode request) throws IOException {
        String method = request.path("method").asString("GET").toUpperCase(Locale.ROOT);
        URI uri = uri(base, request.path("path").asString("/"), request.get("query"));
        HttpUriRequestBase http = new HttpUriRequestBase(method, uri);
        String contentType = null;
        for (Map.Entry<String, JsonNode> h : request.path("headers").properties()) {
            if (h.getKey().equalsIgnoreCase("content-type")) {
                contentType = h.getValue().asString();
            } else {
                http.addHeader(h.getKey(), h.getValue().asString());
            }
        }
        http.addHeader("Connection", "close");
        HttpEntity entity = entity(request.path("body_type").asString("none"), request.get("body"), contentType);
        if (entity != null) {
            http.setEntity(entity);
        } else if (contentType != null) {
            http.addHeader("Content-Type", contentType);
        }
        return client.execute(http, response -> {
            byte[] bytes = response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
            Header ct = response.getFirstHeader("Content-Type");
            Map<String, String> headers = new LinkedHashMap<>();
            for (Header h : response.getHeaders()) {
                headers.putIfAbsent(h.getName().toLowerCase(Locale.ROOT), h.getValue());
            }
            return new Answer(describe(response.getCode(), ct == null ? "" : ct.getValue(), bytes, headers), headers);
        });
    }

    static ObjectNode describe(int status, String contentType, byte[] bytes, Map<String, String> headers) {
        ObjectNode out = NODES.objectNode();
        out.put("status", status);
        out.put("content_type", contentType);
        String mime = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        JsonNode json = null;
        if (mime.equals("application/json") || mime.endsWith("+json")) {
            try {
                json = JSON.readTree(bytes);
            } catch (JacksonException e) {
                json = null;
            }
        }
        if (json != null && !json.isMissingNode()) {
            out.put("body_format", "json");
            out.set("body", json);
        } else if (mime.startsWith("text/") || mime.equals("application/json") || mime.endsWith("+json")
                || mime.endsWith("/xml") || mime.equals("application/javascript") || mime.isEmpty()) {
            out.put("body_format", "text");
            out.put("body", new String(bytes, charset(contentType)));
        } else {
            out.put("body_format", "binary");
            ObjectNode bin = out.putObject("body");
            bin.put("sha256", sha256(bytes));
            bin.put("length", bytes.length);
        }
        ObjectNode recorded = NODES.objectNode();
        for (String name : RECORDED_HEADERS) {
            if (headers.containsKey(name)) {
                recorded.put(name, headers.get(name));
            }
        }
        if (!recorded.isEmpty()) {
            out.set("headers", recorded);
        }
        return out;
    }

    private static Charset charset(String contentType) {
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                try {
                    return Charset.forName(p.substring(8).replace("\"", "").trim());
                } catch (RuntimeException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpEntity entity(String bodyType, JsonNode body, String contentType) {
        switch (bodyType) {
            case "none" -> {
                return null;
            }
            case "json" -> {
                return new ByteArrayEntity(JSON.writeValueAsBytes(body),
                        ContentType.parse(contentType == null ? "application/json" : contentType));
            }
            case "raw" -> {
                byte[] bytes = (body == null || body.isNull() ? "" : body.isString() ? body.stringValue()
                        : body.toString()).getBytes(StandardCharsets.UTF_8);
                return new ByteArrayEntity(bytes, contentType == null ? null : ContentType.parse(contentType));
            }
            case "form" -> {
                List<String> pairs = new ArrayList<>();
                for (Map.Entry<String, JsonNode> f : body.properties()) {
                    for (JsonNode v : f.getValue().isArray() ? f.getValue() : List.of(f.getValue())) {
                        pairs.add(URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8) + "="
                                + URLEncoder.encode(scalar(v), StandardCharsets.UTF_8));
                    }
                }
                return new ByteArrayEntity(String.join("&", pairs).getBytes(StandardCharsets.UTF_8),
                        ContentType.parse(contentType == null ? "application/x-www-form-urlencoded" : contentType));
            }
            case "multipart" -> {
                MultipartEntityBuilder b = MultipartEntityBuilder.create().setCharset(StandardCharsets.UTF_8);
                for (Map.Entry<String, JsonNode> f : body.path("fields").properties()) {
                    b.addTextBody(f.getKey(), scalar(f.getValue()), ContentType.TEXT_PLAIN.withCharset(StandardCharsets.UTF_8));
                }
                for (Map.Entry<String, JsonNode> f : body.path("files").properties()) {
                    JsonNode file = f.getValue();
                    b.addBinaryBody(f.getKey(), Base64.getDecoder().decode(file.path("base64").asString("")),
                            ContentType.parse(file.path("content_type").asString("application/octet-stream")),
                            file.path("filename").asString("file"));
                }
                return b.build();
            }
            default -> throw new IllegalArgumentException("unknown body_type '" + bodyType + "'");
        }
    }

    private static String scalar(JsonNode v) {
        return v == null || v.isNull() ? "" : v.isString() ? v.stringValue() : v.toString();
    }

    /** {@code base} + the percent-encoded raw path + the query (a list value repeats the parameter). */
    static URI uri(URI base, String rawPath, JsonNode query) {
        StringBuilder sb = new StringBuilder(stripSlash(base.toString())).append(encodePath(rawPath));
        List<String> pairs = new ArrayList<>();
        if (query != null) {
            for (Map.Entry<String, JsonNode> q : query.properties()) {
                for (JsonNode v : q.getValue().isArray() ? q.getValue() : List.of(q.getValue())) {
                    pairs.add(URLEncoder.encode(q.getKey(), StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(scalar(v), StandardCharsets.UTF_8));
                }
            }
        }
        if (!pairs.isEmpty()) {
            sb.append('?').append(String.join("&", pairs));
        }
        return URI.create(sb.toString());
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** Python's {@code quote(path, safe="/:@!$&'()*+,;=-._~%")}; a stray {@code %} is encoded too. */
    static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            char c = (char) b;
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (b < 0x80 && c == '%' && !(i + 2 < bytes.length && hex(bytes[i + 1]) && hex(bytes[i + 2]))) {
                out.append("%25");
            } else if (b < 0x80 && (alnum || PATH_SAFE.indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b));
            }
        }
        return out.toString();
    }

    private static boolean hex(byte b) {
        return Character.digit((char) (b & 0xff), 16) >= 0;
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
