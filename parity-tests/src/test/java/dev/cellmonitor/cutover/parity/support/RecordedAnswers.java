package dev.cellmonitor.cutover.parity.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.cellmonitor.cutover.parity.recording.Recording;
import dev.cellmonitor.cutover.parity.recording.Step;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fake legacy on loopback that answers the HTTP steps of one recording, in order, with the recorded
 * responses, and remembers each request so tests can check what the runner sent.
 */
public final class RecordedAnswers implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final Deque<Step> pending = new ArrayDeque<>();
    private final List<String> problems = new ArrayList<>();
    private final Map<Integer, Answer> overrides = new java.util.HashMap<>();

    /** A replacement answer for one step. */
    public record Answer(int status, String contentType, String body) {
    }

    public RecordedAnswers(Recording recording) throws IOException {
        recording.steps().stream().filter(s -> s.kind().equals("http")).forEach(pending::add);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    /** Answers step {@code number} with {@code answer} instead of the recorded response. */
    public RecordedAnswers override(int number, Answer answer) {
        overrides.put(number, answer);
        return this;
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Requests that did not match the recorded method/path/query, or came when none was expected. */
    public List<String> problems() {
        return problems;
    }

    private synchronized void answer(HttpExchange ex) throws IOException {
        ex.getRequestBody().readAllBytes();
        Step step = pending.poll();
        if (step == null) {
            problems.add("unexpected request " + ex.getRequestMethod() + " " + ex.getRequestURI());
            send(ex, 599, "text/plain", "no more recorded answers".getBytes(StandardCharsets.UTF_8), Map.of());
            return;
        }
        JsonNode sent = step.get("sent");
        String expectedPath = sent.path("path").asString();
        if (!sent.path("method").asString().equals(ex.getRequestMethod())
                || !expectedPath.equals(ex.getRequestURI().getPath())) {
            problems.add("step " + step.number() + ": expected " + sent.path("method").asString() + " " + expectedPath
                    + ", got " + ex.getRequestMethod() + " " + ex.getRequestURI().getPath());
        }
        Answer override = overrides.get(step.number());
        if (override != null) {
            send(ex, override.status(), override.contentType(), override.body().getBytes(StandardCharsets.UTF_8),
                    Map.of());
            return;
        }
        JsonNode response = step.get("response");
        byte[] body = switch (response.path("body_format").asString()) {
            case "json" -> JSON.writeValueAsBytes(response.get("body"));
            case "text" -> response.path("body").asString().getBytes(StandardCharsets.UTF_8);
            default -> new byte[] {1, 2, 3};
        };
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        response.path("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asString()));
        send(ex, response.path("status").asInt(), response.path("content_type").asString(), body, headers);
    }

    private static void send(HttpExchange ex, int status, String contentType, byte[] body, Map<String, String> headers)
            throws IOException {
        if (!contentType.isEmpty()) {
            ex.getResponseHeaders().set("Content-Type", contentType);
        }
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
