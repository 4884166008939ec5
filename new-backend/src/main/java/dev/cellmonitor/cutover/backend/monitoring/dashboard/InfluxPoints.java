package dev.cellmonitor.cutover.backend.monitoring.dashboard;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The legacy's InfluxDB points of dismiss-help ({@code event=help_stop}) and resolve-error
 * ({@code event=error_resolved}), written only when an InfluxDB URL is configured, in the background and with
 * failures only logged, as the legacy does. Line protocol as the Python client writes it: tags and fields
 * sorted by key, nanosecond time.
 */
@Component
class InfluxPoints {

    private static final Logger log = LoggerFactory.getLogger(InfluxPoints.class);

    private final InfluxProperties properties;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    InfluxPoints(InfluxProperties properties) {
        this.properties = properties;
    }

    void helpStop(String email) {
        Map<String, Object> fields = new TreeMap<>();
        fields.put("eventId", UUID.randomUUID().toString());
        fields.put("userName", email.split("@", -1)[0]);
        fields.put("sessionId", "dashboard-dismiss-" + email);
        fields.put("success", true);
        write(email, "help_stop", fields);
    }

    void errorResolved(String email) {
        Map<String, Object> fields = new TreeMap<>();
        fields.put("eventId", UUID.randomUUID().toString());
        fields.put("userName", email.split("@", -1)[0]);
        fields.put("sessionId", "dashboard-resolve-" + email);
        fields.put("resolvedBy", "instructor");
        fields.put("success", true);
        write(email, "error_resolved", fields);
    }

    private void write(String email, String event, Map<String, Object> fields) {
        if (!properties.configured()) {
            return;
        }
        String line = line(email, event, fields, Instant.now());
        Thread.ofVirtual().name("influx-write").start(() -> send(line));
    }

    static String line(String email, String event, Map<String, Object> fields, Instant time) {
        StringBuilder out = new StringBuilder("student_progress");
        out.append(",emailAddress=").append(tag(email)).append(",event=").append(tag(event)).append(' ');
        boolean first = true;
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append(tag(field.getKey())).append('=');
            if (field.getValue() instanceof Boolean b) {
                out.append(b);
            } else {
                out.append('"').append(field.getValue().toString().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        long nanos = time.getEpochSecond() * 1_000_000_000L + time.getNano() / 1000 * 1000L;
        return out.append(' ').append(nanos).toString();
    }

    private static String tag(String value) {
        return value.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=").replace(" ", "\\ ");
    }

    private void send(String line) {
        String url = properties.url().replaceAll("/+$", "") + "/api/v2/write?org=" + enc(properties.org())
                + "&bucket=" + enc(properties.bucket()) + "&precision=ns";
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5))
                    .header("Authorization", "Token " + properties.token())
                    .header("Content-Type", "text/plain; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(line)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                log.warn("InfluxDB refused a dashboard point ({}): {}", response.statusCode(), response.body());
            }
        } catch (Exception e) {
            log.warn("InfluxDB dashboard point not written: {}", e.toString());
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
