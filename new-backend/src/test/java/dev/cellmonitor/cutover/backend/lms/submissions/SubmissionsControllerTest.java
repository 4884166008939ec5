package dev.cellmonitor.cutover.backend.lms.submissions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cellmonitor.cutover.backend.lms.LmsIntegrationTest;
import dev.cellmonitor.cutover.backend.lms.LmsHttp.Reply;
import dev.cellmonitor.cutover.backend.support.BackendIntegrationTest;

@BackendIntegrationTest
class SubmissionsControllerTest extends LmsIntegrationTest {

    static final String Z = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{6})?Z";

    @BeforeEach
    void setUp() {
        jdbc.execute("TRUNCATE classes, class_assignments, assignment_submissions, notebooks, students RESTART IDENTITY CASCADE");
        jdbc.update("INSERT INTO classes (class_code, name, is_active) VALUES ('C1', 'one', true)");
        jdbc.update("INSERT INTO notebooks (path, name) VALUES ('w1.ipynb', 'w1.ipynb')");
        jdbc.update("INSERT INTO class_assignments (class_id, notebook_id, title) VALUES (1, 1, 'a1'), (1, 1, 'a2')");
        jdbc.update("INSERT INTO students (email, is_requesting_help) VALUES ('s1@example.com', false), ('s2@example.com', false)");
    }

    Reply create(String json) {
        return http.postJson("/api/v1/submissions/", json);
    }

    @Test
    void createsWithTheDefaultStatusEvenForAnExplicitNull() {
        Reply reply = create("{\"assignment_id\":1,\"student_id\":1}");
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.text()).matches(Pattern.quote(
                "{\"assignment_id\":1,\"student_id\":1,\"status\":\"submitted\",\"grade\":null,\"feedback\":null,\"id\":1,\"submitted_at\":\"")
                + Z + "\"}");
        assertThat(create("{\"assignment_id\":1,\"student_id\":2,\"status\":null}").json().get("status").asString())
                .isEqualTo("submitted");
        Reply graded = create("{\"assignment_id\":2,\"student_id\":2,\"status\":\"late\",\"grade\":88,\"feedback\":\"よくできました\"}");
        assertThat(graded.text()).contains("\"status\":\"late\",\"grade\":88.0,\"feedback\":\"よくできました\"");
    }

    @Test
    void unknownReferencesAreClientErrors() {
        assertThat(create("{\"assignment_id\":1,\"student_id\":999}").text())
                .isEqualTo("{\"detail\":\"Student with id 999 not found\"}");
        assertThat(create("{\"assignment_id\":42,\"student_id\":1}").text())
                .isEqualTo("{\"detail\":\"Assignment with id 42 not found\"}");
        assertThat(create("{\"assignment_id\":\"first\",\"student_id\":1}").text()).isEqualTo(
                "{\"detail\":[{\"type\":\"int_parsing\",\"loc\":[\"body\",\"assignment_id\"],\"msg\":\"Input should be a valid integer, unable to parse string as an integer\",\"input\":\"first\"}]}");
    }

    @Test
    void listsWithExactFilters() {
        create("{\"assignment_id\":1,\"student_id\":1}");
        create("{\"assignment_id\":1,\"student_id\":2}");
        create("{\"assignment_id\":2,\"student_id\":2}");
        assertThat(http.get("/api/v1/submissions/").json().size()).isEqualTo(3);
        assertThat(http.get("/api/v1/submissions").json().size()).isEqualTo(3);
        assertThat(http.get("/api/v1/submissions/?assignment_id=1").json().size()).isEqualTo(2);
        assertThat(http.get("/api/v1/submissions/?student_id=2").json().size()).isEqualTo(2);
        assertThat(http.get("/api/v1/submissions/?student_id=2&assignment_id=2").json().size()).isEqualTo(1);
        assertThat(http.get("/api/v1/submissions/?skip=2&limit=3").json().size()).isEqualTo(1);
        assertThat(http.get("/api/v1/submissions/?student_id=x").status()).isEqualTo(422);
    }

    @Test
    void gradesWithAPartialUpdate() {
        long id = create("{\"assignment_id\":1,\"student_id\":1}").json().get("id").asLong();
        Reply graded = http.putJson("/api/v1/submissions/" + id, "{\"grade\":92.5,\"status\":\"graded\",\"feedback\":\"Good\"}");
        assertThat(graded.status()).isEqualTo(200);
        assertThat(graded.text()).matches(Pattern.quote("{\"assignment_id\":1,\"student_id\":1,\"status\":\"graded\",\"grade\":92.5,\"feedback\":\"Good\",\"id\":" + id
                + ",\"submitted_at\":\"") + Z + "\"}");
        assertThat(http.putJson("/api/v1/submissions/" + id, "{\"status\":null}").json().get("status").isNull()).isTrue();
        assertThat(http.putJson("/api/v1/submissions/" + id, "{\"student_id\":null}").status()).isEqualTo(422);
        assertThat(http.putJson("/api/v1/submissions/" + id, "{\"student_id\":7}").text())
                .isEqualTo("{\"detail\":\"Student with id 7 not found\"}");
        assertThat(http.putJson("/api/v1/submissions/99999", "{\"grade\":1}").text())
                .isEqualTo("{\"detail\":\"Submission with id 99999 not found\"}");
    }

    @Test
    void deletesAndAnswersTheDeletedRow() {
        long id = create("{\"assignment_id\":1,\"student_id\":1,\"grade\":5}").json().get("id").asLong();
        Reply deleted = http.delete("/api/v1/submissions/" + id);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("grade").asDouble()).isEqualTo(5.0);
        assertThat(http.delete("/api/v1/submissions/" + id).text())
                .isEqualTo("{\"detail\":\"Submission with id " + id + " not found\"}");
        assertThat(http.get("/api/v1/submissions/" + id).status()).isEqualTo(404);
    }

    @Test
    void readsRowsWrittenWithOnlyTheLegacySchemaDefaults() {
        jdbc.update("INSERT INTO assignment_submissions (assignment_id, student_id) VALUES (1, 1)");
        assertThat(http.get("/api/v1/submissions/1").text()).matches(Pattern.quote(
                "{\"assignment_id\":1,\"student_id\":1,\"status\":null,\"grade\":null,\"feedback\":null,\"id\":1,\"submitted_at\":\"")
                + Z + "\"}");
    }
}
