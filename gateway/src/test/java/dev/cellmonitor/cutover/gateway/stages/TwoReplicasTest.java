package dev.cellmonitor.cutover.gateway.stages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import dev.cellmonitor.cutover.gateway.support.Backends;
import dev.cellmonitor.cutover.gateway.support.GatewayInstance;
import dev.cellmonitor.cutover.testsupport.TestDatabases;

/** Two gateway replicas on one flag store: a flip on one is routed by the other within a second. */
class TwoReplicasTest {

    static String database;
    static GatewayInstance first;
    static GatewayInstance second;

    @BeforeAll
    static void startTwoReplicas() {
        database = TestDatabases.create("gw_replicas");
        first = GatewayInstance.start(database, Backends.url(Backends.LEGACY), Backends.url(Backends.NEW));
        second = GatewayInstance.start(database, Backends.url(Backends.LEGACY), Backends.url(Backends.NEW));
        Backends.reset();
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        TestDatabases.drop(database);
    }

    private static String servedBy(GatewayInstance gateway) {
        return gateway.client().get().uri("/api/v1/admin/settings").exchange()
                .expectBody(byte[].class).returnResult().getResponseHeaders().getFirst("X-Served-By");
    }

    @Test
    void replicasAgreeOnAFlipWithinOneSecond() {
        assertThat(servedBy(first)).isEqualTo("legacy");
        assertThat(servedBy(second)).isEqualTo("legacy");

        first.ops().post().uri("/ops/api/flips").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("group", "admin", "stage", "NEW", "reason", "move admin", "actor", "carol"))
                .exchange().expectStatus().isOk();
        long flipped = System.nanoTime();

        String seen = servedBy(second);
        while (!"new".equals(seen) && System.nanoTime() - flipped < Duration.ofSeconds(3).toNanos()) {
            seen = servedBy(second);
        }
        Duration lag = Duration.ofNanos(System.nanoTime() - flipped);
        assertThat(seen).isEqualTo("new");
        assertThat(lag).as("time until the other replica routed the flip").isLessThan(Duration.ofSeconds(1));
        assertThat(servedBy(first)).isEqualTo("new");

        second.ops().get().uri("/ops/api/flips").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[0].actor").isEqualTo("carol");
    }
}
