package dev.cellmonitor.cutover.backend.admin.instructors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.cellmonitor.cutover.backend.admin.AdminApi;
import dev.cellmonitor.cutover.backend.admin.AdminApi.Response;
import dev.cellmonitor.cutover.backend.admin.auth.JwtTokens;
import dev.cellmonitor.cutover.backend.support.BackendIntegrationTest;
import dev.cellmonitor.cutover.backend.support.TokenDenyList;
import tools.jackson.databind.JsonNode;

@BackendIntegrationTest
@ExtendWith(TokenDenyList.class)
class InstructorRoutesTest {



    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    JwtTokens tokens;

    AdminApi api;
    String token;

    @BeforeEach
    void reset() {
        api = new AdminApi(port, dataSource);
        api.reset();
        token = tokens.issue(TestInstructorSeed.EMAIL);
    }

    @Test
    void createsAnOfflineActiveInstructorWithAPasslibHashAndNoHistory() {
        Response r = create("{\"email\":\"hanako.sato@EXAMPLE.com\",\"name\":\"佐藤 花子\",\"role\":\"assistant\",\"password\":\"hanako-pass-1\"}");

        assertThat(r.status()).isEqualTo(201);
        JsonNode body = r.json();
        assertThat(body.get("email").stringValue()).isEqualTo("hanako.sato@example.com");
        assertThat(body.get("id").intValue()).isEqualTo(2);
        assertThat(body.get("status").stringValue()).isEqualTo("offline");
        assertThat(body.get("is_active").booleanValue()).isTrue();
        assertThat(body.get("last_login_at").isNull()).isTrue();
        assertThat(body.get("updated_at").isNull()).isTrue();
        assertThat(body.get("created_at").stringValue()).isEqualTo(body.get("status_updated_at").stringValue());
        assertThat(api.jdbc().queryForObject("SELECT password_hash FROM instructors WHERE id = 2", String.class)).startsWith("$2b$12$");
        assertThat(api.jdbc().queryForObject("SELECT count(*) FROM instructor_status_history", Integer.class)).isZero();
        api.login("hanako.sato@example.com", "hanako-pass-1");
    }

    @Test
    void defaultsTheRoleAndRefusesDuplicateAndInvalidEmails() {
        Response noRole = create("{\"email\":\"a@example.com\",\"name\":\"A\",\"password\":\"x\"}");
        assertThat(noRole.json().get("role").stringValue()).isEqualTo("instructor");
        Response nullRole = create("{\"email\":\"b@example.com\",\"name\":\"B\",\"role\":null,\"password\":\"x\"}");
        assertThat(nullRole.json().get("role").stringValue()).isEqualTo("instructor");

        Response duplicate = create("{\"email\":\"a@example.com\",\"name\":\"dup\",\"password\":\"x\"}");
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.text()).isEqualTo("{\"detail\":\"Email already registered\"}");
        Response invalid = create("{\"email\":\"bad@\",\"name\":\"bad\",\"password\":\"x\"}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().at("/detail/0/msg").stringValue())
                .isEqualTo("value is not a valid email address: There must be something after the @-sign.");
        Response missing = create("{\"name\":5}");
        assertThat(missing.json().get("detail")).extracting(e -> e.get("type").stringValue() + ":" + e.at("/loc/1").stringValue())
                .containsExactly("missing:email", "string_type:name", "missing:password");
    }

    @Test
    void listsWithFiltersAndLegacyQueryValidation() {
        create("{\"email\":\"a@example.com\",\"name\":\"A\",\"password\":\"x\"}");
        api.jdbc().update("UPDATE instructors SET is_active = false WHERE email = 'a@example.com'");

        assertThat(emails(api.get("/api/v1/instructors/", token))).containsExactlyInAnyOrder("instructor@example.com", "a@example.com");
        assertThat(emails(api.get("/api/v1/instructors/?is_active=true", token))).containsExactly("instructor@example.com");
        assertThat(emails(api.get("/api/v1/instructors/?is_active=false", token))).containsExactly("a@example.com");
        assertThat(emails(api.get("/api/v1/instructors/?skip=1&limit=1", token))).hasSize(1);

        Response bad = api.get("/api/v1/instructors/?skip=-1&limit=1001&is_active=maybe", token);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.text()).isEqualTo("{\"detail\":["
                + "{\"type\":\"greater_than_equal\",\"loc\":[\"query\",\"skip\"],\"msg\":\"Input should be greater than or equal to 0\",\"input\":\"-1\",\"ctx\":{\"ge\":0}},"
                + "{\"type\":\"less_than_equal\",\"loc\":[\"query\",\"limit\"],\"msg\":\"Input should be less than or equal to 1000\",\"input\":\"1001\",\"ctx\":{\"le\":1000}},"
                + "{\"type\":\"bool_parsing\",\"loc\":[\"query\",\"is_active\"],\"msg\":\"Input should be a valid boolean, unable to interpret input\",\"input\":\"maybe\"}]}");
        assertThat(api.get("/api/v1/instructors", token).status()).as("only with the trailing slash").isEqualTo(404);
        assertThat(api.get("/api/v1/instructors/", null).text()).isEqualTo("{\"detail\":\"Not authenticated\"}");
    }

    @Test
    void getsUpdatesAndSoftDeletes() {
        create("{\"email\":\"a@example.com\",\"name\":\"A\",\"password\":\"x\"}");
        assertThat(api.get("/api/v1/instructors/2", token).json().get("name").stringValue()).isEqualTo("A");
        assertThat(api.get("/api/v1/instructors/9999", token).text()).isEqualTo("{\"detail\":\"Instructor not found\"}");
        assertThat(api.get("/api/v1/instructors/abc", token).text()).isEqualTo("{\"detail\":[{\"type\":\"int_parsing\","
                + "\"loc\":[\"path\",\"instructor_id\"],\"msg\":\"Input should be a valid integer, unable to parse string as an integer\",\"input\":\"abc\"}]}");

        Response noChange = api.json("PUT", "/api/v1/instructors/2", token, "{}");
        assertThat(noChange.json().get("updated_at").isNull()).as("nothing changed, updated_at stays").isTrue();
        Response updated = api.json("PUT", "/api/v1/instructors/2", token, "{\"name\":\"A (TA)\",\"role\":\"teaching_assistant\"}");
        assertThat(updated.json().get("name").stringValue()).isEqualTo("A (TA)");
        assertThat(updated.json().get("role").stringValue()).isEqualTo("teaching_assistant");
        assertThat(updated.json().get("updated_at").isString()).isTrue();
        assertThat(api.json("PUT", "/api/v1/instructors/2", token, "{\"role\":null}").json().get("role").isNull()).isTrue();
        Response nullName = api.json("PUT", "/api/v1/instructors/2", token, "{\"name\":null,\"is_active\":null}");
        assertThat(nullName.status()).isEqualTo(422);
        assertThat(nullName.json().get("detail")).extracting(e -> e.get("type").stringValue()).containsExactly("string_type", "bool_type");
        assertThat(api.json("PUT", "/api/v1/instructors/9999", token, "{\"name\":\"x\"}").status()).isEqualTo(404);

        Response self = api.send("DELETE", "/api/v1/instructors/1", token, null, null);
        assertThat(self.status()).isEqualTo(400);
        assertThat(self.text()).isEqualTo("{\"detail\":\"Cannot delete yourself\"}");
        Response deleted = api.send("DELETE", "/api/v1/instructors/2", token, null, null);
        assertThat(deleted.text()).isEqualTo("{\"message\":\"Instructor successfully deleted\"}");
        assertThat(api.get("/api/v1/instructors/2", token).json().get("is_active").booleanValue()).isFalse();
        assertThat(api.send("DELETE", "/api/v1/instructors/9999", token, null, null).status()).isEqualTo(404);
        assertThat(api.json("PUT", "/api/v1/instructors/2", token, "{\"is_active\":\"yes\"}").json().get("is_active").booleanValue())
                .as("reactivation").isTrue();
    }

    @Test
    void theSeedIsIdempotentAndMatchesTheRecordingsSeed() {
        TestInstructorSeed.apply(dataSource);
        JsonNode seed = api.get("/api/v1/instructors/1", token).json();
        assertThat(seed.get("email").stringValue()).isEqualTo("instructor@example.com");
        assertThat(seed.get("name").stringValue()).isEqualTo("テスト講師");
        assertThat(seed.get("role").stringValue()).isEqualTo("instructor");
        assertThat(seed.get("status").stringValue()).isEqualTo("offline");
        assertThat(api.jdbc().queryForObject("SELECT count(*) FROM instructors", Integer.class)).isEqualTo(1);
        assertThat(create("{\"email\":\"next@example.com\",\"name\":\"N\",\"password\":\"x\"}").json().get("id").intValue()).isEqualTo(2);
        api.login();
    }

    private Response create(String body) {
        return api.json("POST", "/api/v1/instructors/", token, body);
    }

    private static List<String> emails(Response r) {
        assertThat(r.status()).isEqualTo(200);
        List<String> emails = new ArrayList<>();
        r.json().forEach(i -> emails.add(i.get("email").stringValue()));
        return emails;
    }
}
