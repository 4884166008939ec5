package dev.cellmonitor.cutover.backend.monitoring.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import dev.cellmonitor.cutover.backend.influx.InfluxProperties;
import dev.cellmonitor.cutover.backend.influx.InfluxWriter;

class InfluxPointsTest {

    @Test
    void writesLineProtocolLikeThePythonClient() {
        Map<String, Object> fields = new TreeMap<>();
        fields.put("eventId", "e-1");
        fields.put("userName", "a b");
        fields.put("success", true);
        String line = InfluxPoints.line("a b@example.com", "help_stop", fields, Instant.ofEpochSecond(1_700_000_000, 123_456_789));
        assertThat(line).isEqualTo("student_progress,emailAddress=a\\ b@example.com,event=help_stop "
                + "eventId=\"e-1\",success=true,userName=\"a b\" 1700000000123456000");
    }

    @Test
    void postsTheDashboardPointsWhenAnInfluxUrlIsConfigured() throws Exception {
        BlockingQueue<String[]> requests = new ArrayBlockingQueue<>(4);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.add(new String[] {exchange.getRequestURI().toString(), exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            InfluxPoints points = new InfluxPoints(new InfluxWriter(new InfluxProperties(
                    "http://127.0.0.1:" + server.getAddress().getPort(), "tok", "my-org", "progress_bucket")));
            points.errorResolved("ren@example.com");
            String[] request = requests.poll(5, TimeUnit.SECONDS);
            assertThat(request).isNotNull();
            assertThat(request[0]).isEqualTo("/api/v2/write?org=my-org&bucket=progress_bucket&precision=ns");
            assertThat(request[1]).isEqualTo("Token tok");
            assertThat(request[2]).startsWith("student_progress,emailAddress=ren@example.com,event=error_resolved eventId=\"")
                    .contains(",resolvedBy=\"instructor\",sessionId=\"dashboard-resolve-ren@example.com\",success=true,userName=\"ren\" ");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void writesNothingWithoutAUrl() throws IOException {
        new InfluxPoints(new InfluxWriter(new InfluxProperties("", null, null, null))).helpStop("x@example.com");
    }
}
