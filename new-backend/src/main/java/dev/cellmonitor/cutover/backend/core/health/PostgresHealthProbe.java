package dev.cellmonitor.cutover.backend.core.health;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The {@code postgres} entry of {@code GET /api/v1/health}: {@code SELECT 1} (CONTRACT.md §2.4). */
@Component
class PostgresHealthProbe implements HealthProbe {

    private final JdbcTemplate jdbc;

    PostgresHealthProbe(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public Map<String, Object> check() {
        Map<String, Object> entry = new LinkedHashMap<>();
        try {
            jdbc.queryForObject("SELECT 1", Integer.class);
            entry.put("status", "healthy");
            entry.put("message", "PostgreSQL connection successful");
            entry.put("response_time_ms", "< 100");
        } catch (RuntimeException e) {
            String error = HealthController.describe(e);
            entry.put("status", "unhealthy");
            entry.put("message", "PostgreSQL connection failed: " + error);
            entry.put("error", error);
        }
        return entry;
    }
}
