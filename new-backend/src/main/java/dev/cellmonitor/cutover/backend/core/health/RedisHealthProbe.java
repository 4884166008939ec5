package dev.cellmonitor.cutover.backend.core.health;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/** The {@code redis} entry of {@code GET /api/v1/health}: {@code PING} (CONTRACT.md §2.4). */
@Component
class RedisHealthProbe implements HealthProbe {

    private final StringRedisTemplate redis;

    RedisHealthProbe(StringRedisTemplate redis) {
        this.redis = redis;
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public Map<String, Object> check() {
        Map<String, Object> entry = new LinkedHashMap<>();
        try {
            String pong = redis.execute(connection -> connection.ping(), true);
            if (!"PONG".equalsIgnoreCase(pong)) {
                throw new IllegalStateException("unexpected PING answer: " + pong);
            }
            entry.put("status", "healthy");
            entry.put("message", "Redis connection successful");
            // redis-py answers PING with True
            entry.put("ping_response", "True");
            entry.put("response_time_ms", "< 50");
        } catch (RuntimeException e) {
            String error = HealthController.describe(e);
            entry.put("status", "unhealthy");
            entry.put("message", "Redis connection failed: " + error);
            entry.put("error", error);
        }
        return entry;
    }
}
