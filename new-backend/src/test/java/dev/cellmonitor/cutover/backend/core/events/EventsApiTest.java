package dev.cellmonitor.cutover.backend.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.cellmonitor.cutover.backend.support.BackendIntegrationTest;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/events} and {@code POST /api/v1/progress/student-progress} answer as the legacy does. */
@BackendIntegrationTest
class EventsApiTest {

    private static final Recording P04 = Recording.load("p04_events_dashboard");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Recorded answers the new side must give unchanged: empty batch, 201 events, no e-mail, not a list, bad int. */
    @ParameterizedTest
    @ValueSource(strings = {"empty batch", "oversize batch of 201", "batch without any emailAddress",
            "batch that is not a list", "batch with a non-int cellIndex", "legacy progress endpoint with invalid body"})
    void answersEdgeCasesLikeTheLegacy(String stepName) {
        JsonNode step = P04.step(stepName);
        Recording.Response response = P04.send(base(), step);
        JsonNode recorded = step.get("response");
        assertThat(response.status()).isEqualTo(recorded.get("status").asInt());
        assertThat(response.contentType()).isEqualTo(recorded.get("content_type").stringValue());
        LegacyComparison comparison = new LegacyComparison(P04.recordedAt(), List.of());
        assertThat(comparison.diff(recorded.get("body"), response.json())).isEmpty();
    }

    @Test
    void acceptsABatchWithTheLegacyStatisticsAndStoresIt() {
        JsonNode step = P04.step("classroom batch 1 (21 events)");
        int before = jdbc.queryForObject("SELECT count(*) FROM cell_executions", Integer.class);
        Recording.Response response = P04.send(base(), step);
        assertThat(response.status()).isEqualTo(202);
        LegacyComparison comparison = new LegacyComparison(P04.recordedAt(),
                LegacyComparison.rulesFor("POST /api/v1/events"));
        assertThat(comparison.diff(step.get("response").get("body"), response.json())).isEmpty();
        // 202 means stored: the 13 cell executions are there before the answer
        assertThat(jdbc.queryForObject("SELECT count(*) FROM cell_executions", Integer.class)).isEqualTo(before + 13);
    }

    @Test
    void echoesInvalidEventsWithPydanticCoercionAndDropsUnknownKeys() throws Exception {
        String body = """
                [{"eventType": "cell_executed", "emailAddress": "coerce@example.com", "cellIndex": "7",
                  "executionCount": 2.0, "hasError": "yes", "executionDurationMs": 100, "notebookPath": "n.ipynb",
                  "cellId": "c1", "instructor_id": 5},
                 {"eventType": "help", "emailAddress": "  ", "executionDurationMs": "12", "userId": "x"},
                 {"emailAddress": null}]""";
        JsonNode answer = post("/api/v1/events", body, 202);
        JsonNode stats = answer.get("batch_stats");
        assertThat(answer.get("message").stringValue()).isEqualTo("Enhanced batch processing completed: 1/3 events");
        assertThat(stats.get("event_types").toString()).isEqualTo("{\"cell_executed\":1,\"help\":1,\"unknown\":1}");
        assertThat(stats.get("validation_success_rate").isDouble()).isTrue();
        assertThat(stats.get("validation_success_rate").doubleValue()).isEqualTo(1.0 / 3 * 100); // Python: 33.33333333333333
        JsonNode failed = stats.get("failed_events").get(0);
        assertThat(failed.properties().stream().map(e -> e.getKey()).toList()).containsExactly("eventId", "eventType",
                "eventTime", "emailAddress", "userName", "teamName", "sessionId", "notebookPath", "cellId", "cellIndex",
                "cellType", "code", "executionCount", "hasError", "errorMessage", "result", "executionDurationMs",
                "metadata");
        assertThat(failed.get("executionDurationMs").isDouble()).isTrue();
        assertThat(failed.get("executionDurationMs").doubleValue()).isEqualTo(12.0);
        assertThat(stats.get("failed_events")).hasSize(2);

        var row = jdbc.queryForMap("SELECT cell_index, execution_count, status, duration FROM cell_executions e"
                + " JOIN students s ON s.id = e.student_id WHERE s.email = 'coerce@example.com'");
        assertThat(row).containsEntry("cell_index", 7).containsEntry("execution_count", 2)
                .containsEntry("status", "error").containsEntry("duration", 0.1);
    }

    @Test
    void reportsEveryTypeErrorOfTheBatchWithItsLocation() throws Exception {
        JsonNode answer = post("/api/v1/events",
                "[{\"emailAddress\": 5, \"hasError\": \"maybe\"}, 3, {\"metadata\": []}]", 422);
        assertThat(answer.toString()).isEqualTo("""
                {"detail":[{"type":"string_type","loc":["body",0,"emailAddress"],"msg":"Input should be a valid string","input":5},\
                {"type":"bool_parsing","loc":["body",0,"hasError"],"msg":"Input should be a valid boolean, unable to interpret input","input":"maybe"},\
                {"type":"model_attributes_type","loc":["body",1],"msg":"Input should be a valid dictionary or object to extract fields from","input":3},\
                {"type":"dict_type","loc":["body",2,"metadata"],"msg":"Input should be a valid dictionary","input":[]}]}""");
    }

    @Test
    void malformedJsonIsTheLegacyDecodeError() throws Exception {
        JsonNode answer = post("/api/v1/events", "[{\"a\": }", 422);
        assertThat(answer.get("detail").get(0).get("type").stringValue()).isEqualTo("json_invalid");
        assertThat(answer.get("detail").get(0).get("msg").stringValue()).isEqualTo("JSON decode error");
    }

    @Test
    void studentProgressAnswersWhatTheLegacyMeantAfterStoringTheEvent() throws Exception {
        JsonNode answer = post("/api/v1/progress/student-progress", """
                {"eventType": "cell_executed", "emailAddress": "single@example.com", "notebookPath": "a/b.ipynb",
                 "cellId": "c9", "code": "1+1", "hasError": false}""", 200);
        assertThat(answer.toString()).isEqualTo(
                "{\"status\":\"ok\",\"message\":\"Event published successfully\",\"processed_user_id\":\"single@example.com\"}");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM cell_executions e JOIN students s ON s.id = e.student_id"
                + " WHERE s.email = 'single@example.com'", Integer.class)).isEqualTo(1);
    }

    private JsonNode post(String path, String body, int expectedStatus) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return Recording.JSON.readTree(response.body());
    }
}
