package dev.cellmonitor.cutover.backend.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.cellmonitor.cutover.backend.support.BackendIntegrationTest;

@BackendIntegrationTest
class LegacyHttpFilterTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    @Test
    void answersCorsPreflightLikeStarlette() throws Exception {
        HttpResponse<String> response = send(request("/api/v1/events")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:8888")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-custom"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("OK");
        assertThat(response.headers().firstValue("access-control-allow-origin")).contains("http://localhost:8888");
        assertThat(response.headers().firstValue("access-control-allow-methods")).contains("DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT");
        assertThat(response.headers().firstValue("access-control-allow-headers")).contains("content-type,x-custom");
        assertThat(response.headers().firstValue("access-control-allow-credentials")).contains("true");
        assertThat(response.headers().firstValue("access-control-max-age")).contains("600");
    }

    @Test
    void refusesAPreflightForAnUnknownMethod() throws Exception {
        HttpResponse<String> response = send(request("/api/v1/events")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://x").header("Access-Control-Request-Method", "TRACE"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("Disallowed CORS method");
    }

    @Test
    void marksSimpleResponsesForAnyOrigin() throws Exception {
        HttpResponse<String> response = send(request("/api/v1/no-such").header("Origin", "http://x"));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("access-control-allow-origin")).contains("*");
        HttpResponse<String> withCookie = send(request("/api/v1/no-such").header("Origin", "http://x").header("Cookie", "a=b"));
        assertThat(withCookie.headers().firstValue("access-control-allow-origin")).contains("http://x");
    }

    @Test
    void answersHeadOnApiRoutesWithTheCatchAllNotFound() throws Exception {
        HttpResponse<String> head = send(request("/api/v1/health/simple").method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(404);
        HttpResponse<String> docs = send(request("/docs").method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(docs.statusCode()).isEqualTo(200);
        HttpResponse<String> options = send(request("/api/v1/classes/").method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(options.statusCode()).isEqualTo(404);
        assertThat(options.body()).isEqualTo("Not Found");
    }
}
