package dev.cellmonitor.cutover.gateway.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import dev.cellmonitor.cutover.gateway.support.Backends;
import dev.cellmonitor.cutover.gateway.support.GatewayIntegrationTest;

class CanaryRoutingTest extends GatewayIntegrationTest {

    private String servedByFor(String path, String header, String value) {
        return gateway.get().uri(path).header(header, value).exchange().expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseHeaders().getFirst("X-Served-By");
    }

    @Test
    void keepsEachStudentOnOneSideAndSplitsStudentsByThePercentage() {
        flip(Map.of("group", "admin", "stage", "CANARY", "percentage", 50, "reason", "half the students"));

        Map<String, String> sides = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            String path = "/api/v1/dashboard/students/student" + i + "@example.com/activity";
            String first = servedByFor(path, "X-Probe", "1");
            sides.put(path, first);
            for (int again = 0; again < 3; again++) {
                assertThat(servedByFor(path, "X-Probe", "again")).as(path).isEqualTo(first);
            }
        }
        assertThat(new HashSet<>(sides.values())).containsExactlyInAnyOrder("legacy", "new");
    }

    @Test
    void raisingTheShareNeverMovesAUserBackToLegacy() {
        flip(Map.of("group", "admin", "stage", "CANARY", "percentage", 25, "reason", "a quarter"));
        Set<String> newAt25 = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            String path = "/api/v1/dashboard/students/s" + i + "/activity";
            if ("new".equals(servedBy(path))) {
                newAt25.add(path);
            }
        }
        flip(Map.of("group", "admin", "stage", "CANARY", "percentage", 50, "reason", "half"));
        for (String path : newAt25) {
            assertThat(servedBy(path)).as(path).isEqualTo("new");
        }
    }

    @Test
    void keysAnEventsBatchByItsFirstEmailAddressAndPassesTheBodyOnUntouched() {
        flip(Map.of("group", "core", "stage", "CANARY", "percentage", 50, "reason", "half the events"));
        Set<String> sides = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            byte[] body = ("[{\"emailAddress\":\"user" + i + "@example.com\",\"eventType\":\"cell_executed\"},"
                    + "{\"emailAddress\":\"other@example.com\"}]").getBytes(StandardCharsets.UTF_8);
            String first = null;
            for (int again = 0; again < 2; again++) {
                String side = gateway.post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(body).exchange().expectStatus().isOk()
                        .expectBody(byte[].class).returnResult().getResponseHeaders().getFirst("X-Served-By");
                if (first != null) {
                    assertThat(side).isEqualTo(first);
                }
                first = side;
            }
            sides.add(first);
            (first.equals("new") ? Backends.NEW : Backends.LEGACY)
                    .verify(2, postRequestedFor(urlEqualTo("/api/v1/events")).withRequestBody(binaryEqualTo(body)));
        }
        assertThat(sides).containsExactlyInAnyOrder("legacy", "new");
    }

    @Test
    void fallsBackToTheForwardedClientAddressFromATrustedProxy() {
        flip(Map.of("group", "lms", "stage", "CANARY", "percentage", 50, "reason", "half the clients"));
        Set<String> sides = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            String address = "198.51.100." + i;
            String first = servedByFor("/api/v1/classes/", "X-Forwarded-For", address);
            assertThat(servedByFor("/api/v1/classes/", "X-Forwarded-For", address)).isEqualTo(first);
            sides.add(first);
        }
        assertThat(sides).containsExactlyInAnyOrder("legacy", "new");
    }
}
