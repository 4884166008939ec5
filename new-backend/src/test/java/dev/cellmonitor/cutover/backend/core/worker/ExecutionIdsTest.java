package dev.cellmonitor.cutover.backend.core.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The worker's {@code execution_id}: the legacy's 36-character UUID text, version 7 so new rows append to its index. */
class ExecutionIdsTest extends WorkerIntegrationTest {

    @Test
    void executionIdsAreVersion7UuidsOrderedByTimeOfWriting() throws Exception {
        String email = "uuid7@example.com";
        for (int batch = 0; batch < 3; batch++) {
            String events = "[" + execution(email, "c" + batch, false, "x = " + batch) + ","
                    + execution(email, "c" + batch, true, "x = 1/0") + "]";
            assertThat(post("/api/v1/events", events).statusCode()).isEqualTo(202);
            Thread.sleep(3); // the first 48 bits are milliseconds: another millisecond, a greater id
        }
        List<String> ids = jdbc.queryForList("SELECT e.execution_id FROM cell_executions e JOIN students s"
                + " ON s.id = e.student_id WHERE s.email = ? ORDER BY e.id", String.class, email);

        assertThat(ids).hasSize(6).doesNotHaveDuplicates()
                .allMatch(id -> id.matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), "UUIDv7 text");
        for (int batch = 1; batch < 3; batch++) {
            String newestBefore = ids.subList(0, 2 * batch).stream().max(String::compareTo).orElseThrow();
            assertThat(ids.subList(2 * batch, 2 * batch + 2)).allMatch(id -> id.compareTo(newestBefore) > 0,
                    "greater than every id written before");
        }
    }
}
