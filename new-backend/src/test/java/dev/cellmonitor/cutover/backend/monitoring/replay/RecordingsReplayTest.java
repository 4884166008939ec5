package dev.cellmonitor.cutover.backend.monitoring.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.cellmonitor.cutover.backend.admin.instructors.TestInstructorSeed;
import dev.cellmonitor.cutover.backend.monitoring.dashboard.LegacyWorkerFixture;
import dev.cellmonitor.cutover.backend.monitoring.progress.ProgressTestAccess;
import dev.cellmonitor.cutover.backend.monitoring.progress.RealtimeProgress;
import dev.cellmonitor.cutover.backend.monitoring.sockets.WsTestClient;
import dev.cellmonitor.cutover.backend.monitoring.support.HttpTestClient;
import dev.cellmonitor.cutover.backend.redis.RedisNames;
import dev.cellmonitor.cutover.backend.support.BackendIntegrationTest;
import dev.cellmonitor.cutover.backend.support.RecordingFiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replays the monitoring steps of the public recordings (read from {@code shared.dir}; skipped when absent)
 * against this backend and compares the answers, socket frames and database rows with the legacy's, using
 * the recordings' rules and the documented divergences of docs/divergences.md. Steps of other groups are not
 * replayed, except that events ({@code POST /api/v1/events}) are turned into the rows the worker writes and
 * a login into its token and status change.
 */
@BackendIntegrationTest
class RecordingsReplayTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> SCENARIOS = List.of("p04_events_dashboard", "p05_consecutive_errors_dashboard_ws",
            "p06_realtime_progress", "p10_websockets_test_events", "p11_lesson_day_dashboard",
            "p13_progress_class_of_students");
    private static final Pattern OWN_ROUTE = Pattern.compile(
            "^(GET|POST|DELETE|WS) (/api/v1/dashboard/|/api/v1/v1/progress/|/api/v1/instructor/ws/|/api/v1/v1/ws/\\{client_id\\})");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}]+)}}");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    RedisNames names;
    @Autowired
    javax.sql.DataSource dataSource;
    @Autowired
    RealtimeProgress progress;

    @TestFactory
    Stream<DynamicTest> replaysTheMonitoringStepsOfTheRecordings() throws Exception {
        RecordingFiles.requireDir();
        JsonNode rulesFile = RecordingFiles.rules();
        Divergences divergences = new Divergences();
        return SCENARIOS.stream().map(s -> DynamicTest.dynamicTest(s, () -> new Replay(s, rulesFile, divergences).run()));
    }

    private final class Replay {
        private final String scenario;
        private final List<JsonNode> steps = new ArrayList<>();
        private final JsonNode rulesFile;
        private final Divergences divergences;
        private final Map<String, JsonNode> captured = new HashMap<>();
        private final Map<String, WsTestClient> sockets = new LinkedHashMap<>();
        private final List<String> failures = new ArrayList<>();
        private final LocalDate recordedOn;
        private final HttpTestClient http = new HttpTestClient(port);
        private final LegacyWorkerFixture worker = new LegacyWorkerFixture(jdbc, redis, names);
        private int compared;
        private int accepted;

        Replay(String scenario, JsonNode rulesFile, Divergences divergences) {
            this.scenario = scenario;
            this.rulesFile = rulesFile;
            this.divergences = divergences;
            steps.addAll(RecordingFiles.scenario(scenario));
            recordedOn = LocalDate.parse(steps.get(0).get("recorded_at").asString().substring(0, 10));
        }

        void run() {
            resetLikeTheRecorder();
            try {
                for (JsonNode step : steps.subList(1, steps.size())) {
                    switch (step.get("kind").asString()) {
                        case "http" -> http(step);
                        case "ws" -> ws(step);
                        case "db" -> db(step);
                        default -> {
                            // wait and redis steps: the worker here is synchronous; Redis checks are core's
                        }
                    }
                }
            } finally {
                sockets.values().forEach(WsTestClient::close);
            }
            System.out.printf("replay %s: %d steps compared, %d matched thanks to documented divergences, %d failed%n",
                    scenario, compared, accepted, failures.size());
            failures.forEach(f -> System.out.println("  " + f));
            assertThat(compared).isPositive();
            assertThat(failures).as("mismatching steps of " + scenario).isEmpty();
        }

        private void resetLikeTheRecorder() {
            worker.resetTables();
            jdbc.execute("TRUNCATE instructor_status_history, instructors RESTART IDENTITY CASCADE");
            TestInstructorSeed.apply(dataSource);
            ProgressTestAccess.clear(progress);
        }

        private String stepKey(JsonNode step) {
            return scenario + "@" + step.get("name").asString();
        }

        private boolean own(JsonNode step) {
            return OWN_ROUTE.matcher(step.get("route").asString()).find();
        }

        // ---- http -------------------------------------------------------------------------------------

        private void http(JsonNode step) {
            String route = step.get("route").asString();
            JsonNode request = resolve(step.get("request"));
            if (!own(step)) {
                emulate(route, request, step);
                return;
            }
            String path = encodePath(request.get("path").asString()) + queryString(request.get("query"));
            String type = request.path("headers").path("content-type").asString(null);
            String body = switch (request.path("body_type").asString("none")) {
                case "json" -> request.get("body").toString();
                case "raw" -> request.get("body").asString();
                default -> null;
            };
            HttpTestClient.Answer answer = http.send(request.get("method").asString(), path, type, body);
            JsonNode expected = step.get("response");
            compared++;
            List<String> problems = new ArrayList<>();
            List<JsonComparison.Rule> rules = rules(route, step, null);
            List<JsonComparison.Rule> withDivergences = new ArrayList<>(rules);
            List<Divergences.Divergence> applying = divergences.applying(route, stepKey(step));
            applying.forEach(d -> withDivergences.addAll(rulesOf(d.rule().path("rules"), null)));
            if (answer.status() != expected.get("status").asInt()) {
                problems.add("status " + expected.get("status") + " expected, got " + answer.status() + ": " + answer.body());
            } else if (!normalizedType(expected.get("content_type").asString()).equals(normalizedType(answer.contentType()))) {
                problems.add("content type " + expected.get("content_type") + " expected, got " + answer.contentType());
            } else if (expected.get("body_format").asString().equals("json")) {
                JsonNode actual = JSON.readTree(answer.body());
                JsonComparison strict = comparison(rules);
                if (!strict.equal(expected.get("body"), actual)) {
                    JsonComparison lenient = comparison(withDivergences);
                    if (!applying.isEmpty() && lenient.equal(expected.get("body"), actual)) {
                        accepted++;
                    } else {
                        problems.addAll(applying.isEmpty() ? strict.differences() : lenient.differences());
                    }
                }
                capture(step, actual);
            } else if (!expected.get("body").asString().equals(answer.body())) {
                problems.add("body \"" + expected.get("body").asString() + "\" expected, got \"" + answer.body() + "\"");
            }
            report(step, problems);
        }

        /** What the other groups' steps leave behind, as far as the monitoring steps depend on it. */
        private void emulate(String route, JsonNode request, JsonNode step) {
            if (route.equals("POST /api/v1/events") && step.get("response").get("status").asInt() == 202
                    && request.path("body").isArray()) {
                worker.processAll(request.get("body"));
            } else if (route.equals("POST /api/v1/auth/login")) {
                // the admin group's route: run it for real, for its token and status change
                HttpTestClient.Answer answer = http.send("POST", "/api/v1/auth/login", "application/json", request.get("body").toString());
                assertThat(answer.status()).as("login").isEqualTo(step.get("response").get("status").asInt());
                capture(step, JSON.readTree(answer.body()));
            } else if (step.has("captured")) {
                step.get("captured").properties().forEach(e -> captured.put(e.getKey(), e.getValue()));
            }
        }

        private void capture(JsonNode step, JsonNode answer) {
            if (step.has("captures")) {
                step.get("captures").properties().forEach(e -> captured.put(e.getKey(), answer.at(e.getValue().asString())));
            }
        }

        // ---- ws ---------------------------------------------------------------------------------------

        private void ws(JsonNode step) {
            if (!own(step)) {
                return;
            }
            String conn = step.get("conn").asString();
            String action = step.get("action").asString();
            JsonNode result = step.get("result");
            JsonNode expectedFrames = result.path("received");
            int timeout = step.path("timeout_ms").asInt(1500);
            List<WsTestClient.Frame> frames;
            compared++;
            switch (action) {
                case "open" -> {
                    JsonNode request = resolve(step.get("request"));
                    String url = "ws://127.0.0.1:" + port + encodePath(request.get("path").asString())
                            + queryString(request.get("query"));
                    int status = result.get("handshake_status").asInt();
                    if (status != 101) {
                        WsTestClient.Refusal refusal = WsTestClient.refused(url);
                        List<String> problems = new ArrayList<>();
                        if (refusal.status() != status) {
                            problems.add("handshake " + status + " expected, got " + refusal.status());
                        } else if (!refusal.body().equals(result.path("handshake_body").asString(""))) {
                            problems.add("handshake body \"" + result.path("handshake_body").asString() + "\" expected, got \"" + refusal.body() + "\"");
                        }
                        report(step, problems);
                        return;
                    }
                    WsTestClient client = WsTestClient.open(url);
                    sockets.put(conn, client);
                    frames = collect(client, expectedFrames.size(), timeout);
                }
                case "send" -> {
                    WsTestClient client = sockets.get(conn);
                    for (JsonNode frame : resolve(step.get("send"))) {
                        client.send(frame.isString() ? frame.asString() : frame.toString());
                    }
                    frames = collect(client, expectedFrames.size(), timeout);
                }
                case "recv" -> frames = collect(sockets.get(conn), expectedFrames.size(), timeout);
                case "close" -> {
                    WsTestClient client = sockets.remove(conn);
                    WsTestClient.Frame closed = client.closeNormally(timeout);
                    frames = closed == null ? List.of() : List.of(closed);
                }
                default -> throw new IllegalStateException("unknown ws action " + action);
            }
            compareFrames(step, expectedFrames, frames);
        }

        private List<WsTestClient.Frame> collect(WsTestClient client, int expected, int timeoutMs) {
            List<WsTestClient.Frame> frames = new ArrayList<>();
            long deadline = System.currentTimeMillis() + timeoutMs;
            while (frames.size() < expected && System.currentTimeMillis() < deadline) {
                WsTestClient.Frame frame = client.next(Math.max(1, deadline - System.currentTimeMillis()));
                if (frame != null) {
                    frames.add(frame);
                }
            }
            frames.addAll(client.drain(300, 300));
            return frames;
        }

        private void compareFrames(JsonNode step, JsonNode expected, List<WsTestClient.Frame> frames) {
            String route = step.get("route").asString();
            List<JsonNode> actual = new ArrayList<>();
            for (WsTestClient.Frame f : frames) {
                ObjectNode node = JsonNodeFactory.instance.objectNode();
                if (f.isClose()) {
                    node.put("type", "close").put("code", f.closeCode()).put("reason", f.closeReason());
                } else {
                    node.put("type", "text");
                    node.set("data", tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(f.text()));
                    try {
                        node.set("data", JSON.readTree(f.text()));
                    } catch (RuntimeException e) {
                        // not JSON: compared as text
                    }
                }
                actual.add(node);
            }
            List<String> strict = frameDifferences(expected, actual, rules(route, step, null), Set.of(),
                    step.path("unordered").asBoolean(false));
            if (strict.isEmpty()) {
                return;
            }
            List<Divergences.Divergence> applying = divergences.applying(route, stepKey(step));
            if (!applying.isEmpty()) {
                List<JsonComparison.Rule> rules = rules(route, step, null);
                Set<String> options = new HashSet<>();
                for (Divergences.Divergence d : applying) {
                    rules.addAll(rulesOf(d.rule().path("rules"), null));
                    JsonNode ws = d.rule().path("ws");
                    if (ws.isArray()) {
                        ws.forEach(o -> options.add(o.asString()));
                    } else if (ws.isString()) {
                        options.add(ws.asString());
                    }
                }
                List<String> lenient = frameDifferences(expected, actual, rules, options, step.path("unordered").asBoolean(false));
                if (lenient.isEmpty()) {
                    accepted++;
                    return;
                }
                strict = lenient;
            }
            report(step, strict);
        }

        private List<String> frameDifferences(JsonNode expected, List<JsonNode> actual, List<JsonComparison.Rule> rules,
                                              Set<String> options, boolean unordered) {
            List<JsonNode> wanted = new ArrayList<>();
            expected.forEach(f -> {
                if (!f.get("type").asString().equals("eof")
                        && !(options.contains("no_close") && f.get("type").asString().equals("close"))) {
                    wanted.add(f);
                }
            });
            List<JsonNode> got = new ArrayList<>(actual);
            if (options.contains("no_close")) {
                got.removeIf(f -> f.get("type").asString().equals("close"));
            }
            List<String> problems = new ArrayList<>();
            if (!options.contains("extra_frames") && got.size() != wanted.size()) {
                problems.add(wanted.size() + " frames expected, got " + got.size() + ": " + got);
                return problems;
            }
            int next = 0;
            for (JsonNode want : wanted) {
                int match = -1;
                List<String> firstDiffs = null;
                int from = unordered || options.contains("extra_frames") ? 0 : next;
                int to = unordered || options.contains("extra_frames") ? got.size() : Math.min(next + 1, got.size());
                for (int j = from; j < to && match < 0; j++) {
                    List<String> diffs = frameDiffs(want, got.get(j), rules);
                    if (diffs.isEmpty()) {
                        match = j;
                    } else if (firstDiffs == null) {
                        firstDiffs = diffs;
                    }
                }
                if (match < 0) {
                    problems.add("frame " + want + " not received" + (firstDiffs == null ? "" : ": " + firstDiffs));
                } else if (unordered || options.contains("extra_frames")) {
                    got.remove(match);
                } else {
                    next++;
                }
            }
            return problems;
        }

        private List<String> frameDiffs(JsonNode want, JsonNode got, List<JsonComparison.Rule> rules) {
            if (!want.get("type").asString().equals(got.get("type").asString())) {
                return List.of("frame type " + want.get("type") + " expected, got " + got.get("type"));
            }
            if (want.get("type").asString().equals("close")) {
                return want.get("code").equals(got.get("code")) && want.path("reason").asString("").equals(got.path("reason").asString(""))
                        ? List.of() : List.of("close " + want + " expected, got " + got);
            }
            JsonComparison comparison = comparison(rules);
            comparison.equal(want.get("data"), got.get("data"));
            return comparison.differences();
        }

        // ---- db ---------------------------------------------------------------------------------------

        private void db(JsonNode step) {
            boolean instructorTables = step.get("tables").has("instructor_status_history");
            if (!own(step) && !instructorTables) {
                return;
            }
            compared++;
            List<String> problems = new ArrayList<>();
            step.get("queries").properties().forEach(query -> {
                String table = query.getKey();
                String rows = jdbc.execute((java.sql.Connection c) -> {
                    try (var s = c.createStatement()) {
                        s.execute("SET TimeZone = 'UTC'");
                        try (var rs = s.executeQuery("SELECT coalesce(json_agg(q), '[]')::text FROM (" + query.getValue().asString() + ") q")) {
                            rs.next();
                            return rs.getString(1);
                        }
                    }
                });
                JsonNode actual = JSON.readTree(rows);
                JsonNode expected = step.get("tables").get(table);
                List<JsonComparison.Rule> rules = rulesOf(rulesFile.path("routes").path("DB " + table), null);
                rules.addAll(rulesOf(rulesFile.path("steps").path(stepKey(step)), table));
                step.path("volatile_columns").path(table).forEach(col -> rules.add(
                        new JsonComparison.Rule("/*/" + col.asString(), "ignore_value", null)));
                JsonComparison comparison = comparison(rules);
                if (!comparison.equal(expected, actual)) {
                    comparison.differences().forEach(d -> problems.add(table + d));
                }
            });
            report(step, problems);
        }

        // ---- rules, placeholders, helpers --------------------------------------------------------------

        private JsonComparison comparison(List<JsonComparison.Rule> rules) {
            Set<String> volatileKeys = new HashSet<>();
            rulesFile.path("global").path("volatile_number_keys").forEach(k -> volatileKeys.add(k.asString()));
            return new JsonComparison(rules, volatileKeys, recordedOn,
                    rulesFile.path("global").path("volatile_timestamp_window_days").asInt(3));
        }

        private List<JsonComparison.Rule> rules(String route, JsonNode step, String table) {
            List<JsonComparison.Rule> rules = new ArrayList<>();
            rulesFile.path("routes").properties().forEach(e -> {
                String key = e.getKey();
                boolean matches = key.startsWith("~") ? Pattern.compile(key.substring(1)).matcher(route).find() : key.equals(route);
                if (matches || key.equals("*")) {
                    rules.addAll(rulesOf(e.getValue(), table));
                }
            });
            rules.addAll(rulesOf(rulesFile.path("steps").path(stepKey(step)), table));
            rules.addAll(rulesOf(rulesFile.path("steps").path(scenario + "#" + step.get("step").asInt()), table));
            if (step.has("compare")) {
                rules.addAll(rulesOf(step.get("compare"), table));
            }
            return rules;
        }

        private List<JsonComparison.Rule> rulesOf(JsonNode list, String table) {
            List<JsonComparison.Rule> rules = new ArrayList<>();
            if (list != null && list.isArray()) {
                for (JsonNode r : list) {
                    if (table == null ? !r.has("table") : r.path("table").asString(table).equals(table)) {
                        rules.add(new JsonComparison.Rule(r.get("path").asString(), r.get("kind").asString(), r));
                    }
                }
            }
            return rules;
        }

        private JsonNode resolve(JsonNode template) {
            if (template == null) {
                return null;
            }
            if (template.isString()) {
                String s = template.asString();
                Matcher whole = PLACEHOLDER.matcher(s);
                if (whole.matches()) {
                    return value(whole.group(1));
                }
                Matcher m = PLACEHOLDER.matcher(s);
                StringBuilder out = new StringBuilder();
                while (m.find()) {
                    JsonNode v = value(m.group(1));
                    m.appendReplacement(out, Matcher.quoteReplacement(v.isString() ? v.asString() : v.toString()));
                }
                m.appendTail(out);
                return JsonNodeFactory.instance.stringNode(out.toString());
            }
            if (template.isArray()) {
                ArrayNode out = JsonNodeFactory.instance.arrayNode();
                template.forEach(e -> out.add(resolve(e)));
                return out;
            }
            if (template.isObject()) {
                ObjectNode out = JsonNodeFactory.instance.objectNode();
                template.properties().forEach(e -> out.set(resolve(JsonNodeFactory.instance.stringNode(e.getKey())).asString(), resolve(e.getValue())));
                return out;
            }
            return template;
        }

        private JsonNode value(String name) {
            DateTimeFormatter iso = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
            if (name.equals("$now_iso")) {
                return JsonNodeFactory.instance.stringNode(iso.format(Instant.now().truncatedTo(ChronoUnit.MILLIS)));
            }
            if (name.startsWith("$now_iso_minus_s:")) {
                long seconds = Long.parseLong(name.substring(name.indexOf(':') + 1));
                return JsonNodeFactory.instance.stringNode(iso.format(Instant.now().minusSeconds(seconds)));
            }
            JsonNode v = captured.get(name);
            if (v == null) {
                throw new AssertionError(scenario + ": placeholder {{" + name + "}} has no captured value");
            }
            return v;
        }

        private void report(JsonNode step, List<String> problems) {
            if (!problems.isEmpty()) {
                failures.add("step " + step.get("step").asInt() + " (" + step.get("name").asString() + ", "
                        + step.get("route").asString() + "): " + String.join("; ", problems));
            }
        }
    }

    private static String normalizedType(String type) {
        return type == null ? "" : type.replace(" ", "").toLowerCase(java.util.Locale.ROOT);
    }

    private static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "/:@!$&'()*+,;=-._~%".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static String queryString(JsonNode query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        query.properties().forEach(e -> {
            List<JsonNode> values = new ArrayList<>();
            if (e.getValue().isArray()) {
                e.getValue().forEach(values::add);
            } else {
                values.add(e.getValue());
            }
            values.forEach(v -> parts.add(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(v.isString() ? v.asString() : v.toString(), StandardCharsets.UTF_8)));
        });
        return "?" + String.join("&", parts);
    }
}
