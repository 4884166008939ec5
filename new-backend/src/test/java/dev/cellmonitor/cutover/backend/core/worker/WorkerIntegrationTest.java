package dev.cellmonitor.cutover.backend.core.worker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.cellmonitor.cutover.backend.core.events.EventData;
import dev.cellmonitor.cutover.backend.core.events.RedisCapture;
import dev.cellmonitor.cutover.backend.redis.RedisNames;
import dev.cellmonitor.cutover.backend.support.BackendIntegrationTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * One application context shared by the worker's behaviour tests: replacement mode (so the interlock can be seen),
 * InfluxDB configured to a {@link FakeInflux}, short caches and check intervals, a small queue, foreign keys checked
 * by PostgreSQL row by row.
 */
@BackendIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {
        "cellmonitor.worker.mode=replacement",
        "cellmonitor.worker.threshold-cache-ttl=100ms",
        "cellmonitor.worker.heartbeat-check-interval=200ms",
        "cellmonitor.worker.heartbeat-interval=300ms",
        "cellmonitor.worker.queue-capacity=400",
        "cellmonitor.worker.max-batch-events=400",
        "cellmonitor.worker.retry-after-seconds=2",
        // PostgreSQL's own per-row foreign-key checks here; the default (set-based) runs in the other contexts
        "cellmonitor.worker.set-based-reference-checks=false",
        "spring.datasource.hikari.maximum-pool-size=6"})
abstract class WorkerIntegrationTest {

    static final FakeInflux INFLUX = new FakeInflux();

    @DynamicPropertySource
    static void influx(DynamicPropertyRegistry registry) {
        registry.add("cellmonitor.influx.url", INFLUX::url);
        registry.add("cellmonitor.influx.token", () -> "test-token");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RedisNames names;

    RedisCapture redis;

    @BeforeAll
    void subscribe() {
        redis = RedisCapture.forPrefix(names.prefix());
    }

    @AfterAll
    void unsubscribe() {
        redis.close();
    }

    HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A {@code cell_executed} event as the JupyterLab extension sends it. */
    static String execution(String email, String cell, boolean error, String code) {
        return """
                {"eventType": "cell_executed", "eventTime": "2025-05-01T10:00:00.000Z", "emailAddress": "%s",
                 "userName": "User %s", "teamName": "T1", "sessionId": "s-%s", "notebookPath": "lessons/x.ipynb",
                 "cellId": "%s", "cellIndex": 1, "cellType": "code", "code": "%s", "executionCount": 1,
                 "hasError": %s, "executionDurationMs": 5.0, "errorMessage": %s, "result": %s}"""
                .formatted(email, email, email, cell, code, error, error ? "\"ZeroDivisionError\"" : "null",
                        error ? "null" : "\"ok\"");
    }

    /** A {@code cell_executed} event as the worker gets it, for tests that drive a {@link BatchWriter} directly. */
    static WorkerEvent event(String email, String cell, boolean error) {
        return WorkerEvent.of(EventData.readOne(JsonMapper.builder().build().readTree("""
                {"eventType": "cell_executed", "emailAddress": "%s", "userName": "Plain", "notebookPath": "plain.ipynb",
                 "cellId": "%s", "cellIndex": 0, "code": "x", "hasError": %s}""".formatted(email, cell, error))));
    }
}
