package dev.cellmonitor.cutover.backend.core.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.cellmonitor.cutover.backend.core.events.Recording;
import tools.jackson.databind.JsonNode;

/**
 * When the database cannot keep up, {@code POST /events} pushes back with 503 + {@code Retry-After} once the queue
 * (400 events in this context) is full, instead of accepting what it cannot store; what it accepted is stored.
 */
class BackpressureTest extends WorkerIntegrationTest {

    @Autowired
    DataSource dataSource;

    @Test
    void aFullQueueAnswers503WithRetryAfterAndAcceptedEventsAreAllStored() throws Exception {
        CompletableFuture<HttpResponse<String>> first;
        CompletableFuture<HttpResponse<String>> second;
        try (Connection blocker = dataSource.getConnection(); Statement s = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            // the writer needs this table for every batch of executions: it stalls like a slow database
            s.execute("LOCK TABLE cutover_worker_state IN ACCESS EXCLUSIVE MODE");

            first = CompletableFuture.supplyAsync(() -> post("/api/v1/events", batch("bp-a", 200)));
            Thread.sleep(700); // taken by the writer, which now waits for the lock
            second = CompletableFuture.supplyAsync(() -> post("/api/v1/events", batch("bp-b", 200)));
            Thread.sleep(700); // waiting in the queue: 400 events accepted, none stored yet

            HttpResponse<String> refused = post("/api/v1/events", batch("bp-c", 1));
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).contains("2");
            JsonNode body = Recording.JSON.readTree(refused.body());
            assertThat(body.properties()).hasSize(1);
            assertThat(body.get("detail").stringValue()).startsWith("Event queue is full");
            assertThat(first).isNotDone();
            assertThat(second).isNotDone();
            blocker.commit();
        }
        assertThat(first.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
        assertThat(second.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
        assertThat(post("/api/v1/events", batch("bp-c", 1)).statusCode()).isEqualTo(202);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM cell_executions e JOIN students s ON s.id = e.student_id"
                + " WHERE s.email LIKE 'bp-%'", Integer.class)).isEqualTo(401);
    }

    private static String batch(String prefix, int size) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < size; i++) {
            out.append(i == 0 ? "" : ",").append(execution(prefix + "-" + i + "@example.com", "c", false, "x=" + i));
        }
        return out.append(']').toString();
    }
}
