package dev.cellmonitor.cutover.backend.core.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.cellmonitor.cutover.backend.support.ExtrasHttp;
import dev.cellmonitor.cutover.backend.support.BackendIntegrationTest;
import tools.jackson.databind.JsonNode;

@BackendIntegrationTest
class ApiDocsControllerTest {

    @LocalServerPort
    int port;

    private static Map<String, Set<String>> operations(JsonNode document) {
        Map<String, Set<String>> out = new TreeMap<>();
        document.get("paths").properties().forEach(p -> out.put(p.getKey(), new TreeSet<>(p.getValue().propertyNames())));
        return out;
    }

    @Test
    void documentsTheSamePathsAndMethodsAsTheLegacy() throws Exception {
        var answer = new ExtrasHttp(port).get("/api/v1/openapi.json");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode document = answer.json();
        assertThat(document.propertyNames()).containsExactly("openapi", "info", "paths", "components");
        assertThat(document.get("openapi").asString()).isEqualTo("3.1.0");
        assertThat(document.get("info").toString()).isEqualTo("{\"title\":\"Student Progress Tracker API\",\"version\":\"0.1.0\"}");
        assertThat(document.get("paths").get("/api/v1/v1/notebook-version/history/{notebook_path}").get("get")
                .get("parameters").get(0).get("name").asString()).isEqualTo("notebook_path");

        String shared = System.getProperty("shared.dir");
        Assumptions.assumeTrue(shared != null && Files.isRegularFile(Path.of(shared, "legacy-api", "openapi.json")),
                "legacy openapi.json not found under shared.dir; path comparison skipped");
        JsonNode legacy = ExtrasHttp.json(Files.readString(Path.of(shared, "legacy-api", "openapi.json")));
        assertThat(operations(document)).isEqualTo(operations(legacy));
    }

    @Test
    void servesTheSwaggerUiRedocAndOauthRedirectPages() {
        ExtrasHttp http = new ExtrasHttp(port);
        var docs = http.get("/docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.contentType().replace(" ", "")).isEqualToIgnoringCase("text/html;charset=utf-8");
        assertThat(docs.text()).containsPattern("(?s)<title>Student Progress Tracker API - Swagger UI</title>.*"
                + "SwaggerUIBundle\\(.*url: '/api/v1/openapi\\.json'.*'/docs/oauth2-redirect'");
        assertThat(http.get("/redoc").text()).containsPattern("(?s)<title>Student Progress Tracker API - ReDoc</title>.*"
                + "<redoc spec-url=\"/api/v1/openapi\\.json\"></redoc>");
        assertThat(http.get("/docs/oauth2-redirect").text()).containsPattern("(?s)<title>Swagger UI: OAuth2 Redirect</title>"
                + ".*swaggerUIRedirectOauth2");
        assertThat(http.send("HEAD", "/docs", null, null).status()).isEqualTo(200);
    }

    @Test
    void theDocumentIsNotServedOutsideTheApiPrefix() {
        var answer = new ExtrasHttp(port).get("/openapi.json");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.text()).isEqualTo("Not Found");
    }
}
