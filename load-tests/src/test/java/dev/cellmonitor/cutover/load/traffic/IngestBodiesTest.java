package dev.cellmonitor.cutover.load.traffic;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import dev.cellmonitor.cutover.load.JsonHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngestBodiesTest {

    private static List<Student> students(int count) {
        List<Student> students = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            students.add(new Student("run7-ingest", i, new Student.Behaviour(0.02, 3, 0, 4, 0, 1, 40, 4)));
        }
        return students;
    }

    private static JsonNode json(byte[] body) {
        return JsonHttp.JSON.readTree(new String(body, StandardCharsets.UTF_8));
    }

    @Test
    void everyBodyIsOneStudentsRunAllOfTheRequestedNumberOfCellExecutions() {
        IngestBodies bodies = IngestBodies.render(students(5), List.of(1, 20, 200), new Random(1));

        for (int size : List.of(1, 20, 200)) {
            assertThat(bodies.count(size)).isEqualTo(5);
            for (int i = 0; i < 5; i++) {
                JsonNode batch = json(bodies.next(size));
                assertThat(batch.size()).isEqualTo(size);
                Set<String> emails = new HashSet<>();
                batch.forEach(e -> {
                    assertThat(e.get("eventType").asString()).isEqualTo("cell_executed");
                    emails.add(e.get("emailAddress").asString());
                });
                assertThat(emails).singleElement().asString()
                        .startsWith(IngestTraffic.emailPrefix("run7")).endsWith("@load.example.com");
            }
        }
    }

    @Test
    void theStudentsTakeTurnsAndTheirRenderedBodiesAreReplayed() {
        IngestBodies bodies = IngestBodies.render(students(3), List.of(20), new Random(2));

        List<byte[]> posted = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            posted.add(bodies.next(20));
        }
        List<String> emails = posted.stream().map(b -> json(b).get(0).get("emailAddress").asString()).toList();
        assertThat(emails.subList(0, 3)).doesNotHaveDuplicates();
        assertThat(emails.subList(3, 6)).isEqualTo(emails.subList(0, 3));
        for (int i = 0; i < 3; i++) {
            assertThat(posted.get(i + 3)).as("rendered once, replayed").isSameAs(posted.get(i));
        }
    }

    @Test
    void aLargeBatchWalksThroughSeveralNotebooksAndCells() {
        JsonNode batch = json(IngestBodies.render(students(1), List.of(200), new Random(3)).next(200));

        Set<String> notebooks = new HashSet<>();
        Set<String> cells = new HashSet<>();
        batch.forEach(e -> {
            notebooks.add(e.get("notebookPath").asString());
            cells.add(e.get("notebookPath").asString() + "#" + e.get("cellId").asString());
        });
        assertThat(notebooks).hasSizeGreaterThan(1);
        assertThat(cells).hasSizeGreaterThan(100);
    }

    @Test
    void refusesBatchSizesTheLegacyWouldRefuseAndSizesNotRendered() {
        assertThatThrownBy(() -> IngestBodies.render(students(1), List.of(201), new Random(4)))
                .hasMessageContaining("1..200");
        IngestBodies bodies = IngestBodies.render(students(1), List.of(1), new Random(4));
        assertThatThrownBy(() -> bodies.next(20)).hasMessageContaining("no bodies of 20 events");
        assertThat(bodies.describe()).contains("1 per batch size", "of 1 events");
    }
}
