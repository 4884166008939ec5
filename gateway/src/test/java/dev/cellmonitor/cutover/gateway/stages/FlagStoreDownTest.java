package dev.cellmonitor.cutover.gateway.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import dev.cellmonitor.cutover.gateway.support.Backends;
import dev.cellmonitor.cutover.gateway.support.GatewayInstance;
import dev.cellmonitor.cutover.testsupport.TestDatabases;

/** The flag store goes away: routing goes on with the last known stages, health and the ops API say so. */
class FlagStoreDownTest {

    static String database;
    static GatewayInstance gateway;

    @BeforeAll
    static void start() {
        database = TestDatabases.create("gw_store_down");
        gateway = GatewayInstance.start(database, Backends.url(Backends.LEGACY), Backends.url(Backends.NEW));
        Backends.reset();
    }

    @AfterAll
    static void stop() {
        TestDatabases.restore(database);
        if (gateway != null) {
            gateway.close();
        }
        TestDatabases.drop(database);
    }

    private static String servedBy(String path) {
        return gateway.client().get().uri(path).exchange().expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseHeaders().getFirst("X-Served-By");
    }

    @Test
    void keepsRoutingWithTheLastKnownStagesAndReportsTheStoreDegraded() {
        gateway.ops().post().uri("/ops/api/flips").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("group", "lms", "stage", "NEW", "reason", "before the outage"))
                .exchange().expectStatus().isOk();
        assertThat(servedBy("/api/v1/classes/")).isEqualTo("new");

        TestDatabases.cutOff(database);
        await().atMost(Duration.ofSeconds(10)).until(() -> !gateway.bean(StageCache.class).status().reachable());

        assertThat(servedBy("/api/v1/classes/")).isEqualTo("new");
        assertThat(servedBy("/api/v1/admin/settings")).isEqualTo("legacy");
        gateway.ops().get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("DEGRADED")
                .jsonPath("$.components.flagStore.status").isEqualTo("DEGRADED")
                .jsonPath("$.components.flagStore.details.unreachableSince").exists();
        gateway.ops().post().uri("/ops/api/flips").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("group", "lms", "stage", "LEGACY", "reason", "during the outage"))
                .exchange().expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.error").value(e -> assertThat((String) e).contains("unreachable"));
        gateway.ops().get().uri("/ops/api/status").exchange().expectBody()
                .jsonPath("$.flagStore.reachable").isEqualTo(false);

        TestDatabases.restore(database);
        await().atMost(Duration.ofSeconds(15)).until(() -> gateway.bean(StageCache.class).status().reachable());
        gateway.ops().get().uri("/actuator/health").exchange().expectBody()
                .jsonPath("$.components.flagStore.status").isEqualTo("UP");
        assertThat(servedBy("/api/v1/classes/")).isEqualTo("new");
    }
}
