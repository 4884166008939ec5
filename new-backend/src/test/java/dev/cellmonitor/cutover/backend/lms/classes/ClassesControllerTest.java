package dev.cellmonitor.cutover.backend.lms.classes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cellmonitor.cutover.backend.lms.LmsIntegrationTest;
import dev.cellmonitor.cutover.backend.lms.LmsHttp.Reply;
import dev.cellmonitor.cutover.backend.support.BackendIntegrationTest;

@BackendIntegrationTest
class ClassesControllerTest extends LmsIntegrationTest {

    /** Z-time: microseconds only when not zero, always six digits then. */
    static final String Z = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{6})?Z";

    @BeforeEach
    void setUp() {
        jdbc.execute("TRUNCATE classes, class_assignments, assignment_submissions, notebooks RESTART IDENTITY CASCADE");
    }

    long create(String code) {
        Reply reply = http.postJson("/api/v1/classes/", "{\"name\":\"n-" + code + "\",\"class_code\":\"" + code + "\"}");
        assertThat(reply.status()).isEqualTo(201);
        return reply.json().get("id").asLong();
    }

    @Test
    void createsAClassWith201AndTheLegacyKeyOrder() {
        Reply reply = http.postJson("/api/v1/classes/",
                "{\"name\":\"Python入門\",\"class_code\":\"PY101\",\"description\":\"月曜2限\",\"is_active\":false,\"x\":1}");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.contentType()).isEqualTo("application/json");
        assertThat(reply.text()).matches(Pattern.quote(
                "{\"name\":\"Python入門\",\"class_code\":\"PY101\",\"description\":\"月曜2限\",\"id\":1,\"is_active\":true,\"created_at\":\"")
                + Z + Pattern.quote("\",\"updated_at\":null}"));
    }

    @Test
    void refusesADuplicateCodeWithTheLegacyText() {
        create("DUP");
        Reply reply = http.postJson("/api/v1/classes/", "{\"name\":\"again\",\"class_code\":\"DUP\"}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text()).isEqualTo("{\"detail\":\"Class with code 'DUP' already exists\"}");
    }

    @Test
    void reportsBodyProblemsLikePydantic() {
        assertThat(http.postJson("/api/v1/classes/", "{\"name\":\"Py\"}").text()).isEqualTo(
                "{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"class_code\"],\"msg\":\"Field required\",\"input\":{\"name\":\"Py\"}}]}");
        assertThat(http.postJson("/api/v1/classes/", "{\"name\":1,\"class_code\":\"C\"}").text()).isEqualTo(
                "{\"detail\":[{\"type\":\"string_type\",\"loc\":[\"body\",\"name\"],\"msg\":\"Input should be a valid string\",\"input\":1}]}");
        assertThat(http.send("POST", "/api/v1/classes/", null, null).text()).isEqualTo(
                "{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\"],\"msg\":\"Field required\",\"input\":null}]}");
        assertThat(http.postJson("/api/v1/classes/", "[1]").text()).isEqualTo(
                "{\"detail\":[{\"type\":\"model_attributes_type\",\"loc\":[\"body\"],\"msg\":\"Input should be a valid dictionary or object to extract fields from\",\"input\":[1]}]}");
        Reply malformed = http.postJson("/api/v1/classes/", "{\"name\": ");
        assertThat(malformed.status()).isEqualTo(422);
        assertThat(malformed.json().get("detail").get(0).get("type").asString()).isEqualTo("json_invalid");
    }

    @Test
    void createExistsOnlyAtTheTrailingSlashPath() {
        Reply reply = http.postJson("/api/v1/classes", "{\"name\":\"x\",\"class_code\":\"X\"}");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.text()).isEqualTo("Not Found");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM classes", Long.class)).isZero();
    }

    @Test
    void getsOneClassOr404Or422() {
        long id = create("G1");
        assertThat(http.get("/api/v1/classes/" + id).json().get("class_code").asString()).isEqualTo("G1");
        assertThat(http.get("/api/v1/classes/00" + id + ".0").json().get("id").asLong()).isEqualTo(id);
        Reply unknown = http.get("/api/v1/classes/99999");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text()).isEqualTo("{\"detail\":\"Class with id 99999 not found\"}");
        assertThat(http.get("/api/v1/classes/99999999999999999999").text())
                .isEqualTo("{\"detail\":\"Class with id 99999999999999999999 not found\"}");
        assertThat(http.get("/api/v1/classes/abc").text()).isEqualTo(
                "{\"detail\":[{\"type\":\"int_parsing\",\"loc\":[\"path\",\"class_id\"],\"msg\":\"Input should be a valid integer, unable to parse string as an integer\",\"input\":\"abc\"}]}");
    }

    @Test
    void listsWithSkipAndLimitAtBothPaths() {
        create("L1");
        create("L2");
        create("L3");
        assertThat(http.get("/api/v1/classes/").json().size()).isEqualTo(3);
        assertThat(http.get("/api/v1/classes").json().size()).isEqualTo(3);
        assertThat(http.get("/api/v1/classes/?skip=2").json().size()).isEqualTo(1);
        assertThat(http.get("/api/v1/classes/?skip=1&limit=1").json().size()).isEqualTo(1);
        assertThat(http.get("/api/v1/classes/?limit=0").text()).isEqualTo("[]");
        assertThat(http.get("/api/v1/classes/?limit=5&limit=1").json().size()).isEqualTo(1);
    }

    @Test
    void refusesNegativeOrMalformedPagingInsteadOfFailingInTheDatabase() {
        Reply negative = http.get("/api/v1/classes/?skip=-1&limit=-5");
        assertThat(negative.status()).isEqualTo(422);
        assertThat(negative.text()).isEqualTo("{\"detail\":["
                + "{\"type\":\"greater_than_equal\",\"loc\":[\"query\",\"skip\"],\"msg\":\"Input should be greater than or equal to 0\",\"input\":\"-1\",\"ctx\":{\"ge\":0}},"
                + "{\"type\":\"greater_than_equal\",\"loc\":[\"query\",\"limit\"],\"msg\":\"Input should be greater than or equal to 0\",\"input\":\"-5\",\"ctx\":{\"ge\":0}}]}");
        assertThat(http.get("/api/v1/classes/?limit=ten").json().get("detail").get(0).get("type").asString())
                .isEqualTo("int_parsing");
    }

    @Test
    void updatesOnlyThePresentKeysAndStampsUpdatedAt() {
        long id = create("U1");
        Reply reply = http.putJson("/api/v1/classes/" + id, "{\"description\":\"木曜3限\",\"is_active\":false}");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text()).matches(Pattern.quote("{\"name\":\"n-U1\",\"class_code\":\"U1\",\"description\":\"木曜3限\",\"id\":" + id
                + ",\"is_active\":false,\"created_at\":\"") + Z + "\",\"updated_at\":\"" + Z + "\"}");

        Reply cleared = http.putJson("/api/v1/classes/" + id, "{\"description\":null}");
        assertThat(cleared.json().get("description").isNull()).isTrue();
        assertThat(cleared.json().get("name").asString()).isEqualTo("n-U1");
    }

    @Test
    void leavesUpdatedAtAloneWhenNothingChanges() {
        long id = create("SAME");
        Reply reply = http.putJson("/api/v1/classes/" + id, "{\"name\":\"n-SAME\",\"is_active\":true}");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("updated_at").isNull()).isTrue();
        assertThat(http.putJson("/api/v1/classes/" + id, "{}").json().get("updated_at").isNull()).isTrue();
    }

    @Test
    void refusesNullForRequiredColumnsAndDuplicateCodesOnUpdate() {
        long id = create("N1");
        create("N2");
        Reply nulls = http.putJson("/api/v1/classes/" + id, "{\"name\":null,\"is_active\":null}");
        assertThat(nulls.status()).isEqualTo(422);
        assertThat(nulls.text()).isEqualTo("{\"detail\":["
                + "{\"type\":\"string_type\",\"loc\":[\"body\",\"name\"],\"msg\":\"Input should be a valid string\",\"input\":null},"
                + "{\"type\":\"bool_type\",\"loc\":[\"body\",\"is_active\"],\"msg\":\"Input should be a valid boolean\",\"input\":null}]}");
        Reply duplicate = http.putJson("/api/v1/classes/" + id, "{\"class_code\":\"N2\"}");
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.text()).isEqualTo("{\"detail\":\"Class with code 'N2' already exists\"}");
        assertThat(http.get("/api/v1/classes/" + id).json().get("class_code").asString()).isEqualTo("N1");
    }

    @Test
    void updateReportsPathAndBodyErrorsTogetherAndUnknownIds() {
        Reply both = http.putJson("/api/v1/classes/x", "{\"name\":5}");
        assertThat(both.json().get("detail").size()).isEqualTo(2);
        assertThat(both.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"path\",\"class_id\"]");
        assertThat(both.json().get("detail").get(1).get("loc").toString()).isEqualTo("[\"body\",\"name\"]");
        Reply unknown = http.putJson("/api/v1/classes/99999", "{\"name\":\"x\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text()).isEqualTo("{\"detail\":\"Class with id 99999 not found\"}");
    }

    @Test
    void deleteAnswersTheDeletedRowThen404() {
        long id = create("D1");
        Reply deleted = http.delete("/api/v1/classes/" + id);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("class_code").asString()).isEqualTo("D1");
        assertThat(http.delete("/api/v1/classes/" + id).text()).isEqualTo("{\"detail\":\"Class with id " + id + " not found\"}");
    }

    @Test
    void deletingAClassWithAssignmentsIsAConflictNotA500() {
        long id = create("P1");
        jdbc.update("INSERT INTO notebooks (path, name) VALUES ('a/b.ipynb', 'b.ipynb')");
        jdbc.update("INSERT INTO class_assignments (class_id, notebook_id, title) VALUES (?, 1, 't')", id);
        Reply reply = http.delete("/api/v1/classes/" + id);
        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.text()).isEqualTo("{\"detail\":\"Class with id " + id + " still has assignments\"}");
        assertThat(http.get("/api/v1/classes/" + id).status()).isEqualTo(200);
    }

    @Test
    void readsRowsWrittenWithOnlyTheLegacySchemaDefaults() {
        jdbc.update("INSERT INTO classes (class_code, name) VALUES ('RAW', 'raw')");
        Reply reply = http.get("/api/v1/classes/1");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text()).matches(Pattern.quote(
                "{\"name\":\"raw\",\"class_code\":\"RAW\",\"description\":null,\"id\":1,\"is_active\":true,\"created_at\":\"")
                + Z + Pattern.quote("\",\"updated_at\":null}"));
    }
}
