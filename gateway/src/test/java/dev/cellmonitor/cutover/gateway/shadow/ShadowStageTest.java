package dev.cellmonitor.cutover.gateway.shadow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import dev.cellmonitor.cutover.gateway.support.Backends;
import dev.cellmonitor.cutover.gateway.support.GatewayIntegrationTest;

class ShadowStageTest extends GatewayIntegrationTest {

    @Autowired
    ShadowLedger ledger;

    private ShadowLedger.Counts counts(String route) {
        return ledger.counts().stream().filter(c -> c.route().equals(route)).findFirst()
                .orElse(new ShadowLedger.Counts(route, 0, 0, 0, 0));
    }

    private static void answer(com.github.tomakehurst.wiremock.WireMockServer server, String url, int status,
                               String body) {
        server.stubFor(get(urlEqualTo(url)).atPriority(1).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    void legacyAnswersWhileTheNewBackendGetsACopy() {
        ShadowLedger.Counts before = counts("get-classes-class-id");
        answer(Backends.LEGACY, "/api/v1/classes/1", 200,
                "{\"id\":1,\"name\":\"Py\",\"created_at\":\"2026-11-28T22:56:02.777427Z\"}");
        answer(Backends.NEW, "/api/v1/classes/1", 200,
                "{\"name\":\"Py\",\"id\":7,\"created_at\":\"2026-11-29T01:00:00Z\"}");
        flipRoutes(List.of("get-classes-class-id"), "SHADOW", "compare the class read");

        gateway.get().uri("/api/v1/classes/1").header("Authorization", "Bearer t").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Served-By", "legacy")
                .expectBody().jsonPath("$.id").isEqualTo(1);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(counts("get-classes-class-id").match()).isEqualTo(before.match() + 1));
        Backends.NEW.verify(1, getRequestedFor(urlEqualTo("/api/v1/classes/1"))
                .withHeader("Authorization", equalTo("Bearer t"))
                .withHeader("X-Cutover-Shadow", equalTo("1")));
    }

    @Test
    void countsAndShowsAMismatch() {
        ShadowLedger.Counts before = counts("get-assignments-assignment-id");
        answer(Backends.LEGACY, "/api/v1/assignments/3", 200, "{\"id\":3,\"points\":100.0,\"title\":\"課題\"}");
        answer(Backends.NEW, "/api/v1/assignments/3", 200, "{\"id\":3,\"points\":100,\"title\":\"課題\"}");
        flipRoutes(List.of("get-assignments-assignment-id"), "SHADOW", "compare");

        gateway.get().uri("/api/v1/assignments/3").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.points").isEqualTo(100.0);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(counts("get-assignments-assignment-id").mismatch()).isEqualTo(before.mismatch() + 1));
        ops.get().uri("/ops/api/shadow").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.recentMismatches[0].route").isEqualTo("get-assignments-assignment-id")
                .jsonPath("$.recentMismatches[0].where").isEqualTo("/points")
                .jsonPath("$.recentMismatches[0].legacy").isEqualTo("100.0")
                .jsonPath("$.recentMismatches[0].candidate").isEqualTo("100");
        management.get().uri("/actuator/prometheus").exchange().expectBody(String.class).value(text ->
                assertThat(text).contains("cutover_shadow_comparisons_total{result=\"mismatch\",route=\"get-assignments-assignment-id\"}"));
    }

    @Test
    void comparesStatusesToo() {
        ShadowLedger.Counts before = counts("get-submissions-submission-id");
        answer(Backends.LEGACY, "/api/v1/submissions/9", 404, "{\"detail\":\"Submission with id 9 not found\"}");
        answer(Backends.NEW, "/api/v1/submissions/9", 500, "{\"detail\":\"oops\"}");
        flipRoutes(List.of("get-submissions-submission-id"), "SHADOW", "compare");

        gateway.get().uri("/api/v1/submissions/9").exchange().expectStatus().isNotFound();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(counts("get-submissions-submission-id").mismatch()).isEqualTo(before.mismatch() + 1));
        assertThat(ledger.recentMismatches().getFirst().where()).isEqualTo("status");
    }

    @Test
    void neverCopiesWritesEvenUnderAGroupShadow() {
        Map<?, ?> outcome = flipGroup("lms", "SHADOW", "shadow the lms reads");
        assertThat(outcome.get("flip")).isNotNull();

        gateway.post().uri("/api/v1/classes/").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Py", "class_code", "C1")).exchange()
                .expectStatus().isOk().expectHeader().valueEquals("X-Served-By", "legacy");
        gateway.get().uri("/api/v1/classes/").exchange().expectStatus().isOk();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                Backends.NEW.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/classes/"))));
        Backends.NEW.verify(0, postRequestedFor(urlPathEqualTo("/api/v1/classes/")));
        Backends.LEGACY.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/classes/")));
        ops.get().uri("/ops/api/routes").exchange().expectBody()
                .jsonPath("$[?(@.id == 'post-classes')].stage").isEqualTo("LEGACY")
                .jsonPath("$[?(@.id == 'post-classes')].note").value(n -> assertThat(n.toString()).contains("retry-safe"))
                .jsonPath("$[?(@.id == 'get-classes')].stage").isEqualTo("SHADOW");
    }

    @Test
    void countsACopyThatFailedAsAnError() {
        ShadowLedger.Counts before = counts("get-classroom-maps");
        Backends.NEW.stubFor(get(urlEqualTo("/api/v1/classroom/maps")).atPriority(1).willReturn(aResponse()
                .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
        flipRoutes(List.of("get-classroom-maps"), "SHADOW", "compare");

        gateway.get().uri("/api/v1/classroom/maps").exchange().expectStatus().isOk()
                .expectHeader().valueEquals("X-Served-By", "legacy");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(counts("get-classroom-maps").error()).isEqualTo(before.error() + 1));
    }
}
