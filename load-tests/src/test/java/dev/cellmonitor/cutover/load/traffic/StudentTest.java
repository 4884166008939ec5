package dev.cellmonitor.cutover.load.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.cellmonitor.cutover.load.JsonHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class StudentTest {

    private static List<JsonNode> events(Student student, Random random, int batches) {
        List<JsonNode> events = new ArrayList<>();
        for (int i = 0; i < batches; i++) {
            JsonHttp.JSON.readTree(student.nextBatch(random)).forEach(events::add);
        }
        return events;
    }

    @Test
    void sendsBatchesLikeTheExtension() {
        Student student = new Student("run1", 7, Student.Behaviour.CLASSROOM);
        List<JsonNode> events = events(student, new Random(1), 400);

        assertThat(events.getFirst().get("eventType").asString()).isEqualTo("notebook_opened");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.get("emailAddress").asString()).isEqualTo("student-run1-0007@load.example.com");
            assertThat(e.get("notebookPath").asString()).startsWith("load/run1/lesson-");
            assertThat(e.get("eventTime").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        });
        long executed = events.stream().filter(e -> e.get("eventType").asString().equals("cell_executed")).count();
        assertThat(executed).isGreaterThan(events.size() * 8L / 10);
        assertThat(events).anyMatch(e -> e.get("eventType").asString().equals("help"));
        assertThat(events).anyMatch(e -> e.get("eventType").asString().equals("help_stop"));
    }

    @Test
    void aStuckStudentReachesTheConsecutiveErrorThresholdOnOneCell() {
        Student student = new Student("run1", 1, Student.Behaviour.CLASSROOM);
        List<JsonNode> executions = events(student, new Random(3), 400).stream()
                .filter(e -> e.get("eventType").asString().equals("cell_executed")).toList();
        int longest = 0;
        int streak = 0;
        String cell = null;
        for (JsonNode e : executions) {
            boolean error = e.get("hasError").asBoolean();
            String id = e.get("notebookPath").asString() + e.get("cellId").asString();
            streak = error ? (id.equals(cell) ? streak + 1 : 1) : 0;
            cell = id;
            longest = Math.max(longest, streak);
            if (error) {
                assertThat(e.get("errorMessage").asString()).isNotBlank();
            }
        }
        assertThat(longest).isGreaterThanOrEqualTo(3);
    }

    @Test
    void runAllIsOneStudentsCellsInARow() {
        Student student = new Student("run1", 2, new Student.Behaviour(0, 3, 0, 4, 0, 1, 40, 4));
        JsonNode batch = JsonHttp.JSON.readTree(student.runAll(20, new Random(5)));
        assertThat(batch.size()).isEqualTo(20);
        assertThat(batch.get(19).get("cellIndex").asInt()).isEqualTo(19);
        assertThat(batch.get(19).get("executionCount").asInt()).isEqualTo(20);
    }
}
