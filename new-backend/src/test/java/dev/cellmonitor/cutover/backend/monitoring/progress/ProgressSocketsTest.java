package dev.cellmonitor.cutover.backend.monitoring.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.cellmonitor.cutover.backend.monitoring.sockets.WsTestClient;
import dev.cellmonitor.cutover.backend.monitoring.support.HttpTestClient;
import dev.cellmonitor.cutover.backend.support.BackendIntegrationTest;
import tools.jackson.databind.JsonNode;

@BackendIntegrationTest
class ProgressSocketsTest {

    @LocalServerPort
    int port;
    @Autowired
    RealtimeProgress progress;

    private String ws(String path) {
        return "ws://127.0.0.1:" + port + path;
    }

    private void event(String user, String json) {
        assertThat(new HttpTestClient(port).post("/api/v1/v1/progress/process-event?user_id=" + user
                + "&assignment_id=hw&cell_id=c1", json).status()).isEqualTo(202);
    }

    @Test
    void theStudentSocketSendsProgressAndAnswersItsRequests() {
        progress.clear();
        event("sock-1", "{\"eventType\": \"cell_execution_complete\", \"executionDurationMs\": 12}");
        try (WsTestClient socket = WsTestClient.open(ws("/api/v1/v1/progress/ws/student/sock-1"))) {
            WsTestClient.Frame initial = socket.next(3000);
            assertThat(initial.text()).startsWith("{\"type\":\"initial_progress\",\"data\":{\"user_id\":\"sock-1\"");
            assertThat(initial.json().at("/data/assignments_progress/0/started_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+");
            socket.sendJson(Map.of("type", "get_progress"));
            assertThat(socket.nextJson(3000).get("type").asString()).isEqualTo("progress_update");
            socket.send("hello?");
            assertThat(socket.nextJson(3000).get("message").asString())
                    .isEqualTo("Error processing message: Expecting value: line 1 column 1 (char 0)");
            socket.send("[1]");
            assertThat(socket.nextJson(3000).get("message").asString())
                    .isEqualTo("Error processing message: 'list' object has no attribute 'get'");
            assertThat(new HttpTestClient(port).get("/api/v1/v1/progress/stats").json().at("/stats/active_sessions").asInt()).isEqualTo(1);

            event("sock-1", "{\"eventType\": \"cell_execution_start\"}");
            JsonNode pushed = socket.nextJson(3000);
            assertThat(pushed.get("type").asString()).isEqualTo("progress_update");
            assertThat(pushed.at("/data/update_type").asString()).isEqualTo("cell_progress");
            assertThat(socket.nextJson(3000).get("type").asString()).isEqualTo("notification");
        }
    }

    @Test
    void theInstructorSocketSendsEverythingAndAnswersItsRequests() {
        progress.clear();
        event("sock-2", "{\"eventType\": \"cell_execution_error\", \"errorMessage\": \"bad\"}");
        try (WsTestClient socket = WsTestClient.open(ws("/api/v1/v1/progress/ws/instructor"))) {
            JsonNode initial = socket.nextJson(3000);
            assertThat(initial.get("type").asString()).isEqualTo("initial_data");
            assertThat(initial.at("/data/students_progress/0/user_id").asString()).isEqualTo("sock-2");
            assertThat(initial.at("/data/stats/total_events_processed").asInt()).isEqualTo(1);
            socket.sendJson(Map.of("type", "ping"));
            assertThat(socket.nextJson(3000).get("type").asString()).isEqualTo("pong");
            socket.sendJson(Map.of("type", "get_student_detail", "user_id", "sock-2"));
            assertThat(socket.nextJson(3000).get("type").asString()).isEqualTo("student_detail");
            socket.sendJson(Map.of("type", "get_all_progress"));
            assertThat(socket.nextJson(3000).get("type").asString()).isEqualTo("all_progress_update");
        }
    }

    @Test
    void validatesQueriesAndBodiesLikeFastApi() {
        HttpTestClient http = new HttpTestClient(port);
        HttpTestClient.Answer missing = http.post("/api/v1/v1/progress/process-event", null);
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().get("detail")).hasSize(4);
        assertThat(missing.json().at("/detail/3/loc/0").asString()).isEqualTo("body");
        HttpTestClient.Answer badBool = http.get("/api/v1/v1/progress/all-students?include_details=maybe&limit=500");
        assertThat(badBool.body()).isEqualTo("{\"detail\":[{\"type\":\"bool_parsing\",\"loc\":[\"query\",\"include_details\"],"
                + "\"msg\":\"Input should be a valid boolean, unable to interpret input\",\"input\":\"maybe\"},"
                + "{\"type\":\"less_than_equal\",\"loc\":[\"query\",\"limit\"],\"msg\":\"Input should be less than or equal to 200\","
                + "\"input\":\"500\",\"ctx\":{\"le\":200}}]}");
        HttpTestClient.Answer malformed = http.send("POST", "/api/v1/v1/progress/process-event?user_id=u&assignment_id=a&cell_id=c",
                "application/json", "{bad");
        assertThat(malformed.status()).isEqualTo(422);
        assertThat(malformed.json().at("/detail/0/type").asString()).isEqualTo("json_invalid");
    }
}
