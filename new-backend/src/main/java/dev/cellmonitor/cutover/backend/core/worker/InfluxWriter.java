package dev.cellmonitor.cutover.backend.core.worker;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes the legacy's {@code student_progress} points to InfluxDB 2 ({@code /api/v2/write}, line protocol) when an
 * InfluxDB URL is configured; otherwise does nothing. Points are sent after their events are committed, batched,
 * from their own thread; an InfluxDB outage costs points (logged), never events.
 */
@Component
class InfluxWriter extends AfterCommitQueue<List<String>> {

    private static final Logger log = LoggerFactory.getLogger(InfluxWriter.class);

    private final InfluxProperties properties;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    InfluxWriter(InfluxProperties properties) {
        super("worker-influx");
        this.properties = properties;
    }

    @Override
    boolean enabled() {
        return properties.enabled();
    }

    void write(List<String> lines) {
        if (enabled() && !lines.isEmpty()) {
            offer(lines);
        }
    }

    @Override
    void dropped(List<String> lines) {
        log.warn("InfluxDB writes are behind: {} points dropped", lines.size());
    }

    @Override
    void handle(List<List<String>> batches) {
        StringBuilder body = new StringBuilder();
        int points = 0;
        for (List<String> batch : batches) {
            for (String line : batch) {
                body.append(line).append('\n');
                points++;
            }
        }
        send(body.toString(), points);
    }

    private void send(String body, int points) {
        URI uri = URI.create(properties.url() + "/api/v2/write?org=" + enc(properties.org()) + "&bucket="
                + enc(properties.bucket()) + "&precision=ns");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Token " + properties.token())
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                log.warn("InfluxDB refused {} points: {} {}", points, response.statusCode(), response.body());
            }
        } catch (java.io.IOException e) {
            log.warn("InfluxDB unreachable, {} points not written: {}", points, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops after the fan-out, which hands points over while it drains. */
    @Override
    public int getPhase() {
        return EventPipeline.PHASE - 2;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
