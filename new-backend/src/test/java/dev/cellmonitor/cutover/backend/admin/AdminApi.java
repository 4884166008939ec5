package dev.cellmonitor.cutover.backend.admin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.cellmonitor.cutover.backend.admin.instructors.TestInstructorSeed;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** HTTP calls against the running backend plus the admin tables' reset, for the admin integration tests. */
public final class AdminApi {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;

    public AdminApi(int port, DataSource dataSource) {
        this.base = "http://127.0.0.1:" + port;
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    /** Empty admin tables, then the recordings' seed instructor (id 1). */
    public void reset() {
        jdbc.execute("DELETE FROM instructor_status_history");
        jdbc.execute("UPDATE instructors SET current_session_id = NULL");
        jdbc.execute("DELETE FROM instructors");
        jdbc.execute("DELETE FROM system_settings");
        jdbc.execute("DELETE FROM sessions WHERE session_id LIKE 'sess-%'");
        jdbc.execute("DELETE FROM students WHERE email = 's@example.com'");
        jdbc.execute("ALTER SEQUENCE instructors_id_seq RESTART WITH 1");
        jdbc.execute("ALTER SEQUENCE instructor_status_history_id_seq RESTART WITH 1");
        jdbc.execute("ALTER SEQUENCE system_settings_id_seq RESTART WITH 1");
        TestInstructorSeed.apply(dataSource);
    }

    public record Response(int status, String contentType, Map<String, java.util.List<String>> headers, String text) {

        public JsonNode json() {
            return JSON.readTree(text);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** A request with a Bearer token (none when null). */
    public Response send(String method, String path, String token, String contentType, String body) {
        return sendRaw(method, path, token == null ? null : "Bearer " + token, contentType, body);
    }

    /** A request with exactly this Authorization header (none when null). */
    public Response sendRaw(String method, String path, String authorization, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.headers().firstValue("content-type").orElse(null),
                    response.headers().map(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response get(String path, String token) {
        return send("GET", path, token, null, null);
    }

    public Response getWithAuthorization(String path, String authorization) {
        return sendRaw("GET", path, authorization, null, null);
    }

    public Response json(String method, String path, String token, String body) {
        return send(method, path, token, "application/json", body);
    }

    /** Logs the seed instructor in and returns the token. */
    public String login() {
        return login(TestInstructorSeed.EMAIL, TestInstructorSeed.PASSWORD);
    }

    public String login(String email, String password) {
        Response r = json("POST", "/api/v1/auth/login", null,
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        if (r.status() != 200) {
            throw new AssertionError("login failed: " + r.status() + " " + r.text());
        }
        return r.json().at("/token/access_token").stringValue();
    }
}
