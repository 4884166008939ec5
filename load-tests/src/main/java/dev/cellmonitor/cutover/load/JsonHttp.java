package dev.cellmonitor.cutover.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The plain JSON-over-HTTP calls the suites make outside the measured load: set-up, ops API, probes. */
public final class JsonHttp {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final Duration timeout;

    public JsonHttp(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * An answer: status, raw body, and the body as JSON when it parses.
     */
    public record Reply(int status, String body, JsonNode json) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public String brief() {
            String text = body == null ? "" : body.replaceAll("\\s+", " ");
            return status + " " + (text.length() > 300 ? text.substring(0, 300) + "..." : text);
        }
    }

    public Reply get(String url, Map<String, String> headers) throws IOException {
        return send("GET", url, null, headers);
    }

    public Reply send(String method, String url, Object body, Map<String, String> headers) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Accept", "application/json");
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            String text = body instanceof String s ? s : JSON.writeValueAsString(body);
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(text));
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), parse(response.body()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted calling " + url, e);
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    public static Map<String, String> bearer(String token) {
        return token == null || token.isBlank() ? Map.of() : Map.of("Authorization", "Bearer " + token);
    }
}
