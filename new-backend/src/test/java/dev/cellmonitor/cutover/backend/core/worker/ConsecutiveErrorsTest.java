package dev.cellmonitor.cutover.backend.core.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.cellmonitor.cutover.backend.core.events.RedisCapture;
import dev.cellmonitor.cutover.backend.redis.RedisNames;

/** Consecutive-error detection (CONTRACT.md §7.4) with the threshold from {@code system_settings}. */
class ConsecutiveErrorsTest extends WorkerIntegrationTest {

    @AfterEach
    void defaultThreshold() {
        jdbc.update("DELETE FROM system_settings WHERE setting_key = 'consecutive_error_threshold'");
    }

    @Test
    void theThirdConsecutiveErrorIsSignificantAndAlerted() {
        int mark = redis.mark();
        for (int i = 0; i < 3; i++) {
            assertThat(post("/api/v1/events", "[" + execution("third@example.com", "c-div", true, "1/0") + "]").statusCode())
                    .isEqualTo(202);
        }
        assertThat(rows("third@example.com", "c-div")).containsExactly(
                List.of("error", 1, false), List.of("error", 2, false), List.of("error", 3, true));
        List<RedisCapture.Message> updates = redis.awaitContaining(RedisNames.DASHBOARD_UPDATES, mark, "third@example.com", 3,
                Duration.ofSeconds(5));
        assertThat(updates).extracting(m -> m.data().get("type").stringValue())
                .containsExactly("student_progress_update", "student_progress_update", "significant_error_alert");
        assertThat(updates.get(2).raw()).isEqualTo("{\"type\": \"significant_error_alert\", \"emailAddress\": "
                + "\"third@example.com\", \"userName\": \"User third@example.com\", \"teamName\": \"T1\", \"currentNotebook\": "
                + "\"lessons/x.ipynb\", \"lastActivity\": \"\\u4eca\", \"status\": \"active\", \"cellExecutions\": 1, "
                + "\"errorCount\": 1, \"timestamp\": \"2025-05-01T10:00:00.000Z\", \"isSignificantError\": true, "
                + "\"alertLevel\": \"warning\", \"message\": \"\\u9023\\u7d9a\\u30a8\\u30e9\\u30fc\\u304c\\u767a\\u751f"
                + "\\u3057\\u3066\\u3044\\u307e\\u3059: c-div\"}");
    }

    @Test
    void errorsInOneBatchCountInTheirOrderAndASuccessResetsTheCount() {
        String batch = "[" + execution("batch@example.com", "c1", true, "a") + "," + execution("batch@example.com", "c1", true, "b")
                + "," + execution("batch@example.com", "c2", true, "x") + "," + execution("batch@example.com", "c1", true, "c")
                + "," + execution("batch@example.com", "c1", false, "d") + "," + execution("batch@example.com", "c1", true, "e") + "]";
        assertThat(post("/api/v1/events", batch).statusCode()).isEqualTo(202);
        assertThat(rows("batch@example.com", "c1")).containsExactly(List.of("error", 1, false), List.of("error", 2, false),
                List.of("error", 3, true), List.of("success", 0, false), List.of("error", 1, false));
        assertThat(rows("batch@example.com", "c2")).containsExactly(List.of("error", 1, false));
    }

    @Test
    void theCountStopsAtElevenLikeTheLegacysTenRowWindow() {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 13; i++) {
            batch.append(i == 0 ? "" : ",").append(execution("eleven@example.com", "c", true, "e" + i));
        }
        post("/api/v1/events", batch.append("]").toString());
        assertThat(rows("eleven@example.com", "c")).extracting(r -> r.get(1))
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 11, 11);
    }

    @Test
    void theThresholdComesFromSystemSettingsWithinSeconds() throws Exception {
        jdbc.update("INSERT INTO system_settings (setting_key, setting_value, setting_type, is_active)"
                + " VALUES ('consecutive_error_threshold', '2', 'int', true)");
        Thread.sleep(300); // longer than the test's 100 ms cache
        post("/api/v1/events", "[" + execution("two@example.com", "c", true, "1") + "," + execution("two@example.com", "c", true, "2") + "]");
        assertThat(rows("two@example.com", "c")).extracting(r -> r.get(2)).containsExactly(false, true);

        jdbc.update("UPDATE system_settings SET setting_value = '5' WHERE setting_key = 'consecutive_error_threshold'");
        Thread.sleep(300);
        post("/api/v1/events", "[" + execution("two@example.com", "c", true, "3") + "," + execution("two@example.com", "c", true, "4")
                + "," + execution("two@example.com", "c", true, "5") + "]");
        assertThat(rows("two@example.com", "c")).extracting(r -> r.get(2)).containsExactly(false, true, false, false, true);

        // an inactive row does not count: back to the legacy default 3
        jdbc.update("UPDATE system_settings SET is_active = false WHERE setting_key = 'consecutive_error_threshold'");
        Thread.sleep(300);
        post("/api/v1/events", "[" + execution("three@example.com", "c", true, "1") + "," + execution("three@example.com", "c", true, "2")
                + "," + execution("three@example.com", "c", true, "3") + "]");
        assertThat(rows("three@example.com", "c")).extracting(r -> r.get(2)).containsExactly(false, false, true);
    }

    @Test
    void errorsTheLegacyWorkerStoredCountToo() {
        post("/api/v1/events", "[" + execution("mixed@example.com", "c", false, "ok") + "]");
        Map<String, Object> ids = jdbc.queryForMap("SELECT e.student_id, e.cell_id, e.notebook_id, e.session_id"
                + " FROM cell_executions e JOIN students s ON s.id = e.student_id WHERE s.email = 'mixed@example.com'");
        for (int i = 0; i < 2; i++) {
            // as the legacy worker writes them, behind the new worker's back
            jdbc.update("INSERT INTO cell_executions (execution_id, notebook_id, cell_id, student_id, session_id, status,"
                    + " consecutive_error_count, is_significant_error) VALUES (gen_random_uuid()::text, ?, ?, ?, ?, 'error', ?, false)",
                    ids.get("notebook_id"), ids.get("cell_id"), ids.get("student_id"), ids.get("session_id"), i + 1);
        }
        post("/api/v1/events", "[" + execution("mixed@example.com", "c", true, "boom") + "]");
        assertThat(rows("mixed@example.com", "c")).containsExactly(List.of("success", 0, false),
                List.of("error", 1, false), List.of("error", 2, false), List.of("error", 3, true));
    }

    /** status, consecutive_error_count, is_significant_error of one student's executions of one cell, oldest first. */
    private List<List<Object>> rows(String email, String cell) {
        return jdbc.query("SELECT e.status, e.consecutive_error_count, e.is_significant_error FROM cell_executions e"
                + " JOIN students s ON s.id = e.student_id JOIN cells c ON c.id = e.cell_id"
                + " WHERE s.email = ? AND c.cell_id = ? ORDER BY e.id", (rs, n) -> List.<Object>of(rs.getString(1),
                rs.getInt(2), rs.getBoolean(3)), email, cell);
    }
}
