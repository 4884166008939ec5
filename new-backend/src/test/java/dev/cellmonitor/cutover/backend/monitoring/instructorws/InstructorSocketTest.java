package dev.cellmonitor.cutover.backend.monitoring.instructorws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.cellmonitor.cutover.backend.admin.auth.JwtTokens;
import dev.cellmonitor.cutover.backend.monitoring.sockets.WsTestClient;
import dev.cellmonitor.cutover.backend.monitoring.sockets.WsTestClient.Frame;
import dev.cellmonitor.cutover.backend.monitoring.support.HttpTestClient;
import dev.cellmonitor.cutover.backend.support.BackendIntegrationTest;
import dev.cellmonitor.cutover.backend.support.TokenDenyList;
import tools.jackson.databind.JsonNode;

@BackendIntegrationTest
@ExtendWith(TokenDenyList.class)
class InstructorSocketTest {



    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JwtTokens tokens;

    int me;
    int other;

    @BeforeEach
    void seed() {
        jdbc.execute("TRUNCATE instructor_status_history, instructors RESTART IDENTITY CASCADE");
        me = InstructorSeed.insert(jdbc, "instructor@example.com", true);
        other = InstructorSeed.insert(jdbc, "other@example.com", true);
        InstructorSeed.insert(jdbc, "gone@example.com", false);
    }

    private String url(Object id, String token) {
        return "ws://127.0.0.1:" + port + "/api/v1/instructor/ws/instructor/" + id + (token == null ? "" : "?token=" + token);
    }

    @Test
    void refusesBadTokensAtTheHandshakeWith403() {
        String mine = tokens.issue("instructor@example.com");
        assertThat(WsTestClient.refused(url(me, "garbage"))).isEqualTo(new WsTestClient.Refusal(403, ""));
        assertThat(WsTestClient.refused(url(other, mine)).status()).isEqualTo(403);
        assertThat(WsTestClient.refused(url(me, null)).status()).isEqualTo(403);
        assertThat(WsTestClient.refused(url("abc", mine)).status()).isEqualTo(403);
        assertThat(WsTestClient.refused(url(3, tokens.issue("gone@example.com"))).status()).isEqualTo(403);
        assertThat(WsTestClient.refused(url(me, tokens.issue("nobody@example.com"))).status()).isEqualTo(403);
    }

    @Test
    void statusUpdatesWriteHistoryAndReachEveryInstructor() {
        try (WsTestClient a = WsTestClient.open(url(me, tokens.issue("instructor@example.com")));
             WsTestClient b = WsTestClient.open(url(other, tokens.issue("other@example.com")))) {
            JsonNode hello = a.nextJson(2000);
            assertThat(hello.get("type").asString()).isEqualTo("connection_success");
            assertThat(hello.get("instructor_id").asInt()).isEqualTo(me);
            assertThat(hello.get("message").asString()).isEqualTo("講師WebSocket接続が確立されました");
            b.nextJson(2000);

            a.sendJson(Map.of("type", "status_update", "status", "available"));
            a.nextJson(2000);
            a.nextJson(2000);
            b.nextJson(2000);
            a.send("{\"type\": \"status_update\", \"status\": \"in_session\", \"session_id\": null}");
            JsonNode updated = a.nextJson(2000);
            assertThat(updated.get("type").asString()).isEqualTo("status_updated");
            assertThat(updated.get("status").asString()).isEqualTo("in_session");
            assertThat(updated.get("session_id").isNull()).isTrue();
            assertThat(a.nextJson(2000).get("type").asString()).isEqualTo("instructor_status_changed");
            JsonNode changed = b.nextJson(2000);
            assertThat(changed.get("type").asString()).isEqualTo("instructor_status_changed");
            assertThat(changed.get("instructor_id").asInt()).isEqualTo(me);

            List<Map<String, Object>> history = jdbc.queryForList(
                    "SELECT status::text AS status, ended_at IS NOT NULL AS ended, duration_minutes FROM instructor_status_history WHERE instructor_id = ? ORDER BY id", me);
            assertThat(history).hasSize(2);
            assertThat(history.get(0)).containsEntry("status", "AVAILABLE").containsEntry("ended", true).containsEntry("duration_minutes", 0);
            assertThat(history.get(1)).containsEntry("status", "IN_SESSION").containsEntry("ended", false);
            assertThat(jdbc.queryForObject("SELECT status::text FROM instructors WHERE id = ?", String.class, me)).isEqualTo("IN_SESSION");
            assertThat(jdbc.queryForObject("SELECT last_login_at IS NOT NULL FROM instructors WHERE id = ?", Boolean.class, me)).isTrue();

            a.sendJson(Map.of("type", "status_update", "status", "sleeping"));
            assertThat(a.nextJson(2000).get("message").asString()).isEqualTo("Invalid status: sleeping");
            a.sendJson(Map.of("type", "status_update", "status", "break", "session_id", 999));
            assertThat(a.nextJson(2000).get("message").asString()).startsWith("Status update failed: ");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM instructor_status_history WHERE instructor_id = ?", Integer.class, me)).isEqualTo(2);

            a.sendJson(Map.of("type", "student_message", "student_id", "s@example.com", "message", "質問があります", "timestamp", "2025-04-14T10:05:00Z"));
            JsonNode received = a.nextJson(2000);
            assertThat(received.get("type").asString()).isEqualTo("student_message_received");
            assertThat(received.get("timestamp").asString()).isEqualTo("2025-04-14T10:05:00Z");
            assertThat(received.get("received_at").asString()).endsWith("+00:00");

            a.sendJson(Map.of("type", "instructor_to_instructor", "target_instructor_id", other, "message", "手伝って"));
            JsonNode forwarded = b.nextJson(2000);
            assertThat(forwarded.get("type").asString()).isEqualTo("instructor_message_received");
            assertThat(forwarded.get("from_instructor_id").asInt()).isEqualTo(me);
            assertThat(a.next(300)).isNull();

            a.sendJson(Map.of("type", "what_is_this"));
            assertThat(a.nextJson(2000).get("message").asString()).isEqualTo("Unknown message type: what_is_this");

            JsonNode status = new HttpTestClient(port).get("/api/v1/instructor/ws/instructor/status").json();
            assertThat(status.get("total_connections").asInt()).isEqualTo(2);
            assertThat(status.get("connected_instructors").get(String.valueOf(me)).get("email").asString()).isEqualTo("instructor@example.com");

            a.send("not json");
            Frame closed = a.next(2000);
            assertThat(closed.isClose()).isTrue();
            assertThat(closed.closeCode()).isEqualTo(4000);
            assertThat(closed.closeReason()).isEqualTo("Internal server error");
        }
    }

    @Test
    void aSecondSocketOfTheSameInstructorKeepsTheFirstAlive() {
        String token = tokens.issue("instructor@example.com");
        try (WsTestClient first = WsTestClient.open(url(me, token)); WsTestClient second = WsTestClient.open(url(me, token))) {
            first.nextJson(2000);
            second.nextJson(2000);
            first.sendJson(Map.of("type", "instructor_reply", "student_id", "x", "message", "今行きます"));
            assertThat(first.nextJson(2000).get("type").asString()).isEqualTo("reply_sent");
            assertThat(second.next(300)).isNull();
        }
    }
}
