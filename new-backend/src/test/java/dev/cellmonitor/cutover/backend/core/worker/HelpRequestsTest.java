package dev.cellmonitor.cutover.backend.core.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.cellmonitor.cutover.backend.core.events.RedisCapture;
import dev.cellmonitor.cutover.backend.redis.RedisNames;

/** {@code help} / {@code help_stop} (CONTRACT.md §7.3, §7.5) and the dashboard's help table. */
class HelpRequestsTest extends WorkerIntegrationTest {

    @Test
    void helpRaisesTheFlagRecordsTheRequestAndPublishesIt() {
        int mark = redis.mark();
        String help = """
                [{"eventId": "h1", "eventType": "help", "eventTime": "2026-11-28T23:43:41.145Z", "emailAddress": "help@example.com",
                  "userName": "助けて 太郎", "teamName": "チームH", "sessionId": "s1", "notebookPath": "n/a.ipynb", "cellId": "c7",
                  "cellIndex": 3}]""";
        assertThat(post("/api/v1/events", help).statusCode()).isEqualTo(202);

        Map<String, Object> student = jdbc.queryForMap("SELECT s.is_requesting_help, s.updated_at, s.name, t.team_name,"
                + " t.description FROM students s JOIN teams t ON t.id = s.team_id WHERE s.email = 'help@example.com'");
        assertThat(student).containsEntry("is_requesting_help", true).containsEntry("name", "助けて 太郎")
                .containsEntry("team_name", "チームH").containsEntry("description", "チームHの説明");
        assertThat(student.get("updated_at")).isNotNull();
        assertThat(helpEvents("help@example.com")).containsExactly(List.of("help", "worker", "2026-11-28 23:43:41.145"));

        List<RedisCapture.Message> requests = redis.awaitContaining(RedisNames.HELP_REQUESTS, mark, "help@example.com", 1,
                Duration.ofSeconds(5));
        assertThat(requests).hasSize(1);
        assertThat(requests.getFirst().raw()).isEqualTo("{\"type\": \"help_request\", \"emailAddress\": \"help@example.com\","
                + " \"userName\": \"\\u52a9\\u3051\\u3066 \\u592a\\u90ce\", \"teamName\": \"\\u30c1\\u30fc\\u30e0H\","
                + " \"notebookPath\": \"n/a.ipynb\", \"cellId\": \"c7\", \"timestamp\": \"2026-11-28T23:43:41.145Z\","
                + " \"priority\": \"urgent\"}");
        // help creates no session (only cell_executed and notebook_opened do)
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sessions s JOIN students st ON st.id = s.student_id"
                + " WHERE st.email = 'help@example.com'", Integer.class)).isZero();
    }

    @Test
    void helpStopClearsTheFlagAndTheLastEventOfABatchWins() {
        post("/api/v1/events", "[{\"eventType\": \"help\", \"emailAddress\": \"stop@example.com\"},"
                + " {\"eventType\": \"help_stop\", \"emailAddress\": \"stop@example.com\", \"eventTime\": \"not a time\"}]");
        assertThat(jdbc.queryForObject("SELECT is_requesting_help FROM students WHERE email = 'stop@example.com'", Boolean.class))
                .isFalse();
        assertThat(helpEvents("stop@example.com")).extracting(r -> r.get(0)).containsExactly("help", "help_stop");

        post("/api/v1/events", "[{\"eventType\": \"help_stop\", \"emailAddress\": \"stop@example.com\"},"
                + " {\"eventType\": \"help\", \"emailAddress\": \"stop@example.com\"}]");
        assertThat(jdbc.queryForObject("SELECT is_requesting_help FROM students WHERE email = 'stop@example.com'", Boolean.class))
                .isTrue();
    }

    @Test
    void errorOccurredAlertsAndIsForwardedAsAHelpRequestLikeTheRealtimeNotifier() {
        int mark = redis.mark();
        post("/api/v1/events", """
                [{"eventType": "error_occurred", "eventTime": "2025-04-14T10:01:10.000Z", "emailAddress": "err@example.com",
                  "notebookPath": "hw.ipynb", "cellId": "k", "cellIndex": 1, "errorMessage": "KeyError: 'age'"}]""");
        List<RedisCapture.Message> alerts = redis.awaitContaining(RedisNames.ERROR_ALERTS, mark, "err@example.com", 1,
                Duration.ofSeconds(5));
        assertThat(alerts.getFirst().raw()).isEqualTo("{\"type\": \"error_alert\", \"emailAddress\": \"err@example.com\","
                + " \"userName\": \"err@example.com\", \"teamName\": null, \"notebookPath\": \"hw.ipynb\", \"cellId\": \"k\","
                + " \"errorMessage\": \"KeyError: 'age'\", \"timestamp\": \"2025-04-14T10:01:10.000Z\", \"severity\": \"high\"}");
        List<RedisCapture.Message> help = redis.awaitContaining(RedisNames.HELP_REQUESTS, mark, "err@example.com", 1,
                Duration.ofSeconds(5));
        assertThat(help.getFirst().data().get("priority").stringValue()).isEqualTo("high");
        assertThat(help.getFirst().data().get("data").toString()).isEqualTo("{\"student_email\":\"err@example.com\","
                + "\"notebook_path\":\"hw.ipynb\",\"cell_index\":1,\"error_message\":\"KeyError: 'age'\",\"help_type\":\"general\"}");
    }

    private List<List<Object>> helpEvents(String email) {
        return jdbc.query("SELECT kind, source, (occurred_at AT TIME ZONE 'UTC')::text FROM cutover_help_events WHERE student_email = ? ORDER BY id",
                (rs, n) -> List.<Object>of(rs.getString(1), rs.getString(2), rs.getString(3)), email);
    }
}
