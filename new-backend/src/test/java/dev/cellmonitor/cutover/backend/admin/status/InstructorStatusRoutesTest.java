package dev.cellmonitor.cutover.backend.admin.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.cellmonitor.cutover.backend.admin.AdminApi;
import dev.cellmonitor.cutover.backend.admin.AdminApi.Response;
import dev.cellmonitor.cutover.backend.admin.auth.JwtTokens;
import dev.cellmonitor.cutover.backend.admin.auth.JwtTokensTest;
import dev.cellmonitor.cutover.backend.support.BackendIntegrationTest;
import dev.cellmonitor.cutover.backend.support.TokenDenyList;
import dev.cellmonitor.cutover.backend.web.ApiException;
import tools.jackson.databind.JsonNode;

@BackendIntegrationTest
@ExtendWith(TokenDenyList.class)
class InstructorStatusRoutesTest {



    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    InstructorStatusService statuses;
    @Autowired
    JwtTokens tokens;

    AdminApi api;
    String token;

    @BeforeEach
    void reset() {
        api = new AdminApi(port, dataSource);
        api.reset();
        // what a login does, without paying for bcrypt in every test (the login itself is tested below)
        statuses.changeStatus(1, InstructorStatus.AVAILABLE, null);
        token = tokens.issue("instructor@example.com");
    }

    @Test
    void recordsTheHistoryOfLoginInSessionBreakLogout() throws Exception {
        api.reset();
        token = api.login();
        // another client's token (a different exp: tokens issued in the same second are identical)
        String readerToken = JwtTokensTest.legacyToken("your-secret-key-here-change-in-production",
                "{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                "{\"sub\":\"instructor@example.com\",\"exp\":" + (java.time.Instant.now().getEpochSecond() + 100) + "}");
        put(1, "{\"status\":\"in_session\"}");
        put(1, "{\"status\":\"break\"}");
        assertThat(api.send("POST", "/api/v1/auth/logout", token, null, null).status()).isEqualTo(200);

        List<Map<String, Object>> rows = api.jdbc().queryForList("""
                SELECT status::text AS status, started_at, ended_at, duration_minutes
                  FROM instructor_status_history WHERE instructor_id = 1 ORDER BY started_at, id""");
        assertThat(rows).extracting(r -> r.get("status")).containsExactly("AVAILABLE", "IN_SESSION", "BREAK", "OFFLINE");
        for (int i = 0; i < 3; i++) {
            assertThat(rows.get(i).get("ended_at")).as("row %d closed when the next opened", i).isEqualTo(rows.get(i + 1).get("started_at"));
            assertThat(rows.get(i).get("duration_minutes")).isEqualTo(0);
        }
        assertThat(rows.get(3).get("ended_at")).isNull();
        assertThat(rows.get(3).get("duration_minutes")).isNull();
        Map<String, Object> instructor = api.jdbc().queryForMap(
                "SELECT status::text AS status, status_updated_at, last_login_at, current_session_id, updated_at FROM instructors WHERE id = 1");
        assertThat(instructor.get("status")).isEqualTo("OFFLINE");
        assertThat(instructor.get("status_updated_at")).isEqualTo(rows.get(3).get("started_at"));
        assertThat(instructor.get("last_login_at")).as("in_session counts as a login, offline does not")
                .isEqualTo(rows.get(1).get("started_at"));
        assertThat(instructor.get("updated_at")).isNotNull();

        JsonNode history = api.get("/api/v1/instructor_status/1/history", readerToken).json();
        assertThat(history).hasSize(4);
        assertThat(history.get(0).get("status").stringValue()).isEqualTo("offline");
        assertThat(history.get(3).get("status").stringValue()).isEqualTo("available");
        assertThat(history.get(0).get("session_id").isNull()).isTrue();
        assertThat(history.get(1).get("duration_minutes").intValue()).isZero();
        assertThat(history.get(1).get("ended_at").stringValue()).isEqualTo(history.get(0).get("started_at").stringValue());
    }

    @Test
    void countsWholeElapsedMinutes() {
        api.jdbc().update("UPDATE instructor_status_history SET started_at = started_at - interval '150 seconds' WHERE instructor_id = 1");
        put(1, "{\"status\":\"break\"}");
        assertThat(api.jdbc().queryForObject("SELECT duration_minutes FROM instructor_status_history WHERE status = 'AVAILABLE'",
                Integer.class)).isEqualTo(2);
    }

    @Test
    void answersGetAndPutInTheLegacyShape() {
        Response current = api.get("/api/v1/instructor_status/1", token);
        assertThat(current.text()).matches("\\{\"instructor_id\":1,\"status\":\"available\",\"current_session_id\":null,"
                + "\"status_updated_at\":\"[0-9T:.-]+Z\"}");
        Response updated = put(1, "{\"status\":\"in_session\",\"current_session_id\":null,\"ignored\":1}");
        assertThat(updated.json().get("status").stringValue()).isEqualTo("in_session");
        long session = createSession();
        Response withSession = put(1, "{\"status\":\"in_session\",\"current_session_id\":\"" + session + "\"}");
        assertThat(withSession.json().get("current_session_id").longValue()).isEqualTo(session);
    }

    @Test
    void refusesBadStatusesIdsAndUnknownInstructorsOrSessions() {
        Response invalid = put(1, "{\"status\":\"BREAK\"}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.text()).isEqualTo("{\"detail\":[{\"type\":\"enum\",\"loc\":[\"body\",\"status\"],"
                + "\"msg\":\"Input should be 'available', 'in_session', 'break' or 'offline'\",\"input\":\"BREAK\","
                + "\"ctx\":{\"expected\":\"'available', 'in_session', 'break' or 'offline'\"}}]}");
        Response both = api.json("PUT", "/api/v1/instructor_status/abc", token, "{}");
        assertThat(both.json().get("detail")).hasSize(2);
        assertThat(both.json().at("/detail/0/loc/0").stringValue()).isEqualTo("path");
        assertThat(both.json().at("/detail/1/loc/1").stringValue()).isEqualTo("status");
        assertThat(put(9999, "{\"status\":\"break\"}").text()).isEqualTo("{\"detail\":\"Instructor not found\"}");
        assertThat(api.get("/api/v1/instructor_status/9999", token).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/instructor_status/9999/history", token).text()).isEqualTo("{\"detail\":\"Instructor not found\"}");

        Response unknownSession = put(1, "{\"status\":\"in_session\",\"current_session_id\":424242}");
        assertThat(unknownSession.status()).isEqualTo(404);
        assertThat(unknownSession.text()).isEqualTo("{\"detail\":\"Session not found\"}");
        assertThat(statusOf(1)).as("nothing written").isEqualTo("AVAILABLE");
        assertThat(api.get("/api/v1/instructor_status/1/history?limit=0", token).status()).isEqualTo(422);
        assertThat(api.get("/api/v1/instructor_status/1", null).status()).isEqualTo(403);
    }

    @Test
    void pagesTheHistoryNewestFirst() {
        put(1, "{\"status\":\"break\"}");
        put(1, "{\"status\":\"available\"}");
        JsonNode page = api.get("/api/v1/instructor_status/1/history?skip=1&limit=1", token).json();
        assertThat(page).hasSize(1);
        assertThat(page.get(0).get("status").stringValue()).isEqualTo("break");
    }

    @Test
    void appliesBulkItemsOneByOneWithoutPoisoningTheRest() {
        createInstructor("second@example.com");
        Response r = api.json("POST", "/api/v1/instructor_status/bulk", token, """
                {"updates": [{"instructor_id": 1, "status": "break"},
                             {"instructor_id": 9999, "status": "available"},
                             {"instructor_id": 2, "status": "lunch"},
                             {"instructor_id": 2, "status": "in_session", "current_session_id": 777},
                             {"instructor_id": 2, "status": "available"},
                             "oops",
                             {"status": "available"},
                             {"instructor_id": 2, "status": "available", "current_session_id": "x"}]}""");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("{\"updated_count\":2,\"results\":["
                + "{\"instructor_id\":1,\"status\":\"break\",\"current_session_id\":null,\"success\":true},"
                + "{\"instructor_id\":9999,\"success\":false,\"error\":\"Instructor not found\"},"
                + "{\"instructor_id\":2,\"success\":false,\"error\":\"'lunch' is not a valid InstructorStatus\"},"
                + "{\"instructor_id\":2,\"success\":false,\"error\":\"Session not found\"},"
                + "{\"instructor_id\":2,\"status\":\"available\",\"current_session_id\":null,\"success\":true},"
                + "{\"instructor_id\":2,\"success\":false,\"error\":\"'str' object has no attribute 'get'\"},"
                + "{\"instructor_id\":null,\"success\":false,\"error\":\"Instructor not found\"},"
                + "{\"instructor_id\":2,\"success\":false,\"error\":\"1 validation error for InstructorStatusUpdate\\ncurrent_session_id\\n"
                + "  Input should be a valid integer, unable to parse string as an integer [type=int_parsing, input_value='x', input_type=str]\\n"
                + "    For further information visit https://errors.pydantic.dev/2.6/v/int_parsing\"}]}");
        assertThat(statusOf(1)).isEqualTo("BREAK");
        assertThat(statusOf(2)).isEqualTo("AVAILABLE");
    }

    @Test
    void refusesEmptyOrMalformedBulkBodies() {
        for (String body : List.of("{\"updates\": []}", "{}", "{\"updates\": null}", "{\"updates\": 0}")) {
            Response r = api.json("POST", "/api/v1/instructor_status/bulk", token, body);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.text()).isEqualTo("{\"detail\":\"No updates provided\"}");
        }
        Response notAList = api.json("POST", "/api/v1/instructor_status/bulk", token, "{\"updates\": \"abc\"}");
        assertThat(notAList.status()).isEqualTo(422);
        assertThat(notAList.json().at("/detail/0/type").stringValue()).isEqualTo("list_type");
        Response notAnObject = api.json("POST", "/api/v1/instructor_status/bulk", token, "[1]");
        assertThat(notAnObject.status()).isEqualTo(422);
        assertThat(notAnObject.json().at("/detail/0/type").stringValue()).isEqualTo("dict_type");
    }

    @Test
    void keepsExactlyOneOpenHistoryRowUnderConcurrentChanges() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<StatusSnapshot>> futures = new ArrayList<>();
        InstructorStatus[] cycle = InstructorStatus.values();
        for (int i = 0; i < 30; i++) {
            InstructorStatus status = cycle[i % cycle.length];
            futures.add(pool.submit(() -> statuses.changeStatus(1, status, null)));
        }
        for (Future<StatusSnapshot> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertThat(api.jdbc().queryForObject("SELECT count(*) FROM instructor_status_history WHERE instructor_id = 1 AND ended_at IS NULL",
                Integer.class)).isEqualTo(1);
        assertThat(api.jdbc().queryForObject("SELECT count(*) FROM instructor_status_history WHERE instructor_id = 1",
                Integer.class)).isEqualTo(31);
    }

    @Test
    void theServiceReportsUnknownInstructorsAndSessionsWithoutWriting() {
        try {
            statuses.changeStatus(4242, InstructorStatus.BREAK, null);
            throw new AssertionError("expected a 404");
        } catch (ApiException e) {
            assertThat(e.detail()).isEqualTo("Instructor not found");
        }
        try {
            statuses.changeStatus(1, InstructorStatus.BREAK, 4242);
            throw new AssertionError("expected a 404");
        } catch (ApiException e) {
            assertThat(e.detail()).isEqualTo("Session not found");
        }
        assertThat(api.jdbc().queryForObject("SELECT count(*) FROM instructor_status_history", Integer.class)).isEqualTo(1);
    }

    private Response put(int id, String body) {
        return api.json("PUT", "/api/v1/instructor_status/" + id, token, body);
    }

    private String statusOf(int id) {
        return api.jdbc().queryForObject("SELECT status::text FROM instructors WHERE id = ?", String.class, id);
    }

    private void createInstructor(String email) {
        Response r = api.json("POST", "/api/v1/instructors/", token,
                "{\"email\":\"" + email + "\",\"name\":\"Second\",\"password\":\"pw\"}");
        assertThat(r.status()).isEqualTo(201);
    }

    private long createSession() {
        Long student = api.jdbc().queryForObject("INSERT INTO students (email, is_requesting_help) VALUES ('s@example.com', false) RETURNING id", Long.class);
        return api.jdbc().queryForObject("INSERT INTO sessions (session_id, student_id, is_active) VALUES ('sess-1', ?, true) RETURNING id",
                Long.class, student);
    }
}
