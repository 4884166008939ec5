package dev.cellmonitor.cutover.backend.lms.assignments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cellmonitor.cutover.backend.lms.LmsIntegrationTest;
import dev.cellmonitor.cutover.backend.lms.LmsHttp.Reply;
import dev.cellmonitor.cutover.backend.support.BackendIntegrationTest;

@BackendIntegrationTest
class AssignmentsControllerTest extends LmsIntegrationTest {

    static final String Z = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{6})?Z";

    @BeforeEach
    void setUp() {
        jdbc.execute("TRUNCATE classes, class_assignments, assignment_submissions, notebooks, students RESTART IDENTITY CASCADE");
        jdbc.update("INSERT INTO classes (class_code, name, is_active) VALUES ('C1', 'one', true), ('C2', 'two', true)");
        jdbc.update("INSERT INTO notebooks (path, name) VALUES ('w1.ipynb', 'w1.ipynb')");
    }

    Reply create(String json) {
        return http.postJson("/api/v1/assignments/", json);
    }

    @Test
    void createsWithDueDateConvertedToUtcAndPointsAsFloat() {
        Reply reply = create("{\"class_id\":1,\"notebook_id\":1,\"title\":\"第1回課題\",\"description\":\"DataFrame\","
                + "\"due_date\":\"2025-04-21T23:59:00+09:00\",\"points\":100}");
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.text()).matches(Pattern.quote("{\"class_id\":1,\"notebook_id\":1,\"title\":\"第1回課題\",\"description\":\"DataFrame\","
                + "\"due_date\":\"2025-04-21T14:59:00Z\",\"points\":100.0,\"id\":1,\"created_at\":\"") + Z
                + Pattern.quote("\",\"updated_at\":null}"));
    }

    @Test
    void readsDueDatesTheWayPydanticDoes() {
        assertThat(dueDate("\"2025-05-01T12:00:00\"")).isEqualTo("2025-05-01T12:00:00Z");
        assertThat(dueDate("\"2025-05-01 12:00\"")).isEqualTo("2025-05-01T12:00:00Z");
        assertThat(dueDate("\"2025-05-01T12:00:00.1234567-0130\"")).isEqualTo("2025-05-01T13:30:00.123456Z");
        assertThat(dueDate("\"2025-05-01\"")).isEqualTo("2025-05-01T00:00:00Z");
        assertThat(dueDate("1746100800")).isEqualTo("2025-05-01T12:00:00Z");
        assertThat(dueDate("1746100800500")).isEqualTo("2025-05-01T12:00:00.500000Z");
        assertThat(dueDate("null")).isEqualTo("null");

        Reply bad = create("{\"class_id\":1,\"notebook_id\":1,\"title\":\"t\",\"due_date\":\"next week\"}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("detail").get(0).get("type").asString()).isEqualTo("datetime_from_date_parsing");
        assertThat(bad.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"body\",\"due_date\"]");
        assertThat(create("{\"class_id\":1,\"notebook_id\":1,\"title\":\"t\",\"due_date\":\"2025-13-01T00:00:00\"}").status())
                .isEqualTo(422);
        assertThat(create("{\"class_id\":1,\"notebook_id\":1,\"title\":\"t\",\"due_date\":true}").json()
                .get("detail").get(0).get("type").asString()).isEqualTo("datetime_type");
    }

    private String dueDate(String json) {
        Reply reply = create("{\"class_id\":1,\"notebook_id\":1,\"title\":\"t\",\"due_date\":" + json + "}");
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json().get("due_date").isNull() ? "null" : reply.json().get("due_date").asString();
    }

    @Test
    void unknownReferencesAreClientErrorsNamingTheMissingRow() {
        Reply noClass = create("{\"class_id\":99999,\"notebook_id\":1,\"title\":\"x\"}");
        assertThat(noClass.status()).isEqualTo(400);
        assertThat(noClass.text()).isEqualTo("{\"detail\":\"Class with id 99999 not found\"}");
        assertThat(create("{\"class_id\":1,\"notebook_id\":7,\"title\":\"x\"}").text())
                .isEqualTo("{\"detail\":\"Notebook with id 7 not found\"}");
        assertThat(create("{\"class_id\":99999999999999999999999,\"notebook_id\":1,\"title\":\"x\"}").text())
                .isEqualTo("{\"detail\":\"Class with id 99999999999999999999999 not found\"}");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM class_assignments", Long.class)).isZero();
    }

    @Test
    void reportsMissingAndMistypedFields() {
        assertThat(create("{\"class_id\":1,\"notebook_id\":1}").text()).isEqualTo(
                "{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"title\"],\"msg\":\"Field required\",\"input\":{\"class_id\":1,\"notebook_id\":1}}]}");
        Reply infinite = create("{\"class_id\":1,\"notebook_id\":1,\"title\":\"t\",\"points\":1e400}");
        assertThat(infinite.status()).isEqualTo(422);
        assertThat(infinite.json().get("detail").get(0).get("type").asString()).isEqualTo("finite_number");
    }

    @Test
    void getsListsAndFiltersByClass() {
        long first = create("{\"class_id\":1,\"notebook_id\":1,\"title\":\"a\"}").json().get("id").asLong();
        create("{\"class_id\":2,\"notebook_id\":1,\"title\":\"b\"}");
        assertThat(http.get("/api/v1/assignments/" + first).json().get("title").asString()).isEqualTo("a");
        assertThat(http.get("/api/v1/assignments/99999").text()).isEqualTo("{\"detail\":\"Assignment with id 99999 not found\"}");
        assertThat(http.get("/api/v1/assignments/x").status()).isEqualTo(422);
        assertThat(http.get("/api/v1/assignments/").json().size()).isEqualTo(2);
        assertThat(http.get("/api/v1/assignments").json().size()).isEqualTo(2);
        assertThat(http.get("/api/v1/assignments/?class_id=1").json().size()).isEqualTo(1);
        assertThat(http.get("/api/v1/assignments/?class_id=1").json().get(0).get("title").asString()).isEqualTo("a");
        assertThat(http.get("/api/v1/assignments/?class_id=0").text()).isEqualTo("[]");
        assertThat(http.get("/api/v1/assignments/?skip=1&limit=5").json().size()).isEqualTo(1);
        assertThat(http.get("/api/v1/assignments/?class_id=one").json().get("detail").get(0).get("loc").toString())
                .isEqualTo("[\"query\",\"class_id\"]");
        assertThat(http.get("/api/v1/assignments/?limit=-1").status()).isEqualTo(422);
    }

    @Test
    void updatesPresentKeysAndMovesUpdatedAtOnlyOnChange() {
        long id = create("{\"class_id\":1,\"notebook_id\":1,\"title\":\"a\",\"points\":10,\"due_date\":\"2025-05-01T00:00:00Z\"}")
                .json().get("id").asLong();
        Reply same = http.putJson("/api/v1/assignments/" + id, "{\"points\":10.0,\"due_date\":\"2025-05-01T09:00:00+09:00\"}");
        assertThat(same.json().get("updated_at").isNull()).isTrue();

        Reply naiveSame = http.putJson("/api/v1/assignments/" + id, "{\"due_date\":\"2025-05-01T00:00:00\"}");
        assertThat(naiveSame.json().get("updated_at").asString()).matches(Z);

        Reply changed = http.putJson("/api/v1/assignments/" + id, "{\"points\":120.5,\"due_date\":\"2025-04-28T23:59:00Z\",\"description\":null}");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("points").asDouble()).isEqualTo(120.5);
        assertThat(changed.json().get("due_date").asString()).isEqualTo("2025-04-28T23:59:00Z");
        assertThat(changed.json().get("title").asString()).isEqualTo("a");

        assertThat(http.putJson("/api/v1/assignments/" + id, "{\"title\":null}").status()).isEqualTo(422);
        assertThat(http.putJson("/api/v1/assignments/" + id, "{\"class_id\":42}").text())
                .isEqualTo("{\"detail\":\"Class with id 42 not found\"}");
        assertThat(http.putJson("/api/v1/assignments/" + id, "{\"class_id\":2}").json().get("class_id").asLong()).isEqualTo(2);
        assertThat(http.putJson("/api/v1/assignments/99999", "{\"title\":\"x\"}").text())
                .isEqualTo("{\"detail\":\"Assignment with id 99999 not found\"}");
    }

    @Test
    void deletesOrRefusesWhileSubmissionsExist() {
        long id = create("{\"class_id\":1,\"notebook_id\":1,\"title\":\"a\"}").json().get("id").asLong();
        jdbc.update("INSERT INTO students (email, is_requesting_help) VALUES ('s@example.com', false)");
        jdbc.update("INSERT INTO assignment_submissions (assignment_id, student_id) VALUES (?, 1)", id);
        Reply refused = http.delete("/api/v1/assignments/" + id);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text()).isEqualTo("{\"detail\":\"Assignment with id " + id + " still has submissions\"}");

        jdbc.update("DELETE FROM assignment_submissions");
        Reply deleted = http.delete("/api/v1/assignments/" + id);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("title").asString()).isEqualTo("a");
        assertThat(http.delete("/api/v1/assignments/" + id).status()).isEqualTo(404);
    }

    @Test
    void readsRowsWrittenWithOnlyTheLegacySchemaDefaults() {
        jdbc.update("INSERT INTO class_assignments (class_id, notebook_id, title, due_date) VALUES (1, 1, 'raw', '2025-01-01 10:00:00+09')");
        assertThat(http.get("/api/v1/assignments/1").text()).matches(Pattern.quote(
                "{\"class_id\":1,\"notebook_id\":1,\"title\":\"raw\",\"description\":null,\"due_date\":\"2025-01-01T01:00:00Z\",\"points\":null,\"id\":1,\"created_at\":\"")
                + Z + Pattern.quote("\",\"updated_at\":null}"));
    }
}
