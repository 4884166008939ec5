package dev.cellmonitor.cutover.backend.core.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.cellmonitor.cutover.backend.support.ExtrasHttp;
import dev.cellmonitor.cutover.backend.support.BackendIntegrationTest;
import tools.jackson.databind.JsonNode;

@BackendIntegrationTest
class OfflineSyncControllerTest {

    private static final String BASE = "/api/v1/v1/offline";
    private static final String EVENT = "{\"event_type\":\"cell_executed\",\"user_id\":\"s1@example.com\",\"cellId\":\"c\"}";

    @LocalServerPort
    int port;

    private ExtrasHttp http;

    @BeforeEach
    void emptyQueue() {
        http = new ExtrasHttp(port);
        http.delete(BASE + "/clear");
    }

    private JsonNode status() {
        return http.get(BASE + "/status").json();
    }

    @Test
    void unforcedEventsAreAcknowledgedButNotQueuedWhileOnline() {
        var queued = http.post(BASE + "/queue", "{\"events\":[" + EVENT + "," + EVENT + "]}");
        assertThat(queued.status()).isEqualTo(202);
        JsonNode body = queued.json();
        assertThat(body.get("message").asString()).isEqualTo("2 events queued for offline sync");
        assertThat(body.get("queued_event_ids")).hasSize(2);
        assertThat(body.has("failed_events")).isFalse();
        assertThat(status().get("queue_status").get("total_queued_events").asInt()).isZero();
    }

    @Test
    void forcedEventsAreQueuedByPriority() {
        http.post(BASE + "/queue", "{\"events\":[" + EVENT + "," + EVENT + "],\"priority\":2,\"force_queue\":true}");
        http.post(BASE + "/queue", "{\"events\":[" + EVENT + "],\"force_queue\":\"yes\"}");
        JsonNode status = status();
        JsonNode queue = status.get("queue_status");
        assertThat(queue.get("total_queued_events").asInt()).isEqualTo(3);
        assertThat(queue.get("priority_breakdown").toString()).isEqualTo("{\"1\":1,\"2\":2,\"3\":0}");
        assertThat(queue.get("queue_capacity_used").asDouble()).isEqualTo(0.003);
        assertThat(status.get("additional_stats").toString())
                .isEqualTo("{\"queue_health\":\"good\",\"recommendations\":[\"Queue is operating normally.\"]}");
        assertThat(status.get("timestamp").asString()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z")
                .isNotEqualTo("2025-01-19T12:00:00Z");
    }

    @Test
    void reportsEventsWhoseTypeOrUserIsNotAString() {
        JsonNode body = http.post(BASE + "/queue", "{\"events\":[{\"event_type\":5,\"user_id\":[1]}," + EVENT + "]}").json();
        assertThat(body.get("successful_count").asInt()).isEqualTo(1);
        assertThat(body.get("failed_count").asInt()).isEqualTo(1);
        JsonNode failure = body.get("failed_events").get(0);
        assertThat(failure.get("event").toString()).isEqualTo("{\"event_type\":5,\"user_id\":[1]}");
        assertThat(failure.get("error").asString()).isEqualTo("""
                2 validation errors for QueuedEvent
                event_type
                  Input should be a valid string [type=string_type, input_value=5, input_type=int]
                    For further information visit https://errors.pydantic.dev/2.6/v/string_type
                user_id
                  Input should be a valid string [type=string_type, input_value=[1], input_type=list]
                    For further information visit https://errors.pydantic.dev/2.6/v/string_type""");
    }

    @Test
    void rejectsBadRequestsWithTheLegacyTexts() {
        var none = http.post(BASE + "/queue", "{\"events\":[]}");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().get("detail").asString()).isEqualTo("No events provided");

        String many = IntStream.range(0, 101).mapToObj(i -> EVENT).collect(Collectors.joining(",", "{\"events\":[", "]}"));
        var tooMany = http.post(BASE + "/queue", many);
        assertThat(tooMany.status()).isEqualTo(413);
        assertThat(tooMany.json().get("detail").asString()).isEqualTo("Too many events. Maximum 100 events per request.");

        var low = http.post(BASE + "/queue", "{\"events\":[" + EVENT + "],\"priority\":0}");
        assertThat(low.status()).isEqualTo(422);
        assertThat(low.json().get("detail").toString()).isEqualTo("""
                [{"type":"greater_than_equal","loc":["body","priority"],"msg":"Input should be greater than or equal to 1","input":0,"ctx":{"ge":1}}]""");

        var notDicts = http.post(BASE + "/queue", "{\"events\":[1]}");
        assertThat(notDicts.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"body\",\"events\",0]");

        var missing = http.post(BASE + "/queue", "{\"priority\":1}");
        assertThat(missing.json().get("detail").toString()).isEqualTo("""
                [{"type":"missing","loc":["body","events"],"msg":"Field required","input":{"priority":1}}]""");
    }

    @Test
    void forcedSyncReportsEverySendAndKeepsTheEventsQueued() {
        http.post(BASE + "/queue", "{\"events\":[" + EVENT + "," + EVENT + "],\"force_queue\":true}");
        JsonNode sync = http.post(BASE + "/sync", "{\"force_sync\":true}").json();
        assertThat(sync.get("message").asString()).isEqualTo("Forced sync completed");
        JsonNode result = sync.get("sync_result");
        assertThat(result.propertyNames()).containsExactly("total_events", "successful_syncs", "failed_syncs",
                "skipped_events", "sync_duration_ms");
        assertThat(result.get("total_events").asInt()).isEqualTo(2);
        assertThat(result.get("successful_syncs").asInt()).isEqualTo(2);
        assertThat(result.get("failed_syncs").asInt()).isZero();
        assertThat(sync.get("queue_status").get("total_queued_events").asInt()).isEqualTo(2);

        JsonNode background = http.post(BASE + "/sync", "{}").json();
        assertThat(background.get("message").asString()).isEqualTo("Sync started in background");

        JsonNode cleared = http.delete(BASE + "/clear").json();
        assertThat(cleared.get("cleared_events").asInt()).isEqualTo(2);
        assertThat(cleared.get("cleared_failed_events").asInt()).isZero();
        assertThat(http.post(BASE + "/sync", "{\"force_sync\":true}").json().get("message").asString())
                .isEqualTo("No events to sync");
    }

    @Test
    void syncNeedsABody() {
        var missing = http.post(BASE + "/sync", null);
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().get("detail").toString())
                .isEqualTo("[{\"type\":\"missing\",\"loc\":[\"body\"],\"msg\":\"Field required\",\"input\":null}]");
    }

    @Test
    void failedEventsListsNothingWhileSendsSucceed() {
        JsonNode failed = http.get(BASE + "/failed-events").json();
        assertThat(failed.get("failed_events_count").asInt()).isZero();
        assertThat(failed.get("recommendations")).hasSize(4);
        assertThat(status().get("additional_stats").get("queue_health").asString()).isEqualTo("excellent");
    }
}
