package dev.cellmonitor.cutover.backend.core.health;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.cellmonitor.cutover.backend.web.ApiException;
import dev.cellmonitor.cutover.backend.web.LegacyTime;

/**
 * The legacy's health routes (CONTRACT.md §2.4), reporting this backend's own dependencies: every {@link HealthProbe}
 * bean is one entry under {@code services}, in the legacy's order (postgres, redis, influxdb, websocket) and then by
 * name. Anything not healthy makes the aggregate a 503 whose {@code detail} is the same object with
 * {@code "status":"degraded"}.
 */
@RestController
class HealthController {

    private static final List<String> LEGACY_ORDER = List.of("postgres", "redis", "influxdb", "websocket");

    private final List<HealthProbe> probes;
    private final JdbcTemplate jdbc;

    HealthController(List<HealthProbe> probes, JdbcTemplate jdbc) {
        this.probes = new ArrayList<>(probes);
        this.probes.sort(Comparator.comparingInt((HealthProbe p) -> {
            int i = LEGACY_ORDER.indexOf(p.name());
            return i < 0 ? LEGACY_ORDER.size() : i;
        }).thenComparing(HealthProbe::name));
        this.jdbc = jdbc;
    }

    @GetMapping("/api/v1/health")
    Map<String, Object> health() {
        String timestamp = now();
        Map<String, Object> services = new LinkedHashMap<>();
        int healthy = 0;
        for (HealthProbe probe : probes) {
            Map<String, Object> entry = probe.check();
            services.put(probe.name(), entry);
            if (probe.healthy(entry)) {
                healthy++;
            }
        }
        Map<String, Object> websocket = asMap(services.get("websocket"));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("total_services", probes.size());
        details.put("healthy_services", healthy);
        details.put("api_version", "v1");
        details.put("environment", "docker");
        details.put("websocket_connections", websocket.getOrDefault("total_connections", 0));
        Object rooms = websocket.get("rooms");
        details.put("websocket_rooms", rooms instanceof Map<?, ?> m ? m.size() : 0);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", healthy == probes.size() ? "healthy" : "degraded");
        body.put("timestamp", timestamp);
        body.put("services", services);
        body.put("details", details);
        if (healthy != probes.size()) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, body);
        }
        return body;
    }

    @GetMapping("/api/v1/health/simple")
    Map<String, Object> simple() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("timestamp", now());
        return body;
    }

    @GetMapping("/api/v1/health/ready")
    Map<String, Object> ready() {
        String timestamp = now();
        try {
            jdbc.queryForObject("SELECT 1", Integer.class);
        } catch (RuntimeException e) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("status", "not_ready");
            detail.put("timestamp", timestamp);
            detail.put("error", describe(e));
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, detail);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ready");
        body.put("timestamp", timestamp);
        body.put("message", "Application ready to accept traffic");
        return body;
    }

    @GetMapping("/api/v1/health/live")
    Map<String, Object> live() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "alive");
        body.put("timestamp", now());
        body.put("message", "Application process is running");
        return body;
    }

    private static String now() {
        return LegacyTime.naive(LegacyTime.utcNow());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object entry) {
        return entry instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** The innermost message of a failure, as the legacy puts {@code str(exc)} into its answers. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
