package dev.cellmonitor.cutover.backend.admin.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.cellmonitor.cutover.backend.admin.AdminApi;
import dev.cellmonitor.cutover.backend.admin.AdminApi.Response;
import dev.cellmonitor.cutover.backend.support.BackendIntegrationTest;
import tools.jackson.databind.JsonNode;

@BackendIntegrationTest
class AuthRoutesTest {

    private static final String SECRET = "your-secret-key-here-change-in-production";
    private static final String HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    TokenRevocations revocations;

    AdminApi api;

    @BeforeEach
    void reset() {
        api = new AdminApi(port, dataSource);
        api.reset();
    }

    @Test
    void logsInWithThePasslibHashOfTheSeedAndAnswersLikeTheLegacy() {
        Response r = api.json("POST", "/api/v1/auth/login", null, "{\"email\":\"instructor@example.com\",\"password\":\"password123\"}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("application/json");
        JsonNode body = r.json();
        assertThat(keys(body)).containsExactly("instructor", "token");
        assertThat(keys(body.get("instructor"))).containsExactly("email", "name", "role", "id", "is_active", "status",
                "current_session_id", "status_updated_at", "last_login_at", "created_at", "updated_at");
        assertThat(body.at("/instructor/name").stringValue()).isEqualTo("テスト講師");
        assertThat(body.at("/instructor/status").stringValue()).isEqualTo("available");
        assertThat(body.at("/instructor/status_updated_at").stringValue()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?Z")
                .isEqualTo(body.at("/instructor/last_login_at").stringValue());
        assertThat(keys(body.get("token"))).containsExactly("access_token", "token_type", "expires_in");
        assertThat(body.at("/token/token_type").stringValue()).isEqualTo("bearer");
        assertThat(body.at("/token/expires_in").isInt()).isTrue();
        assertThat(body.at("/token/expires_in").intValue()).isEqualTo(1800);
        assertThat(r.text()).contains("\"name\":\"テスト講師\""); // raw UTF-8, compact
    }

    @Test
    void refusesWrongPasswordsUnknownAndInactiveInstructorsWithTheLegacy401() {
        for (String body : List.of("{\"email\":\"instructor@example.com\",\"password\":\"wrong\"}",
                "{\"email\":\"nobody@example.com\",\"password\":\"password123\"}")) {
            Response r = api.json("POST", "/api/v1/auth/login", null, body);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.text()).isEqualTo("{\"detail\":\"Invalid credentials\"}");
            assertThat(r.header("www-authenticate")).isEqualTo("Bearer");
        }
        api.jdbc().update("UPDATE instructors SET is_active = false WHERE id = 1");
        assertThat(api.json("POST", "/api/v1/auth/login", null,
                "{\"email\":\"instructor@example.com\",\"password\":\"password123\"}").status()).isEqualTo(401);
    }

    @Test
    void normalisesTheEmailDomainBeforeLookingItUp() {
        Response r = api.json("POST", "/api/v1/auth/login", null, "{\"email\":\"instructor@EXAMPLE.com\",\"password\":\"password123\"}");
        assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void reportsInvalidLoginBodiesLikePydantic() {
        Response invalid = api.json("POST", "/api/v1/auth/login", null, "{\"email\":\"not-an-email\",\"password\":\"x\"}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.text()).isEqualTo("{\"detail\":[{\"type\":\"value_error\",\"loc\":[\"body\",\"email\"],"
                + "\"msg\":\"value is not a valid email address: An email address must have an @-sign.\",\"input\":\"not-an-email\","
                + "\"ctx\":{\"reason\":\"An email address must have an @-sign.\"}}]}");
        Response missing = api.json("POST", "/api/v1/auth/login", null, "{\"email\":\"instructor@example.com\"}");
        assertThat(missing.text()).isEqualTo("{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"password\"],"
                + "\"msg\":\"Field required\",\"input\":{\"email\":\"instructor@example.com\"}}]}");
        assertThat(api.send("POST", "/api/v1/auth/login", null, null, null).text())
                .isEqualTo("{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\"],\"msg\":\"Field required\",\"input\":null}]}");
    }

    @Test
    void answersTheBearerErrorsExactlyAsTheLegacy() {
        assertForbidden(api.get("/api/v1/auth/me", null), "Not authenticated");
        assertForbidden(api.getWithAuthorization("/api/v1/auth/me", "Bearer"), "Not authenticated");
        assertForbidden(api.getWithAuthorization("/api/v1/auth/me", "Basic dXNlcjpwYXNz"), "Invalid authentication credentials");
        assertForbidden(api.getWithAuthorization("/api/v1/auth/me", "Token abc"), "Invalid authentication credentials");
        assertUnauthorized(api.get("/api/v1/auth/me", "not.a.jwt"));
        long future = Instant.now().getEpochSecond() + 600;
        assertUnauthorized(api.get("/api/v1/auth/me", legacy("{\"sub\":\"instructor@example.com\",\"exp\":" + (future - 1200) + "}")));
        assertUnauthorized(api.get("/api/v1/auth/me", legacy("{\"sub\":\"nobody@example.com\",\"exp\":" + future + "}")));
        assertUnauthorized(api.get("/api/v1/auth/me", legacy("{\"exp\":" + future + "}")));
        assertUnauthorized(api.get("/api/v1/auth/me", sign("another-secret", "{\"sub\":\"instructor@example.com\",\"exp\":" + future + "}")));
        // the scheme is case-insensitive
        assertThat(api.getWithAuthorization("/api/v1/auth/me", "bearer " + api.login()).status()).isEqualTo(200);
    }

    @Test
    void acceptsATokenTheLegacyIssued() {
        String token = legacy("{\"sub\":\"instructor@example.com\",\"exp\":" + (Instant.now().getEpochSecond() + 1800) + "}");

        Response me = api.get("/api/v1/auth/me", token);

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("email").stringValue()).isEqualTo("instructor@example.com");
        assertThat(me.json().get("status").stringValue()).isEqualTo("offline");
        assertThat(me.json().get("updated_at").isNull()).isTrue();
    }

    @Test
    void reportsAMalformedBodyBeforeAMissingTokenAndAMissingTokenBeforeBodyErrors() {
        Response malformed = api.send("PUT", "/api/v1/auth/password", null, "application/json", "{bad");
        assertThat(malformed.status()).isEqualTo(422);
        assertThat(malformed.json().at("/detail/0/type").stringValue()).isEqualTo("json_invalid");
        Response noToken = api.json("PUT", "/api/v1/auth/password", null, "{}");
        assertForbidden(noToken, "Not authenticated");
    }

    @Test
    void changesThePasswordWithAHashThatPasslibCanVerify() {
        String token = api.login();
        Response wrong = api.json("PUT", "/api/v1/auth/password", token, "{\"current_password\":\"nope\",\"new_password\":\"n3w-Secret\"}");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.text()).isEqualTo("{\"detail\":\"Current password is incorrect\"}");

        Response ok = api.json("PUT", "/api/v1/auth/password", token, "{\"current_password\":\"password123\",\"new_password\":\"n3w-Secret\"}");

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.text()).isEqualTo("{\"message\":\"Password updated successfully\"}");
        String hash = api.jdbc().queryForObject("SELECT password_hash FROM instructors WHERE id = 1", String.class);
        assertThat(hash).startsWith("$2b$12$").hasSize(60);
        assertThat(Passwords.matches("n3w-Secret", hash)).isTrue();
        assertThat(api.json("POST", "/api/v1/auth/login", null, "{\"email\":\"instructor@example.com\",\"password\":\"password123\"}").status())
                .isEqualTo(401);
        api.login("instructor@example.com", "n3w-Secret");
    }

    @Test
    void logoutSetsOfflineAndRevokesOnlyThatTokenForItsRemainingLifetime() {
        String first = api.login();
        String second = legacy("{\"sub\":\"instructor@example.com\",\"exp\":" + (Instant.now().getEpochSecond() + 900) + "}");

        Response out = api.send("POST", "/api/v1/auth/logout", first, null, null);

        assertThat(out.status()).isEqualTo(200);
        assertThat(out.text()).isEqualTo("{\"message\":\"Successfully logged out\"}");
        assertUnauthorized(api.get("/api/v1/auth/me", first));
        Response stillValid = api.get("/api/v1/auth/me", second);
        assertThat(stillValid.status()).isEqualTo(200);
        assertThat(stillValid.json().get("status").stringValue()).isEqualTo("offline");
        Long ttl = redis.getExpire(revocations.key(first));
        assertThat(ttl).isBetween(1700L, 1800L);
        assertThat(redis.hasKey(revocations.key(second))).isFalse();
    }

    @Test
    void aLoginInTheSecondOfALogoutGetsAWorkingToken() {
        String before = api.login();
        assertThat(api.send("POST", "/api/v1/auth/logout", before, null, null).status()).isEqualTo(200);

        String again = api.login(); // sub + exp only: within the same second this is the very token just revoked

        assertThat(api.get("/api/v1/auth/me", again).status()).isEqualTo(200);
    }

    @Test
    void aDeactivatedInstructorsTokenStopsWorking() {
        String token = api.login();
        api.jdbc().update("UPDATE instructors SET is_active = false WHERE id = 1");
        assertUnauthorized(api.get("/api/v1/auth/me", token));
    }

    private String legacy(String claims) {
        return sign(SECRET, claims);
    }

    private static String sign(String secret, String claims) {
        try {
            return JwtTokensTest.legacyToken(secret, HEADER, claims);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void assertForbidden(Response r, String detail) {
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.text()).isEqualTo("{\"detail\":\"" + detail + "\"}");
    }

    static void assertUnauthorized(Response r) {
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.text()).isEqualTo("{\"detail\":\"Could not validate credentials\"}");
        assertThat(r.header("www-authenticate")).isEqualTo("Bearer");
    }

    static List<String> keys(JsonNode node) {
        List<String> keys = new java.util.ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
        it.forEachRemaining(e -> keys.add(e.getKey()));
        return keys;
    }
}
