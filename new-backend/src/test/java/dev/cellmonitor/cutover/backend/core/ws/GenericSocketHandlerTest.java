package dev.cellmonitor.cutover.backend.core.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.cellmonitor.cutover.backend.monitoring.sockets.WsTestClient;
import dev.cellmonitor.cutover.backend.monitoring.sockets.WsTestClient.Frame;
import dev.cellmonitor.cutover.backend.support.BackendIntegrationTest;
import tools.jackson.databind.JsonNode;

@BackendIntegrationTest
class GenericSocketHandlerTest {

    @LocalServerPort
    int port;

    private String url(String clientId) {
        return "ws://127.0.0.1:" + port + "/api/v1/v1/ws/" + clientId;
    }

    @Test
    void welcomesAnswersPingAndBroadcastsToTheRoom() {
        try (WsTestClient a = WsTestClient.open(url("gen-a")); WsTestClient b = WsTestClient.open(url("gen-b"))) {
            JsonNode welcome = a.nextJson(2000);
            assertThat(welcome.get("type").asString()).isEqualTo("connection_established");
            assertThat(welcome.get("client_id").asString()).isEqualTo("gen-a");
            assertThat(welcome.get("connected_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?\\+00:00");
            b.nextJson(2000);

            a.sendJson(Map.of("type", "ping"));
            JsonNode pong = a.nextJson(2000);
            assertThat(pong.get("type").asString()).isEqualTo("pong");
            assertThat(pong.get("timestamp").asString()).doesNotContain("+");

            a.send("{\"type\": \"progress_update\", \"data\": {\"cell\": 3}}");
            assertThat(a.nextJson(2000).get("from_client").asString()).isEqualTo("gen-a");
            JsonNode atB = b.nextJson(2000);
            assertThat(atB.get("type").asString()).isEqualTo("progress_broadcast");
            assertThat(atB.get("data").get("cell").asInt()).isEqualTo(3);

            b.send("手を挙げています");
            assertThat(a.nextJson(2000).get("message").asString()).isEqualTo("手を挙げています");
            assertThat(b.nextJson(2000).get("room").asString()).isEqualTo("default");

            a.sendJson(Map.of("type", "join_room", "room", "other"));
            assertThat(a.next(300)).isNull();
        }
    }

    @Test
    void framesUsePythonJsonDumpsSpacingAndEscapes() {
        try (WsTestClient a = WsTestClient.open(url("gen-raw"))) {
            a.nextJson(2000);
            a.send("é");
            Frame frame = a.next(2000);
            assertThat(frame.text()).startsWith("{\"type\": \"text_message\", \"from_client\": \"gen-raw\", \"message\": \"\\u00e9\"");
        }
    }

    @Test
    void answersAStatusRequestInsteadOfClosing() {
        try (WsTestClient a = WsTestClient.open(url("gen-status"))) {
            a.nextJson(2000);
            a.sendJson(Map.of("type", "status_request"));
            JsonNode status = a.nextJson(2000);
            assertThat(status.get("type").asString()).isEqualTo("status_response");
            assertThat(status.get("stats").get("connections_by_type").get("student").asInt()).isEqualTo(1);
            assertThat(status.get("stats").get("connections_detail").get(0).get("client_id").asString()).isEqualTo("gen-status");
        }
    }

    @Test
    void aSecondSocketWithTheSameIdReplacesTheFirstWithoutKillingItself() {
        try (WsTestClient first = WsTestClient.open(url("gen-dup"))) {
            first.nextJson(2000);
            try (WsTestClient second = WsTestClient.open(url("gen-dup"))) {
                second.nextJson(2000);
                Frame closed = first.next(2000);
                assertThat(closed.isClose()).isTrue();
                assertThat(closed.closeCode()).isEqualTo(1000);
                second.sendJson(Map.of("type", "ping"));
                assertThat(second.nextJson(2000).get("type").asString()).isEqualTo("pong");
            }
        }
    }

    @Test
    void closesOnJsonThatIsNotAnObject() {
        try (WsTestClient a = WsTestClient.open(url("gen-array"))) {
            a.nextJson(2000);
            a.send("[1, 2]");
            Frame closed = a.next(2000);
            assertThat(closed.isClose()).isTrue();
        }
    }
}
