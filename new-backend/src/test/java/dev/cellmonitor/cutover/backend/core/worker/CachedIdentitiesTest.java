package dev.cellmonitor.cutover.backend.core.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.cellmonitor.cutover.backend.support.BackendIntegrationTest;

/**
 * The worker remembers ids; rows deleted or a database reset under it must not leave rows pointing nowhere (the
 * set-based foreign-key check of this default context finds them) nor attach events to another student.
 */
@BackendIntegrationTest
class CachedIdentitiesTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aStudentDeletedUnderTheCacheIsCreatedAgain() throws Exception {
        post(execution("gone@example.com"));
        jdbc.update("DELETE FROM cell_executions WHERE student_id = (SELECT id FROM students WHERE email = 'gone@example.com')");
        jdbc.update("DELETE FROM sessions WHERE student_id = (SELECT id FROM students WHERE email = 'gone@example.com')");
        jdbc.update("DELETE FROM students WHERE email = 'gone@example.com'");

        assertThat(post(execution("gone@example.com"))).isEqualTo(202);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM cell_executions e JOIN students s ON s.id = e.student_id"
                + " JOIN sessions se ON se.id = e.session_id WHERE s.email = 'gone@example.com'", Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM cell_executions e WHERE NOT EXISTS"
                + " (SELECT 1 FROM students s WHERE s.id = e.student_id)", Integer.class)).isZero();
    }

    @Test
    void aResetDatabaseIsNoticedBeforeIdsAreReused() throws Exception {
        post(execution("first@example.com"));
        jdbc.execute("TRUNCATE cell_executions, cells, sessions, notebooks, students, teams, cutover_error_streaks,"
                + " cutover_worker_state RESTART IDENTITY CASCADE");
        post(execution("second@example.com"));
        post(execution("first@example.com"));
        assertThat(jdbc.queryForList("SELECT s.email FROM cell_executions e JOIN students s ON s.id = e.student_id"
                + " ORDER BY e.id", String.class)).containsExactly("second@example.com", "first@example.com");
    }

    private int post(String json) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/events")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[" + json + "]")).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }

    private static String execution(String email) {
        return "{\"eventType\": \"cell_executed\", \"emailAddress\": \"" + email + "\", \"teamName\": \"T\","
                + " \"notebookPath\": \"n.ipynb\", \"cellId\": \"c\", \"code\": \"1\", \"hasError\": false}";
    }
}
