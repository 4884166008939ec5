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
class LegacyErrorHandlerTest {

    @LocalServerPort
    int port;

    @Test
    void answersUnknownPathsWithTheLegacyPlainTextNotFound() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/no-such-route")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
        // exactly what the recordings show for every unrouted 404 (the legacy's 500s carry a charset, these do not)
        assertThat(response.headers().firstValue("content-type").orElseThrow()).isEqualTo("text/plain");
        assertThat(response.body()).isEqualTo("Not Found");
    }
}
