package dev.cellmonitor.cutover.gateway.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.options;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import dev.cellmonitor.cutover.gateway.support.Backends;
import dev.cellmonitor.cutover.gateway.support.GatewayIntegrationTest;

class StageRoutingTest extends GatewayIntegrationTest {

    @Test
    void sendsEveryRouteToLegacyByDefault() {
        gateway.get().uri("/api/v1/classes/").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Served-By", "legacy")
                .expectBody().jsonPath("$.served").isEqualTo("legacy");
    }

    @Test
    void sendsTheWholeGroupToNewWhenTheGroupIsNew() {
        flipGroup("lms", "NEW", "lms is ready");

        assertThat(servedBy("/api/v1/classes/")).isEqualTo("new");
        assertThat(servedBy("/api/v1/assignments/7")).isEqualTo("new");
        assertThat(servedBy("/api/v1/admin/settings")).as("another group").isEqualTo("legacy");
    }

    @Test
    void routeOverrideBeatsItsGroupUntilItInheritsAgain() {
        flipGroup("lms", "NEW", "lms is ready");
        flipRoutes(List.of("get-classes"), "LEGACY", "keep the class list on legacy for now");

        assertThat(servedBy("/api/v1/classes/")).isEqualTo("legacy");
        assertThat(servedBy("/api/v1/classes/3")).isEqualTo("new");

        flipRoutes(List.of("get-classes"), "INHERIT", "follow the group again");
        assertThat(servedBy("/api/v1/classes/")).isEqualTo("new");
    }

    @Test
    void overrideCanMoveOneRouteAheadOfItsGroup() {
        flipRoutes(List.of("get-admin-settings"), "NEW", "try one read");

        assertThat(servedBy("/api/v1/admin/settings")).isEqualTo("new");
        assertThat(servedBy("/api/v1/admin/settings/threshold")).isEqualTo("legacy");
    }

    @Test
    void sendsUnmatchedRequestsToLegacyUnchanged() {
        Backends.LEGACY.stubFor(get(urlEqualTo("/api/v1/classes")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "text/plain").withBody("Not Found")));
        flipGroup("lms", "NEW", "everything lms");

        gateway.get().uri("/api/v1/classes").exchange()
                .expectStatus().isNotFound()
                .expectHeader().valueEquals("X-Served-By", "legacy")
                .expectBody(String.class).isEqualTo("Not Found");
        assertThat(Backends.NEW.getAllServeEvents()).isEmpty();
    }

    @Test
    void keepsSocketIoOnLegacyWhateverTheMonitoringGroupSays() {
        flipGroup("monitoring", "NEW", "monitoring is ready");

        assertThat(servedBy("/socket.io/?EIO=4&transport=polling")).isEqualTo("legacy");
        assertThat(servedBy("/api/v1/v1/progress/stats")).isEqualTo("new");
    }

    @Test
    void passesBodyAndHeadersThroughByteForByte() {
        byte[] body = "[{\"emailAddress\":\"学生@example.com\",\"eventType\":\"cell_executed\"}]"
                .getBytes(StandardCharsets.UTF_8);
        Backends.NEW.stubFor(post(urlEqualTo("/api/v1/events?x=%E3%81%82&y=1"))
                .withHeader("Authorization", equalTo("Bearer abc.def.ghi"))
                .withHeader("X-Custom", equalTo("kept as sent"))
                .withHeader("Host", equalTo("127.0.0.1:" + port))
                .withRequestBody(binaryEqualTo(body))
                .willReturn(aResponse().withStatus(202).withHeader("Content-Type", "application/json")
                        .withHeader("X-Backend-Header", "passed back").withBody("{\"message\":\"ok\"}")));
        flipGroup("core", "NEW", "core is ready");

        gateway.post().uri(URI.create("http://127.0.0.1:" + port + "/api/v1/events?x=%E3%81%82&y=1"))
                .header("Authorization", "Bearer abc.def.ghi")
                .header("X-Custom", "kept as sent")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isEqualTo(202)
                .expectHeader().valueEquals("X-Served-By", "new")
                .expectHeader().valueEquals("X-Backend-Header", "passed back")
                .expectBody().json("{\"message\":\"ok\"}");
        Backends.NEW.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/events")));
    }

    @Test
    void letsCorsPreflightThroughToTheBackend() {
        Backends.LEGACY.stubFor(options(urlEqualTo("/api/v1/classes/")).willReturn(aResponse().withStatus(200)
                .withHeader("Access-Control-Allow-Origin", "http://jupyter.local")
                .withHeader("Access-Control-Allow-Methods", "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT")
                .withBody("OK")));

        gateway.options().uri("/api/v1/classes/")
                .header("Origin", "http://jupyter.local")
                .header("Access-Control-Request-Method", "POST")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", "http://jupyter.local")
                .expectBody(String.class).isEqualTo("OK");
    }

    @Test
    void listsRoutesWithStageAndEffectiveTarget() {
        Map<?, ?> outcome = flip(Map.of("group", "admin", "stage", "CANARY", "percentage", 20, "reason", "canary"));
        assertThat(outcome.get("flip")).isNotNull();

        ops.get().uri("/ops/api/routes").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$[?(@.id == 'get-admin-settings')].stage").isEqualTo("CANARY 20%")
                .jsonPath("$[?(@.id == 'get-admin-settings')].target").isEqualTo("20% new, 80% legacy (sticky)")
                .jsonPath("$[?(@.id == 'get-admin-settings')].governedBy").isEqualTo("GROUP_ADMIN")
                .jsonPath("$[?(@.id == 'get-classes')].stage").isEqualTo("LEGACY")
                .jsonPath("$[?(@.id == 'any-socket-io')].governedBy").isEqualTo("pinned");
    }
}
