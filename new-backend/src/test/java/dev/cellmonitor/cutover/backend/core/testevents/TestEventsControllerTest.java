package dev.cellmonitor.cutover.backend.core.testevents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.cellmonitor.cutover.backend.support.ExtrasHttp;
import dev.cellmonitor.cutover.backend.support.BackendIntegrationTest;
import tools.jackson.databind.JsonNode;

@BackendIntegrationTest
class TestEventsControllerTest {

    private static final String BASE = "/api/v1/v1/test/test/events";

    @LocalServerPort
    int port;

    private ExtrasHttp http() {
        return new ExtrasHttp(port);
    }

    private static String id() {
        return "run-" + UUID.randomUUID();
    }

    @Test
    void storesEventsAsTheirEighteenKeyEchoWithAReceivedTime() {
        String id = id();
        var stored = http().post(BASE + "/" + id, """
                [{"eventId":"e1","emailAddress":"a@b.c","cellIndex":"3","executionDurationMs":100,"hasError":"yes",
                  "metadata":{"k":1},"unknown":"dropped"}]""");
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.json().get("message").asString()).isEqualTo("1 test events stored for test_id: " + id);

        JsonNode listed = http().get(BASE + "/" + id).json();
        assertThat(listed.get("test_id").asString()).isEqualTo(id);
        assertThat(listed.get("count").asInt()).isEqualTo(1);
        JsonNode event = listed.get("events").get(0);
        assertThat(event.propertyNames()).containsExactly("eventId", "eventType", "eventTime", "emailAddress", "userName",
                "teamName", "sessionId", "notebookPath", "cellId", "cellIndex", "cellType", "code", "executionCount",
                "hasError", "errorMessage", "result", "executionDurationMs", "metadata", "received_at");
        assertThat(event.get("cellIndex").isInt() || event.get("cellIndex").isLong()).isTrue();
        assertThat(event.get("cellIndex").asInt()).isEqualTo(3);
        assertThat(event.get("executionDurationMs").isDouble()).isTrue();
        assertThat(event.get("hasError").asBoolean()).isTrue();
        assertThat(event.get("received_at").asString()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{6})?");
    }

    @Test
    void listsTestIdsInInsertionOrderAndSkipsEmptyStores() {
        String first = id();
        String second = id();
        String empty = id();
        http().post(BASE + "/" + first, "[{}]");
        http().post(BASE + "/" + second, "[{}]");
        assertThat(http().post(BASE + "/" + empty, "[]").json().get("message").asString())
                .isEqualTo("0 test events stored for test_id: " + empty);
        JsonNode ids = http().get(BASE).json().get("test_ids");
        String all = ids.toString();
        assertThat(all).contains(first, second).doesNotContain(empty);
        assertThat(all.indexOf(first)).isLessThan(all.indexOf(second));
    }

    @Test
    void unknownTestIdReadsEmptyButCannotBeCleared() {
        String id = id();
        assertThat(http().get(BASE + "/" + id).json().get("count").asInt()).isZero();
        var cleared = http().delete(BASE + "/" + id);
        assertThat(cleared.status()).isEqualTo(404);
        assertThat(cleared.json().get("detail").asString()).isEqualTo("No events found for test_id: " + id);
    }

    @Test
    void clearRemovesTheTestIdAndReportsTheCount() {
        String id = id();
        http().post(BASE + "/" + id, "[{},{}]");
        assertThat(http().delete(BASE + "/" + id).json().get("message").asString())
                .isEqualTo("Cleared 2 events for test_id: " + id);
        assertThat(http().get(BASE).json().get("test_ids").toString()).doesNotContain(id);
    }

    @Test
    void rejectsInvalidBodiesLikePydantic() {
        var badInt = http().post(BASE + "/x", "[{\"cellIndex\":\"zero\"},{\"hasError\":\"maybe\"}]");
        assertThat(badInt.status()).isEqualTo(422);
        assertThat(badInt.json().get("detail").toString()).isEqualTo("""
                [{"type":"int_parsing","loc":["body",0,"cellIndex"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"zero"},\
                {"type":"bool_parsing","loc":["body",1,"hasError"],"msg":"Input should be a valid boolean, unable to interpret input","input":"maybe"}]""");

        var notAList = http().post(BASE + "/x", "{\"a\":1}");
        assertThat(notAList.json().get("detail").get(0).get("type").asString()).isEqualTo("list_type");

        var missing = http().post(BASE + "/x", null);
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().get("detail").toString())
                .isEqualTo("[{\"type\":\"missing\",\"loc\":[\"body\"],\"msg\":\"Field required\",\"input\":null}]");

        var malformed = http().post(BASE + "/x", "[{");
        assertThat(malformed.json().get("detail").get(0).get("type").asString()).isEqualTo("json_invalid");
    }
}
