package dev.cellmonitor.cutover.backend.monitoring.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.cellmonitor.cutover.backend.monitoring.sockets.Delivery;
import dev.cellmonitor.cutover.backend.monitoring.sockets.SocketKind;
import dev.cellmonitor.cutover.backend.monitoring.sockets.SocketRegistry;
import dev.cellmonitor.cutover.backend.redis.RedisNames;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RealtimeProgressTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    SocketRegistry sockets;
    StringRedisTemplate redis;
    RealtimeProgress progress;

    @BeforeEach
    void setUp() {
        sockets = mock(SocketRegistry.class);
        doAnswer(call -> JSON.valueToTree(call.getArgument(0))).when(sockets).tree(any());
        redis = mock(StringRedisTemplate.class);
        progress = new RealtimeProgress(new ProgressProperties(2, 2, 3, 3), sockets, redis, new RedisNames("t:"));
    }

    private void event(String user, String assignment, String cell, String json) {
        progress.process(user, assignment, cell, JSON.readTree(json));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> assignment(String user, String assignment) {
        return progress.assignment(user, assignment).orElseThrow();
    }

    @Test
    void forgetsTheLeastRecentlyActiveStudentBeyondTheLimit() throws Exception {
        event("u1", "a", "c", "{\"eventType\": \"cell_execution_start\"}");
        Thread.sleep(2);
        event("u2", "a", "c", "{\"eventType\": \"cell_execution_start\"}");
        Thread.sleep(2);
        event("u1", "a", "c", "{\"eventType\": \"cell_execution_complete\"}");
        event("u3", "a", "c", "{\"eventType\": \"cell_execution_start\"}");
        assertThat(progress.student("u2")).isEmpty();
        assertThat(progress.student("u1")).isPresent();
        assertThat(progress.student("u3")).isPresent();
    }

    @Test
    void ignoresCellsAndAssignmentsBeyondTheLimitsAndKeepsTheNewestNotifications() {
        for (String cell : List.of("c1", "c2", "c3", "c4")) {
            event("u", "a", cell, "{\"eventType\": \"cell_execution_error\", \"errorMessage\": \"" + cell + "\"}");
        }
        assertThat(assignment("u", "a").get("total_cells")).isEqualTo(3);
        event("u", "b", "c", "{}");
        event("u", "c", "c", "{}");
        assertThat(progress.assignment("u", "c")).isEmpty();
        Map<String, Object> notifications = progress.notifications("u", true, 100);
        assertThat(notifications.get("total_notifications")).isEqualTo(3);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list = (List<Map<String, Object>>) notifications.get("notifications");
        assertThat(list.get(2).get("message")).isEqualTo("セル 0 でエラーが発生しました: c3");
    }

    @Test
    void aNullCellIndexStopsTheEventBeforeAnythingIsCreated() {
        event("u", "a", "c", "{\"eventType\": \"cell_execution_complete\", \"cellIndex\": null}");
        assertThat(progress.student("u")).isEmpty();
        assertThat(progress.stats().get("total_events_processed")).isEqualTo(0L);
    }

    @Test
    void anEventTheLegacyFailsOnHalfWayKeepsItsEarlierChanges() {
        event("u", "a", "c1", "{\"eventType\": \"cell_execution_complete\", \"executionDurationMs\": 5}");
        event("u", "a", "c2", "{\"eventType\": \"cell_execution_complete\", \"code\": 12}");
        Map<String, Object> a = assignment("u", "a");
        assertThat(a.get("total_cells")).isEqualTo(1);
        assertThat(progress.stats().get("total_events_processed")).isEqualTo(1L);
        event("u", "a", "c3", "{\"eventType\": \"cell_execution_start\"}");
        a = assignment("u", "a");
        assertThat(a.get("total_cells")).isEqualTo(3);
        assertThat(a.get("completed_cells")).isEqualTo(2);
    }

    @Test
    void keepsIntegersIntegersAndFloatsFloats() {
        event("u", "a", "c1", "{\"eventType\": \"cell_execution_complete\", \"executionDurationMs\": 100}");
        assertThat(JSON.valueToTree(assignment("u", "a")).get("total_execution_time_ms").isIntegralNumber()).isTrue();
        event("u", "a", "c2", "{\"eventType\": \"cell_execution_complete\", \"executionDurationMs\": 2.5}");
        JsonNode summary = JSON.valueToTree(progress.student("u").orElseThrow());
        assertThat(summary.get("total_execution_time_ms").doubleValue()).isEqualTo(102.5);
        assertThat(summary.get("total_execution_time_ms").isFloatingPointNumber()).isTrue();
        assertThat(summary.get("average_execution_time_ms").doubleValue()).isEqualTo(51.25);
    }

    @Test
    void readsNeverEraseCellDetails() {
        event("u", "a", "c1", "{\"eventType\": \"cell_execution_complete\"}");
        Map<String, Object> listing = progress.allStudents(false, 50);
        JsonNode withoutDetails = JSON.valueToTree(listing);
        assertThat(withoutDetails.at("/students_progress/0/assignments_progress/0/cells_progress")).isEmpty();
        assertThat(JSON.valueToTree(assignment("u", "a")).get("cells_progress")).hasSize(1);
    }

    @Test
    void pushesUpdatesAndNotificationsToTheProgressSockets() {
        event("u", "a", "c1", "{\"eventType\": \"cell_execution_complete\"}");
        ArgumentCaptor<Delivery> deliveries = ArgumentCaptor.forClass(Delivery.class);
        verify(sockets, atLeastOnce()).publish(deliveries.capture());
        List<Delivery> all = deliveries.getAllValues();
        assertThat(all.get(0).kinds()).containsExactly(SocketKind.PROGRESS_STUDENT);
        assertThat(all.get(0).clientId()).isEqualTo("u");
        assertThat(all.get(0).payload().get("type").asString()).isEqualTo("progress_update");
        assertThat(all.get(1).payload().get("type").asString()).isEqualTo("student_progress_update");
        assertThat(all.stream().filter(d -> d.payload().get("type").asString().equals("notification"))).hasSize(5);
        verify(redis, atLeastOnce()).convertAndSend(org.mockito.ArgumentMatchers.eq("t:progress_notifications"), any(String.class));
    }

    @Test
    void countsLinesLikePythonsSplitlines() {
        assertThat(RealtimeProgress.splitLines("")).isZero();
        assertThat(RealtimeProgress.splitLines("a\nb")).isEqualTo(2);
        assertThat(RealtimeProgress.splitLines("a\n")).isEqualTo(1);
        assertThat(RealtimeProgress.splitLines("a\r\nb\rc\u2028d")).isEqualTo(4);
        assertThat(RealtimeProgress.splitLines("\n\n")).isEqualTo(2);
    }
}
