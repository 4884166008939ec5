package dev.cellmonitor.cutover.backend.monitoring.sockets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.cellmonitor.cutover.backend.NewBackendApplication;
import dev.cellmonitor.cutover.backend.admin.auth.JwtTokens;
import dev.cellmonitor.cutover.backend.monitoring.dashboard.LegacyWorkerFixture;
import dev.cellmonitor.cutover.backend.monitoring.instructorws.InstructorSeed;
import dev.cellmonitor.cutover.backend.monitoring.support.HttpTestClient;
import dev.cellmonitor.cutover.backend.redis.RedisNames;
import dev.cellmonitor.cutover.backend.support.BackendIntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * Two replicas (two application contexts on the same database and Redis prefix): what a socket of one
 * replica triggers reaches the sockets of the other, through the one Redis subscription of each.
 */
@BackendIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoReplicasTest {

    @LocalServerPort
    int portA;
    @Autowired
    Environment environment;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    RedisNames names;
    @Autowired
    JwtTokens tokens;

    ConfigurableApplicationContext replicaB;
    int portB;

    @BeforeAll
    void startSecondReplica() {
        // command-line arguments, so that they win over application.yml
        replicaB = new SpringApplicationBuilder(NewBackendApplication.class).run(
                "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                "--spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                "--spring.datasource.password=" + environment.getProperty("spring.datasource.password", ""),
                "--cellmonitor.redis.prefix=" + environment.getProperty("cellmonitor.redis.prefix"),
                "--server.port=0", "--management.server.port=0", "--server.shutdown=immediate");
        portB = ((WebServerApplicationContext) replicaB).getWebServer().getPort();
    }

    @AfterAll
    void stopSecondReplica() {
        if (replicaB != null) {
            replicaB.close();
        }
    }

    private String ws(int port, String path) {
        return "ws://127.0.0.1:" + port + path;
    }

    @Test
    void aDashboardUpdateReachesTheDashboardSocketsOfBothReplicas() {
        try (WsTestClient onA = WsTestClient.open(ws(portA, "/api/v1/dashboard/ws/dashboard"));
             WsTestClient onB = WsTestClient.open(ws(portB, "/api/v1/dashboard/ws/dashboard"))) {
            onB.sendJson(Map.of("type", "ping"));
            assertThat(onB.nextJson(3000).get("type").asString()).isEqualTo("pong");
            new LegacyWorkerFixture(jdbc, redis, names).process(tools.jackson.databind.json.JsonMapper.builder().build().readTree("""
                    {"eventType": "cell_executed", "emailAddress": "two@example.com", "userName": "二", "notebookPath": "a.ipynb",
                     "cellId": "c1", "cellIndex": 0, "hasError": false, "eventTime": "2025-04-15T13:00:00.000Z"}"""));
            for (WsTestClient socket : new WsTestClient[] {onA, onB}) {
                JsonNode update = socket.nextJson(3000);
                assertThat(update.get("type").asString()).isEqualTo("progress_update");
                assertThat(update.get("data").get("emailAddress").asString()).isEqualTo("two@example.com");
            }
            JsonNode statusB = new HttpTestClient(portB).get("/api/v1/dashboard/ws/dashboard/status").json();
            assertThat(statusB.get("connected_clients").asInt()).isEqualTo(1);
        }
    }

    @Test
    void aRoomBroadcastReachesTheRoomOnTheOtherReplica() {
        try (WsTestClient onA = WsTestClient.open(ws(portA, "/api/v1/v1/ws/rep-a?room=lab"));
             WsTestClient onB = WsTestClient.open(ws(portB, "/api/v1/v1/ws/rep-b?room=lab"));
             WsTestClient elsewhere = WsTestClient.open(ws(portB, "/api/v1/v1/ws/rep-c?room=other"))) {
            onA.nextJson(3000);
            onB.nextJson(3000);
            elsewhere.nextJson(3000);
            onA.send("{\"type\": \"progress_update\", \"data\": {\"cell\": 7}}");
            assertThat(onA.nextJson(3000).get("type").asString()).isEqualTo("progress_broadcast");
            JsonNode atB = onB.nextJson(3000);
            assertThat(atB.get("from_client").asString()).isEqualTo("rep-a");
            assertThat(atB.get("data").get("cell").asInt()).isEqualTo(7);
            assertThat(elsewhere.next(500)).isNull();
        }
    }

    @Test
    void reconnectingOnAnotherReplicaClosesTheOldSocketOnly() {
        try (WsTestClient old = WsTestClient.open(ws(portA, "/api/v1/v1/ws/roaming"))) {
            old.nextJson(3000);
            try (WsTestClient fresh = WsTestClient.open(ws(portB, "/api/v1/v1/ws/roaming"))) {
                fresh.nextJson(3000);
                WsTestClient.Frame closed = old.next(3000);
                assertThat(closed.isClose()).isTrue();
                fresh.sendJson(Map.of("type", "ping"));
                assertThat(fresh.nextJson(3000).get("type").asString()).isEqualTo("pong");
            }
        }
    }

    @Test
    void anInstructorStatusChangeReachesInstructorsOnTheOtherReplica() {
        jdbc.execute("TRUNCATE instructor_status_history, instructors RESTART IDENTITY CASCADE");
        int a = InstructorSeed.insert(jdbc, "a@example.com", true);
        int b = InstructorSeed.insert(jdbc, "b@example.com", true);
        try (WsTestClient onA = WsTestClient.open(ws(portA, "/api/v1/instructor/ws/instructor/" + a + "?token=" + tokens.issue("a@example.com")));
             WsTestClient onB = WsTestClient.open(ws(portB, "/api/v1/instructor/ws/instructor/" + b + "?token=" + tokens.issue("b@example.com")))) {
            onA.nextJson(3000);
            onB.nextJson(3000);
            onA.sendJson(Map.of("type", "status_update", "status", "break"));
            assertThat(onA.nextJson(3000).get("type").asString()).isEqualTo("status_updated");
            JsonNode changed = onB.nextJson(3000);
            assertThat(changed.get("type").asString()).isEqualTo("instructor_status_changed");
            assertThat(changed.get("instructor_id").asInt()).isEqualTo(a);
            assertThat(changed.get("status").asString()).isEqualTo("break");

            onA.sendJson(Map.of("type", "instructor_to_instructor", "target_instructor_id", b, "message", "こんにちは"));
            assertThat(onB.nextJson(3000).get("message").asString()).isEqualTo("こんにちは");
        }
    }

    @Test
    void aProgressEventOnOneReplicaIsPushedToTheStudentSocketOnTheOther() {
        try (WsTestClient onB = WsTestClient.open(ws(portB, "/api/v1/v1/progress/ws/student/roamer"))) {
            onB.sendJson(Map.of("type", "ping"));
            assertThat(onB.nextJson(3000).get("type").asString()).isEqualTo("pong");
            HttpTestClient.Answer answer = new HttpTestClient(portA).post(
                    "/api/v1/v1/progress/process-event?user_id=roamer&assignment_id=hw&cell_id=c1",
                    "{\"eventType\": \"cell_execution_complete\", \"executionDurationMs\": 10}");
            assertThat(answer.status()).isEqualTo(202);
            JsonNode pushed = onB.nextJson(3000);
            assertThat(pushed.get("type").asString()).isEqualTo("progress_update");
            assertThat(pushed.get("data").get("new_value").get("execution_status").asString()).isEqualTo("completed");
        }
    }
}
