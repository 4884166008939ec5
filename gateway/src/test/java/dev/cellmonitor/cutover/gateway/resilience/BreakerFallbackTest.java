package dev.cellmonitor.cutover.gateway.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.http.Fault;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import dev.cellmonitor.cutover.gateway.routing.Backend;
import dev.cellmonitor.cutover.gateway.support.Backends;
import dev.cellmonitor.cutover.gateway.support.GatewayIntegrationTest;

class BreakerFallbackTest extends GatewayIntegrationTest {

    @BeforeEach
    void lmsOnNew() {
        flipGroup("lms", "NEW", "lms is on the new backend");
    }

    private void newBackendDown() {
        Backends.NEW.stubFor(any(anyUrl()).atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

    @Test
    void answersGetFromLegacyWhenTheNewBackendIsDown() {
        newBackendDown();

        gateway.get().uri("/api/v1/classes/").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Served-By", "legacy")
                .expectBody().jsonPath("$.served").isEqualTo("legacy");
    }

    @Test
    void failsPostFastWithALegacyShaped503WhenTheNewBackendIsDown() {
        newBackendDown();

        gateway.post().uri("/api/v1/classes/").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Py", "class_code", "PY1"))
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals("X-Served-By", "gateway")
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("not safe"))
                .jsonPath("$.length()").isEqualTo(1);
        Backends.LEGACY.verify(0, postRequestedFor(urlEqualTo("/api/v1/classes/")));
    }

    @Test
    void answersGetFromLegacyWhenTheNewBackendTimesOut() {
        Backends.NEW.stubFor(get(urlEqualTo("/api/v1/classes/")).atPriority(1)
                .willReturn(aResponse().withStatus(200).withFixedDelay(8000).withBody("{\"slow\":true}")));

        long start = System.nanoTime();
        gateway.get().uri("/api/v1/classes/").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Served-By", "legacy");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(7500));
    }

    @Test
    void opensTheBreakerAndStopsCallingTheNewBackend() {
        newBackendDown();
        for (int i = 0; i < 4; i++) {
            gateway.get().uri("/api/v1/classes/").exchange().expectStatus().isOk();
        }
        assertThat(guards.breaker(Backend.NEW).getState()).isEqualTo(CircuitBreaker.State.OPEN);
        int callsSoFar = Backends.NEW.getAllServeEvents().size();

        gateway.get().uri("/api/v1/assignments/").exchange()
                .expectStatus().isOk().expectHeader().valueEquals("X-Served-By", "legacy");
        gateway.delete().uri("/api/v1/classes/4").exchange()
                .expectStatus().isEqualTo(503).expectBody().jsonPath("$.detail").exists();

        Backends.NEW.verify(callsSoFar, anyRequestedFor(anyUrl()));
        ops.get().uri("/ops/api/status").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.breakers.new.state").isEqualTo("OPEN")
                .jsonPath("$.fallbacks['get-assignments breaker_open legacy']").isEqualTo(1.0)
                .jsonPath("$.fallbacks['delete-classes-class-id breaker_open fail_fast']").isEqualTo(1.0);
    }

    @Test
    void passesOnA5xxFromTheNewBackendButCountsItAgainstTheBreaker() {
        Backends.NEW.stubFor(get(urlEqualTo("/api/v1/classes/")).atPriority(1)
                .willReturn(aResponse().withStatus(500).withBody("boom")));

        gateway.get().uri("/api/v1/classes/").exchange()
                .expectStatus().isEqualTo(500)
                .expectHeader().valueEquals("X-Served-By", "new")
                .expectBody(String.class).isEqualTo("boom");
        assertThat(guards.breaker(Backend.NEW).getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }

    @Test
    void exportsFallbacksAndPerRouteBackendMetricsForPrometheus() {
        newBackendDown();
        gateway.get().uri("/api/v1/classes/").exchange().expectStatus().isOk();

        management.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(text -> assertThat(text)
                        .contains("cutover_fallbacks_total{action=\"legacy\",reason=\"connect_error\",route=\"get-classes\"}")
                        .containsPattern("cutover_requests_seconds_bucket\\{backend=\"legacy\",group=\"lms\","
                                + "outcome=\"SUCCESS\",route=\"get-classes\",le=\"[0-9.]+\"}")
                        .contains("resilience4j_circuitbreaker_state"));
    }
}
