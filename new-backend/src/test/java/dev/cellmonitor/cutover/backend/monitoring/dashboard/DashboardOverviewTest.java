package dev.cellmonitor.cutover.backend.monitoring.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.cellmonitor.cutover.backend.monitoring.support.HttpTestClient;
import dev.cellmonitor.cutover.backend.redis.RedisNames;
import dev.cellmonitor.cutover.backend.support.BackendIntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rows as the worker writes them, then the overview: a student active, then asking for help (and dismissed),
 * then a significant error (and resolved).
 */
@BackendIntegrationTest
class DashboardOverviewTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    RedisNames names;
    @Autowired
    ExecutionTailer tailer;

    HttpTestClient http;
    LegacyWorkerFixture worker;

    @BeforeEach
    void setUp() {
        http = new HttpTestClient(port);
        worker = new LegacyWorkerFixture(jdbc, redis, names);
        worker.resetTables();
    }

    private void event(String json) {
        worker.process(JSON.readTree(json));
    }

    private JsonNode overview() {
        HttpTestClient.Answer answer = http.get("/api/v1/dashboard/overview");
        assertThat(answer.status()).isEqualTo(200);
        return answer.json();
    }

    private static JsonNode student(JsonNode overview, String email) {
        for (JsonNode s : overview.get("students")) {
            if (s.get("emailAddress").asString().equals(email)) {
                return s;
            }
        }
        throw new AssertionError(email + " not in the overview");
    }

    private static String execution(String email, String cell, boolean error) {
        return """
                {"eventType": "cell_executed", "emailAddress": "%s", "userName": "名前 %s", "teamName": "チームA",
                 "notebookPath": "lessons/01.ipynb", "cellId": "%s", "cellIndex": 1, "cellType": "code",
                 "code": "x = 1", "executionCount": 1, "hasError": %s, "executionDurationMs": 12.0,
                 "errorMessage": %s}""".formatted(email, email, cell, error, error ? "\"ZeroDivisionError\"" : "null");
    }

    @Test
    void followsAStudentThroughActivityHelpAndSignificantErrors() {
        event("""
                {"eventType": "notebook_opened", "emailAddress": "aoi@example.com", "userName": "田中 葵",
                 "teamName": "チームA", "notebookPath": "lessons/01.ipynb"}""");
        event(execution("aoi@example.com", "c1", false));
        event("{\"eventType\": \"notebook_opened\", \"emailAddress\": \"idle@example.com\"}");
        jdbc.update("UPDATE sessions SET start_time = now() - interval '10 minutes' WHERE student_id = "
                + "(SELECT id FROM students WHERE email = 'idle@example.com')");
        event("{\"eventType\": \"progress_update\", \"emailAddress\": \"nosession@example.com\", \"teamName\": \"\"}");

        JsonNode first = overview();
        JsonNode aoi = student(first, "aoi@example.com");
        assertThat(aoi.get("status").asString()).isEqualTo("active");
        assertThat(aoi.get("userName").asString()).isEqualTo("田中 葵");
        assertThat(aoi.get("teamName").asString()).isEqualTo("チームA");
        assertThat(aoi.get("currentNotebook").asString()).isEqualTo("lessons/01.ipynb");
        assertThat(aoi.get("lastActivity").asString()).matches("\\d+秒前");
        assertThat(aoi.get("cellExecutions").asInt()).isEqualTo(1);
        assertThat(aoi.get("errorCount").asInt()).isZero();
        assertThat(aoi.get("isRequestingHelp").asBoolean()).isFalse();
        JsonNode idle = student(first, "idle@example.com");
        assertThat(idle.get("status").asString()).isEqualTo("idle");
        assertThat(idle.get("lastActivity").asString()).isEqualTo("10分前");
        assertThat(idle.get("currentNotebook").asString()).isEqualTo("/unknown");
        assertThat(idle.get("userName").asString()).isEqualTo("idle");
        JsonNode none = student(first, "nosession@example.com");
        assertThat(none.get("currentNotebook").asString()).isEqualTo("なし");
        assertThat(none.get("lastActivity").asString()).isEqualTo("不明");
        assertThat(none.get("teamName").isNull()).isTrue();
        assertThat(first.get("metrics").get("totalStudents").asInt()).isEqualTo(3);
        assertThat(first.get("metrics").get("totalActive").asInt()).isEqualTo(1);
        assertThat(first.get("metrics").get("totalExecutions").asInt()).isEqualTo(1);

        // help: first in the list, counted in the chart
        event("""
                {"eventType": "help", "emailAddress": "aoi@example.com", "eventTime": "%s"}""".formatted(Instant.now()));
        JsonNode helping = overview();
        assertThat(helping.get("students").get(0).get("emailAddress").asString()).isEqualTo("aoi@example.com");
        assertThat(student(helping, "aoi@example.com").get("status").asString()).isEqualTo("help");
        assertThat(student(helping, "aoi@example.com").get("isRequestingHelp").asBoolean()).isTrue();
        assertThat(helping.get("metrics").get("helpCount").asInt()).isEqualTo(1);

        HttpTestClient.Answer dismissed = http.post("/api/v1/dashboard/students/aoi@example.com/dismiss-help", null);
        assertThat(dismissed.status()).isEqualTo(200);
        assertThat(dismissed.body()).isEqualTo(
                "{\"success\":true,\"message\":\"Help request dismissed for student aoi@example.com\",\"emailAddress\":\"aoi@example.com\"}");
        assertThat(student(overview(), "aoi@example.com").get("status").asString()).isEqualTo("active");
        assertThat(jdbc.queryForObject("SELECT source FROM cutover_help_events ORDER BY id DESC LIMIT 1", String.class))
                .isEqualTo("dismiss-help");

        // three consecutive errors on one cell: significant
        for (int i = 0; i < 3; i++) {
            event(execution("ren@example.com", "c9", true));
        }
        JsonNode failing = overview();
        JsonNode ren = student(failing, "ren@example.com");
        assertThat(ren.get("status").asString()).isEqualTo("significant_error");
        assertThat(ren.get("hasSignificantError").asBoolean()).isTrue();
        assertThat(ren.get("consecutiveErrorCount").asInt()).isEqualTo(3);
        assertThat(ren.get("errorCount").asInt()).isEqualTo(3);
        JsonNode cell = ren.get("significantErrorCells").get(0);
        assertThat(cell.get("consecutive_count").asInt()).isEqualTo(3);
        assertThat(cell.get("cell_id").asInt()).isEqualTo(jdbc.queryForObject("SELECT id FROM cells WHERE cell_id = 'c9'", Integer.class));
        assertThat(cell.get("last_error_time").asString()).endsWith("+00:00");
        assertThat(failing.get("metrics").get("significantErrorCount").asInt()).isEqualTo(1);
        assertThat(failing.get("metrics").get("errorCount").asInt()).isEqualTo(1);

        // a later success does not clear the flag; resolve-error does
        event(execution("ren@example.com", "c9", false));
        assertThat(student(overview(), "ren@example.com").get("status").asString()).isEqualTo("significant_error");
        HttpTestClient.Answer resolved = http.post("/api/v1/dashboard/students/ren@example.com/resolve-error", null);
        assertThat(resolved.status()).isEqualTo(200);
        assertThat(resolved.json().get("message").asString()).isEqualTo("Error status resolved for student ren@example.com");
        JsonNode after = student(overview(), "ren@example.com");
        assertThat(after.get("status").asString()).isEqualTo("error");
        assertThat(after.get("hasSignificantError").asBoolean()).isFalse();
        assertThat(after.get("significantErrorCells")).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM cell_executions WHERE is_significant_error", Integer.class)).isZero();
        // only the flagged execution is reset, as in the legacy
        assertThat(jdbc.queryForList("""
                SELECT e.consecutive_error_count FROM cell_executions e JOIN students s ON s.id = e.student_id
                WHERE s.email = 'ren@example.com' ORDER BY e.id""", Integer.class)).containsExactly(1, 2, 0, 0);

        HttpTestClient.Answer unknown = http.post("/api/v1/dashboard/students/ghost@example.com/resolve-error", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"detail\":\"Student not found\"}");
    }

    @Test
    void answersTheSameBeforeAndAfterTheTailerCatchesUp() {
        for (int i = 0; i < 5; i++) {
            event(execution("s" + i + "@example.com", "c" + (i % 2), i % 3 == 0));
        }
        event(execution("s0@example.com", "c0", true));
        event(execution("s0@example.com", "c0", true));
        JsonNode before = withoutVolatile(overview());
        tailer.catchUp();
        assertThat(jdbc.queryForObject("SELECT high_water FROM cutover_dash_tailer", Long.class))
                .isEqualTo(jdbc.queryForObject("SELECT max(id) FROM cell_executions", Long.class));
        JsonNode after = withoutVolatile(overview());
        assertThat(after).isEqualTo(before);
        assertThat(student(after, "s0@example.com").get("status").asString()).isEqualTo("significant_error");
        assertThat(jdbc.queryForObject("SELECT sum(executions) FROM cutover_dash_student_stats", Long.class)).isEqualTo(7);
    }

    @Test
    void showsAStudentsRecentExecutionsAndSessions() {
        event(execution("kai@example.com", "c1", false));
        event(execution("kai@example.com", "c2", true));
        tailer.catchUp();
        event(execution("kai@example.com", "c3", false));
        JsonNode activity = http.get("/api/v1/dashboard/students/kai@example.com/activity").json();
        assertThat(activity.get("student").get("teamName").asString()).isEqualTo("チームA");
        List<String> statuses = new ArrayList<>();
        activity.get("recentExecutions").forEach(e -> statuses.add(e.get("status").asString()));
        assertThat(statuses).containsExactly("success", "error", "success");
        JsonNode newest = activity.get("recentExecutions").get(0);
        assertThat(newest.get("executionTime").asDouble()).isEqualTo(0.012);
        assertThat(newest.get("timestamp").asString()).endsWith("+00:00");
        assertThat(activity.get("sessions")).hasSize(1);
        assertThat(activity.get("sessions").get(0).get("endedAt").isNull()).isTrue();
        assertThat(http.get("/api/v1/dashboard/students/nobody@example.com/activity").status()).isEqualTo(404);

        JsonNode metrics = http.get("/api/v1/dashboard/metrics?time_range=24h").json();
        assertThat(metrics.get("timeRange").asString()).isEqualTo("24h");
        assertThat(metrics.get("totalStudents").asInt()).isEqualTo(1);
        assertThat(metrics.get("activeSessions").asInt()).isEqualTo(1);
        assertThat(metrics.get("activityData").get("totalExecutions").asInt()).isEqualTo(3);
        assertThat(metrics.get("activityData").get("errorRate").asDouble()).isEqualTo(0.333);
        assertThat(metrics.get("activityData").get("averageExecutionTime").asDouble()).isEqualTo(0.01);
        assertThat(metrics.get("activityData").get("activeUsers").asInt()).isEqualTo(1);
        assertThat(metrics.get("generatedAt").asString()).doesNotContain("+");

        JsonNode chart = overview().get("activityChart");
        long executions = 0;
        for (JsonNode point : chart) {
            executions += point.get("executionCount").asLong();
        }
        assertThat(executions).isEqualTo(3);
    }

    private static JsonNode withoutVolatile(JsonNode overview) {
        tools.jackson.databind.node.ObjectNode copy = (tools.jackson.databind.node.ObjectNode) overview.deepCopy();
        copy.remove("activityChart");
        copy.get("students").forEach(s -> ((tools.jackson.databind.node.ObjectNode) s).remove("lastActivity"));
        return copy;
    }
}
