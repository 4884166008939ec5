package dev.cellmonitor.cutover.backend.core.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** PostgreSQL text cannot hold U+0000: the legacy worker loses such an event, this one stores it without them. */
class NulCharactersTest extends WorkerIntegrationTest {

    @Test
    void anEventCarryingNulCharactersIsStoredWithoutThem() {
        String event = execution("nul@example.com", "nul-cell", true, "print(1)\\u0000")
                .replace("\"ZeroDivisionError\"", "\"Zero\\u0000Division\"");

        assertThat(post("/api/v1/events", "[" + event + "]").statusCode()).isEqualTo(202);

        Map<String, Object> row = jdbc.queryForMap("SELECT e.code_content, e.error_message FROM cell_executions e"
                + " JOIN students s ON s.id = e.student_id WHERE s.email = 'nul@example.com'");
        assertThat(row).containsEntry("code_content", "print(1)").containsEntry("error_message", "ZeroDivision");
    }
}
