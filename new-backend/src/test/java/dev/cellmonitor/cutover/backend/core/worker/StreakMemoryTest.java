package dev.cellmonitor.cutover.backend.core.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.cellmonitor.cutover.backend.admin.status.InstructorStatusService;

/**
 * A writer that has been the only one taking execution ids counts streaks from its memory, without the catch-up
 * query; as soon as another writer (the legacy worker) stores a row, it catches up again and counts that row.
 */
class StreakMemoryTest extends WorkerIntegrationTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    ErrorThreshold threshold;

    @Test
    void aWriterAloneCountsFromMemoryAndCatchesUpOnceTheLegacyWorkerWritesAgain() throws Exception {
        BatchWriter writer = new BatchWriter(dataSource, threshold, mock(InstructorStatusService.class), true);
        writer.initialize();
        writer.write(List.of(event("alone@example.com", "c", true)));
        for (int batch = 0; batch < 3; batch++) {
            writer.write(filler(batch)); // 600 ids in a row taken by this writer alone: more than the look-back
        }
        long before = writer.catchUpsSkipped();

        writer.write(List.of(event("alone@example.com", "c", true))); // the pair's state read from the table
        writer.write(List.of(event("alone@example.com", "c", true))); // and now from memory
        assertThat(writer.catchUpsSkipped()).isEqualTo(before + 2);

        // the legacy worker stores a success for the same student and cell behind the writer's back
        Map<String, Object> ids = jdbc.queryForMap("SELECT e.student_id, e.cell_id, e.notebook_id, e.session_id"
                + " FROM cell_executions e JOIN students s ON s.id = e.student_id WHERE s.email = 'alone@example.com'"
                + " LIMIT 1");
        jdbc.update("INSERT INTO cell_executions (execution_id, notebook_id, cell_id, student_id, session_id, status,"
                + " consecutive_error_count, is_significant_error) VALUES (gen_random_uuid()::text, ?, ?, ?, ?, 'success', 0,"
                + " false)", ids.get("notebook_id"), ids.get("cell_id"), ids.get("student_id"), ids.get("session_id"));
        writer.write(List.of(event("alone@example.com", "c", true)));

        assertThat(writer.catchUpsSkipped()).as("caught up after the legacy's row").isEqualTo(before + 2);
        assertThat(jdbc.queryForList("SELECT e.consecutive_error_count FROM cell_executions e JOIN students s"
                + " ON s.id = e.student_id WHERE s.email = 'alone@example.com' ORDER BY e.id", Integer.class))
                .containsExactly(1, 2, 3, 0, 1);
    }

    private static List<WorkerEvent> filler(int batch) {
        List<WorkerEvent> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            events.add(event("filler-" + batch + "-" + (i % 20) + "@example.com", "f" + i, false));
        }
        return events;
    }
}
