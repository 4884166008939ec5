package dev.cellmonitor.cutover.gateway.health;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.http.Fault;

import dev.cellmonitor.cutover.gateway.support.Backends;
import dev.cellmonitor.cutover.gateway.support.GatewayIntegrationTest;

class HealthAndActuatorTest extends GatewayIntegrationTest {

    @Test
    void healthIncludesBothBackendsAndTheFlagStore() {
        management.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.legacyBackend.status").isEqualTo("UP")
                .jsonPath("$.components.legacyBackend.details.circuitBreaker").isEqualTo("CLOSED")
                .jsonPath("$.components.newBackend.status").isEqualTo("UP")
                .jsonPath("$.components.newBackend.details.probe").isEqualTo("/api/v1/health/live")
                .jsonPath("$.components.flagStore.status").isEqualTo("UP");
    }

    @Test
    void reportsAnUnreachableBackendAsDegradedWithoutTakingTheGatewayDown() {
        Backends.NEW.stubFor(get(urlEqualTo("/api/v1/health/live")).atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        management.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("DEGRADED")
                .jsonPath("$.components.newBackend.status").isEqualTo("DEGRADED")
                .jsonPath("$.components.newBackend.details.error").exists();

        Backends.LEGACY.stubFor(get(urlEqualTo("/api/v1/health/live")).atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        management.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("DEGRADED")
                .jsonPath("$.components.legacyBackend.status").isEqualTo("DEGRADED")
                .jsonPath("$.components.legacyBackend.details.effect").value(e -> assertThat((String) e).contains("502"));
        management.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }

    @Test
    void actuatorListsGatewayRoutesCutoverStagesAndTogglzFeatures() {
        management.get().uri("/actuator/gateway/routes").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[*].route_id").value(ids -> assertThat(ids.toString()).contains("catalogue", "legacy-unmatched"));
        management.get().uri("/actuator/cutover").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.routes.length()").isEqualTo(104)
                .jsonPath("$.groups.length()").isEqualTo(4)
                .jsonPath("$.flagStore.reachable").isEqualTo(true)
                .jsonPath("$.breakers.new.timeLimit").isEqualTo("PT3S");
        management.get().uri("/actuator/togglz").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.name == 'GROUP_CORE')]").exists()
                .jsonPath("$[?(@.name == 'ROUTE_POST_EVENTS')]").exists();
    }

    @Test
    void countsRequestsPerRouteAndBackend() {
        flipGroup("lms", "NEW", "lms on new");
        gateway.get().uri("/api/v1/classes/").exchange().expectStatus().isOk();
        gateway.get().uri("/api/v1/nowhere").exchange();

        management.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(text -> assertThat(text)
                        .contains("cutover_requests_seconds_count{backend=\"new\",group=\"lms\",outcome=\"SUCCESS\",route=\"get-classes\"}")
                        .contains("route=\"unmatched\""));
    }
}
