package dev.cellmonitor.cutover.backend.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.cellmonitor.cutover.backend.core.events.LegacyComparison;
import dev.cellmonitor.cutover.backend.core.events.Recording;
import dev.cellmonitor.cutover.backend.support.BackendIntegrationTest;
import tools.jackson.databind.JsonNode;

/** {@code GET /} and the health routes answer in the legacy's shapes (recording p01). */
@BackendIntegrationTest
class HealthRoutesTest {

    private static final Recording P01 = Recording.load("p01_root_health_docs");

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(strings = {"root welcome", "health simple", "health ready", "health live",
            "health without prefix -> catch-all 404 text", "wrong method on health/simple -> 404 text (never 405)"})
    void answersLikeTheLegacy(String stepName) {
        JsonNode step = P01.step(stepName);
        Recording.Response response = P01.send("http://127.0.0.1:" + port, step);
        JsonNode recorded = step.get("response");
        assertThat(response.status()).isEqualTo(recorded.get("status").asInt());
        if (recorded.get("body_format").stringValue().equals("json")) {
            assertThat(response.contentType()).isEqualTo("application/json");
            assertThat(new LegacyComparison(P01.recordedAt(), List.of()).diff(recorded.get("body"), response.json())).isEmpty();
        } else {
            assertThat(response.body()).isEqualTo(recorded.get("body").stringValue());
        }
    }

    @Test
    void aggregatesThisBackendsProbesInTheLegacyShapeWithoutInfluxWhenNoneIsConfigured() {
        JsonNode step = P01.step("health aggregate");
        Recording.Response response = P01.send("http://127.0.0.1:" + port, step);
        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        JsonNode recorded = step.get("response").get("body");
        LegacyComparison comparison = new LegacyComparison(P01.recordedAt(), List.of());
        assertThat(body.properties().stream().map(e -> e.getKey()).toList())
                .containsExactly("status", "timestamp", "services", "details");
        assertThat(comparison.diff(recorded.get("timestamp"), body.get("timestamp"))).isEmpty();
        assertThat(comparison.diff(recorded.get("services").get("postgres"), body.get("services").get("postgres"))).isEmpty();
        assertThat(comparison.diff(recorded.get("services").get("redis"), body.get("services").get("redis"))).isEmpty();
        assertThat(body.get("services").has("influxdb")).isFalse();
        JsonNode details = body.get("details");
        assertThat(details.properties().stream().map(e -> e.getKey()).toList()).containsExactly("total_services",
                "healthy_services", "api_version", "environment", "websocket_connections", "websocket_rooms");
        assertThat(details.get("total_services").intValue()).isEqualTo(body.get("services").size());
        assertThat(details.get("healthy_services").intValue()).isEqualTo(body.get("services").size());
        assertThat(details.get("environment").stringValue()).isEqualTo("docker");
    }
}
