package dev.cellmonitor.cutover.backend.core.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.cellmonitor.cutover.backend.redis.RedisNames;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Worker replacement: the legacy API's {@code progress_events} are consumed only while the legacy worker's heartbeat
 * is not fresh, so no event is stored by both workers.
 */
class ReplacementModeTest extends WorkerIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    StringRedisTemplate redisTemplate;

    @AfterEach
    void legacyWorkerGone() {
        redisTemplate.delete(names.key(RedisNames.WORKER_HEARTBEAT_KEY));
    }

    @Test
    void consumesTheLegacyApisMessagesOnlyWhileTheLegacyWorkerIsSilent() throws Exception {
        // the legacy worker is alive: its heartbeat (written every 30 s, TTL 90 s) is fresh
        legacyHeartbeat(LocalDateTime.now(ZoneOffset.UTC));
        awaitConsuming(false);
        publish("while-legacy@example.com");
        Thread.sleep(1_000);
        assertThat(executions("while-legacy@example.com")).isZero();

        // the legacy worker stops: its heartbeat expires
        redisTemplate.delete(names.key(RedisNames.WORKER_HEARTBEAT_KEY));
        awaitConsuming(true);
        publish("after-legacy@example.com");
        awaitExecutions("after-legacy@example.com", 1);
        Thread.sleep(500);
        assertThat(executions("after-legacy@example.com")).isEqualTo(1);
        assertThat(executions("while-legacy@example.com")).isZero();

        // it comes back: a message arriving before this backend unsubscribes is left to it too
        legacyHeartbeat(LocalDateTime.now(ZoneOffset.UTC));
        publish("legacy-back@example.com");
        awaitConsuming(false);
        publish("legacy-back@example.com");
        Thread.sleep(1_000);
        assertThat(executions("legacy-back@example.com")).isZero();
    }

    @Test
    void aStaleHeartbeatLeftBehindDoesNotBlockConsumption() throws Exception {
        legacyHeartbeat(LocalDateTime.now(ZoneOffset.UTC).minusMinutes(5));
        awaitConsuming(true);
        publish("stale@example.com");
        awaitExecutions("stale@example.com", 1);
    }

    @Test
    void setsInstructorsInSessionWithAHistoryRowFromTheLegacyApisInstructorMessages() throws Exception {
        Integer away = jdbc.queryForObject("INSERT INTO instructors (email, password_hash, name, role, is_active, status)"
                + " VALUES ('worker-away@example.com', '$2b$12$seed', 'A', 'instructor', true, 'OFFLINE') RETURNING id", Integer.class);
        jdbc.update("INSERT INTO instructor_status_history (instructor_id, status, started_at) VALUES (?, 'OFFLINE', now())", away);
        awaitConsuming(true);
        redisTemplate.convertAndSend(names.channel(RedisNames.PROGRESS_EVENTS),
                "{\"eventType\": \"student_session_start\", \"instructor_id\": " + away + "}");
        awaitStatus(away, "IN_SESSION");
        assertThat(jdbc.queryForList("SELECT status::text FROM instructor_status_history WHERE instructor_id = ?"
                + " ORDER BY id", String.class, away)).containsExactly("OFFLINE", "IN_SESSION");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM instructor_status_history WHERE instructor_id = ?"
                + " AND ended_at IS NULL", Integer.class, away)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT last_login_at IS NOT NULL FROM instructors WHERE id = ?", Boolean.class, away))
                .isTrue();
    }

    @Test
    void writesItsOwnHeartbeatForOps() {
        JsonNode beat = ownHeartbeat();
        assertThat(beat.get("worker_id").stringValue()).isEqualTo("cutover_worker");
        assertThat(beat.get("mode").stringValue()).isEqualTo("replacement");
        assertThat(beat.has("consuming_progress_events")).isTrue();
        assertThat(redisTemplate.getExpire(names.key(WorkerHeartbeat.KEY))).isPositive();
    }

    /** A message exactly as the legacy API publishes it (CONTRACT.md §6.2-a, Python json.dumps). */
    private void publish(String email) {
        String message = "{\"eventId\": \"r-1\", \"eventType\": \"cell_executed\", \"eventTime\": \"2025-04-15T13:00:00.000Z\","
                + " \"emailAddress\": \"" + email + "\", \"userName\": \"\\u6797 \\u5927\\u8f1d\", \"teamName\": null,"
                + " \"sessionId\": \"s\", \"notebookPath\": \"lessons/03.ipynb\", \"cellId\": \"f-div\", \"cellIndex\": 2,"
                + " \"cellType\": \"code\", \"code\": \"1/0\", \"executionCount\": 1, \"hasError\": true,"
                + " \"errorMessage\": \"ZeroDivisionError\", \"result\": null, \"executionDurationMs\": 4.5, \"metadata\": null,"
                + " \"batch_id\": \"9ac135a7\", \"processed_at\": \"2026-11-28T23:44:15.453816+00:00\","
                + " \"processing_version\": \"phase3_enhanced_safe\"}";
        redisTemplate.convertAndSend(names.channel(RedisNames.PROGRESS_EVENTS), message);
    }

    private void legacyHeartbeat(LocalDateTime at) {
        String beat = "{\"worker_id\": \"main_worker\", \"status\": \"healthy\", \"timestamp\": \"" + at + "\","
                + " \"uptime_seconds\": 12, \"processed_messages\": 0, \"error_count\": 0,"
                + " \"memory_usage\": {\"error\": \"psutil not available\"}, \"last_activity\": null}";
        redisTemplate.opsForValue().set(names.key(RedisNames.WORKER_HEARTBEAT_KEY), beat, Duration.ofSeconds(90));
    }

    private JsonNode ownHeartbeat() {
        String beat = redisTemplate.opsForValue().get(names.key(WorkerHeartbeat.KEY));
        assertThat(beat).isNotNull();
        return JSON.readTree(beat);
    }

    private void awaitConsuming(boolean consuming) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
            String beat = redisTemplate.opsForValue().get(names.key(WorkerHeartbeat.KEY));
            if (beat != null && JSON.readTree(beat).get("consuming_progress_events").asBoolean() == consuming) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("consuming_progress_events never became " + consuming);
    }

    private void awaitExecutions(String email, int count) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (executions(email) < count && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertThat(executions(email)).isEqualTo(count);
    }

    private void awaitStatus(int instructor, String status) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!status.equals(jdbc.queryForObject("SELECT status::text FROM instructors WHERE id = ?", String.class, instructor))
                && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertThat(jdbc.queryForObject("SELECT status::text FROM instructors WHERE id = ?", String.class, instructor))
                .isEqualTo(status);
    }

    private int executions(String email) {
        return jdbc.queryForObject("SELECT count(*) FROM cell_executions e JOIN students s ON s.id = e.student_id"
                + " WHERE s.email = ?", Integer.class, email);
    }
}
