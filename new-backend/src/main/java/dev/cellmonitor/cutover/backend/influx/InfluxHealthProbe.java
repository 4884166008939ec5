package dev.cellmonitor.cutover.backend.influx;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

import dev.cellmonitor.cutover.backend.core.health.HealthProbe;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The {@code influxdb} entry of {@code GET /api/v1/health} (CONTRACT.md §2.4), only when InfluxDB is configured. */
@Component
@ConditionalOnExpression("'${cellmonitor.influx.url:}'.trim() != ''")
class InfluxHealthProbe implements HealthProbe {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final InfluxProperties properties;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    InfluxHealthProbe(InfluxProperties properties) {
        this.properties = properties;
    }

    @Override
    public String name() {
        return "influxdb";
    }

    @Override
    public Map<String, Object> check() {
        Map<String, Object> entry = new LinkedHashMap<>();
        String status;
        String version = null;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(properties.url() + "/health"))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            status = body.path("status").asString("fail");
            version = body.path("version").isString() ? body.path("version").stringValue() : null;
        } catch (java.io.IOException | RuntimeException e) {
            // the Python client reports an unreachable server as status "fail"
            status = "fail";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = "fail";
        }
        if ("pass".equals(status)) {
            entry.put("status", "healthy");
            entry.put("message", "InfluxDB connection successful");
            entry.put("influx_status", "pass");
            entry.put("version", version);
            entry.put("response_time_ms", "< 200");
        } else {
            entry.put("status", "degraded");
            entry.put("message", "InfluxDB status: " + status);
            entry.put("influx_status", status);
        }
        return entry;
    }
}
