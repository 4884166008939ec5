package dev.cellmonitor.cutover.backend.core.worker;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import dev.cellmonitor.cutover.backend.redis.RedisNames;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whether the legacy worker is alive: its heartbeat key {@code worker:main_worker:heartbeat} (written every 30 s
 * with a 90 s TTL) exists and its {@code timestamp} is younger than {@code legacy-heartbeat-max-age}. When Redis
 * cannot be asked, the answer is "alive": consuming blindly could store events twice.
 */
@Component
class LegacyWorkerWatch {

    private static final Logger log = LoggerFactory.getLogger(LegacyWorkerWatch.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final StringRedisTemplate redis;
    private final String key;
    private final Duration maxAge;
    private volatile Boolean lastAnswer;

    LegacyWorkerWatch(StringRedisTemplate redis, RedisNames names, WorkerProperties properties) {
        this.redis = redis;
        this.key = names.key(RedisNames.WORKER_HEARTBEAT_KEY);
        this.maxAge = properties.legacyHeartbeatMaxAge();
    }

    boolean legacyWorkerActive() {
        boolean active;
        try {
            active = isFresh(redis.opsForValue().get(key));
        } catch (RuntimeException e) {
            log.warn("cannot read the legacy worker heartbeat, assuming it runs: {}", e.toString());
            active = true;
        }
        if (lastAnswer == null || lastAnswer != active) {
            log.info(active ? "legacy worker heartbeat is fresh: not consuming progress_events"
                    : "no fresh legacy worker heartbeat: consuming progress_events");
        }
        lastAnswer = active;
        return active;
    }

    /** Last answer, without asking Redis (null before the first check). */
    Boolean lastKnown() {
        return lastAnswer;
    }

    private boolean isFresh(String value) {
        if (value == null) {
            return false;
        }
        try {
            JsonNode heartbeat = JSON.readTree(value);
            JsonNode timestamp = heartbeat.path("timestamp");
            if (!timestamp.isString()) {
                return true;
            }
            LocalDateTime at = LocalDateTime.parse(timestamp.stringValue().replace(" ", "T"));
            Duration age = Duration.between(at, LocalDateTime.now(ZoneOffset.UTC));
            return age.compareTo(maxAge) <= 0;
        } catch (RuntimeException unreadable) {
            return true; // the key is there (it expires 90 s after the last write): treat as alive
        }
    }
}
