package dev.cellmonitor.cutover.backend.influx;

import java.io.IOException;
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
 * Posts line-protocol points to InfluxDB 2 ({@code /api/v2/write}, precision ns) when an InfluxDB URL is
 * configured; otherwise does nothing. Blocks the calling thread; failures are logged, never thrown, because the
 * legacy only logs them too and an InfluxDB outage must cost points, never events.
 */
@Component
public class InfluxWriter {

    private static final Logger log = LoggerFactory.getLogger(InfluxWriter.class);

    private final InfluxProperties properties;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public InfluxWriter(InfluxProperties properties) {
        this.properties = properties;
    }

    public boolean enabled() {
        return properties.enabled();
    }

    public void write(List<String> lines) {
        if (!enabled() || lines.isEmpty()) {
            return;
        }
        StringBuilder body = new StringBuilder();
        for (String line : lines) {
            body.append(line).append('\n');
        }
        URI uri = URI.create(properties.url() + "/api/v2/write?org=" + enc(properties.org()) + "&bucket="
                + enc(properties.bucket()) + "&precision=ns");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Token " + properties.token())
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                log.warn("InfluxDB refused {} points: {} {}", lines.size(), response.statusCode(), response.body());
            }
        } catch (IOException e) {
            log.warn("InfluxDB unreachable, {} points not written: {}", lines.size(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
