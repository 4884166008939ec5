package dev.cellmonitor.cutover.backend.core.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.cellmonitor.cutover.backend.core.events.LegacyComparison;
import dev.cellmonitor.cutover.backend.core.events.Recording;
import dev.cellmonitor.cutover.backend.core.events.RedisCapture;
import dev.cellmonitor.cutover.backend.redis.RedisNames;
import dev.cellmonitor.cutover.backend.support.BackendIntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Replays the core steps of recorded legacy scenarios against the new backend in direct mode: every
 * {@code POST /events}, {@code /progress/student-progress} and {@code /v1/cell-monitor} answer, every database
 * snapshot of the worker's tables (the recordings' own queries, ids and timestamps ignored) and every message on the
 * worker's Redis channels must match what the legacy API + worker produced. Not compared: {@code progress_events}
 * (direct mode has no pub/sub hop, docs/divergences.md CE-1). Dashboard writes of other groups are applied the way
 * the legacy applies them ({@code resolve-error} clears flags); everything else of other groups is skipped.
 */
@BackendIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordedScenariosTest {

    private static final Set<String> ROUTES = Set.of("POST /api/v1/events", "POST /api/v1/progress/student-progress",
            "POST /api/v1/v1/cell-monitor");
    private static final Set<String> WORKER_TABLES = Set.of("teams", "students", "notebooks", "cells", "sessions",
            "cell_executions");
    private static final Set<String> CHANNELS = Set.of(RedisNames.DASHBOARD_UPDATES, RedisNames.HELP_REQUESTS,
            RedisNames.ERROR_ALERTS, RedisNames.NOTIFICATIONS);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RedisNames names;

    @Autowired
    Fanout fanout;

    private RedisCapture redis;

    @BeforeAll
    void subscribe() {
        redis = RedisCapture.forPrefix(names.prefix());
    }

    @AfterAll
    void unsubscribe() {
        redis.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"p04_events_dashboard", "p05_consecutive_errors_dashboard_ws", "p11_lesson_day_dashboard",
            "p03_lms_chain", "p12_lms_course_setup"})
    void theNewWorkerLeavesWhatTheLegacyWorkerLeft(String scenario) {
        resetLikeTheRecorder();
        Recording recording = Recording.load(scenario);
        List<String> problems = new ArrayList<>();
        List<Integer> httpMarks = new ArrayList<>();
        int compared = 0;
        for (JsonNode step : recording.steps()) {
            String kind = step.get("kind").stringValue();
            String route = step.path("route").asString("");
            String where = scenario + " #" + step.get("step").asInt() + " " + step.path("name").asString("");
            switch (kind) {
                case "http" -> {
                    awaitFanoutIdle(); // messages of earlier steps must not fall into this step's window
                    httpMarks.add(redis.mark());
                    if (ROUTES.contains(route)) {
                        problems.addAll(prefixed(where, http(recording, step)));
                        compared++;
                    } else if (route.equals("POST /api/v1/dashboard/students/{email}/resolve-error")) {
                        resolveErrors(recording.resolve(step.get("request")).get("path").stringValue());
                    }
                }
                case "redis" -> {
                    int back = step.path("http_steps_back").asInt(1);
                    problems.addAll(prefixed(where, redis(recording, step, httpMarks.get(httpMarks.size() - back))));
                    compared++;
                }
                case "db" -> {
                    List<String> tables = new ArrayList<>();
                    step.get("tables").properties().forEach(e -> tables.add(e.getKey()));
                    if (WORKER_TABLES.containsAll(tables)) {
                        problems.addAll(prefixed(where, db(recording, step)));
                        compared++;
                    }
                }
                default -> {
                }
            }
        }
        assertThat(compared).isPositive();
        assertThat(problems).isEmpty();
    }

    private List<String> http(Recording recording, JsonNode step) {
        Recording.Response response = recording.send("http://127.0.0.1:" + port, step);
        JsonNode recorded = step.get("response");
        String route = step.get("route").stringValue();
        if (route.equals("POST /api/v1/progress/student-progress") && recorded.get("status").asInt() == 500) {
            // CE-2: the legacy crashes after publishing; the new side answers what it meant to
            List<String> out = new ArrayList<>();
            if (response.status() != 200 || !response.json().get("status").stringValue().equals("ok")) {
                out.add("student-progress answered " + response.status() + " " + response.body());
            }
            return out;
        }
        List<String> out = new ArrayList<>();
        if (response.status() != recorded.get("status").asInt()) {
            out.add("status " + response.status() + " instead of " + recorded.get("status") + ": " + response.body());
            return out;
        }
        if (!response.contentType().equals(recorded.get("content_type").stringValue())) {
            out.add("content type " + response.contentType());
        }
        List<LegacyComparison.Rule> rules = new ArrayList<>(LegacyComparison.rulesFor(route));
        rules.addAll(LegacyComparison.stepRules(recording.scenario(), step.get("name").stringValue(), null));
        out.addAll(new LegacyComparison(recording.recordedAt(), rules).diff(recorded.get("body"), response.json()));
        return out;
    }

    private List<String> redis(Recording recording, JsonNode step, int since) {
        Map<String, List<JsonNode>> expected = new LinkedHashMap<>();
        for (JsonNode m : step.get("messages")) {
            String channel = m.get("channel").stringValue();
            if (CHANNELS.contains(channel)) {
                expected.computeIfAbsent(channel, c -> new ArrayList<>()).add(m.get("data"));
            }
        }
        for (Map.Entry<String, List<JsonNode>> e : expected.entrySet()) {
            redis.await(e.getKey(), since, e.getValue().size(), Duration.ofSeconds(10));
        }
        redis.settle(Duration.ofMillis(300), Duration.ofSeconds(3));
        List<String> out = new ArrayList<>();
        for (String channel : CHANNELS) {
            List<JsonNode> want = expected.getOrDefault(channel, List.of());
            ArrayNode wantArray = JsonNodeFactory.instance.arrayNode();
            want.forEach(wantArray::add);
            ArrayNode got = JsonNodeFactory.instance.arrayNode();
            redis.on(channel, since).forEach(m -> got.add(m.data()));
            List<LegacyComparison.Rule> rules = new ArrayList<>();
            rules.add(new LegacyComparison.Rule("", "unordered"));
            LegacyComparison.rulesFor("REDIS " + channel).forEach(r -> rules.add(new LegacyComparison.Rule("/*" + r.path(), r.kind())));
            LegacyComparison.stepRules(recording.scenario(), step.get("name").stringValue(), channel)
                    .forEach(r -> rules.add(new LegacyComparison.Rule("/*" + r.path(), r.kind())));
            new LegacyComparison(recording.recordedAt(), rules).diff(wantArray, got)
                    .forEach(d -> out.add(channel + " " + d));
        }
        return out;
    }

    private List<String> db(Recording recording, JsonNode step) {
        List<String> out = new ArrayList<>();
        step.get("tables").properties().forEach(table -> {
            String name = table.getKey();
            String sql = step.get("queries").get(name).stringValue();
            String json = jdbc.queryForObject("SELECT coalesce(json_agg(q), '[]')::text FROM (" + sql + ") q", String.class);
            JsonNode actual = Recording.JSON.readTree(json);
            List<LegacyComparison.Rule> rules = new ArrayList<>();
            step.path("volatile_columns").path(name).forEach(c -> rules.add(new LegacyComparison.Rule("/*/" + c.stringValue(), "ignore_value")));
            LegacyComparison.rulesFor("DB " + name).forEach(r -> rules.add(new LegacyComparison.Rule("/*" + r.path(), r.kind())));
            LegacyComparison.stepRules(recording.scenario(), step.get("name").stringValue(), name)
                    .forEach(r -> rules.add(new LegacyComparison.Rule("/*" + r.path(), r.kind())));
            new LegacyComparison(recording.recordedAt(), rules).diff(table.getValue(), actual)
                    .forEach(d -> out.add(name + " " + d));
        });
        return out;
    }

    private void awaitFanoutIdle() {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!fanout.idle() && System.nanoTime() < end) {
            Thread.onSpinWait();
        }
        redis.settle(Duration.ofMillis(50), Duration.ofSeconds(2));
    }

    /** What the legacy's resolve-error does to the worker's rows. */
    private void resolveErrors(String path) {
        String email = java.net.URLDecoder.decode(path.split("/")[5], java.nio.charset.StandardCharsets.UTF_8);
        jdbc.update("UPDATE cell_executions SET consecutive_error_count = 0, is_significant_error = false"
                + " WHERE is_significant_error = true AND student_id = (SELECT id FROM students WHERE email = ?)", email);
    }

    /** Every scenario starts from an empty database, as recorded (FORMAT.md §1). */
    private void resetLikeTheRecorder() {
        jdbc.execute("TRUNCATE cell_executions, cells, sessions, notebooks, students, teams, assignment_submissions,"
                + " class_assignments, classes, system_settings, cutover_help_events, cutover_error_streaks,"
                + " cutover_worker_state RESTART IDENTITY CASCADE");
        jdbc.update("TRUNCATE instructor_status_history, instructors RESTART IDENTITY CASCADE");
        jdbc.update("INSERT INTO instructors (email, password_hash, name, role, is_active, status)"
                + " VALUES ('instructor@example.com', '$2b$12$seed', 'テスト講師', 'instructor', true, 'OFFLINE')");
    }

    private static List<String> prefixed(String where, List<String> problems) {
        return problems.stream().map(p -> where + ": " + p).toList();
    }
}
