package dev.cellmonitor.cutover.backend.lms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import dev.cellmonitor.cutover.backend.lms.LmsHttp.Reply;
import dev.cellmonitor.cutover.backend.lms.RecordedComparison.Capture;
import dev.cellmonitor.cutover.backend.lms.RecordedComparison.Rule;
import dev.cellmonitor.cutover.backend.support.BackendIntegrationTest;
import dev.cellmonitor.cutover.backend.support.RecordingFiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Replays the LMS HTTP steps of the public recordings (and the {@code /static} ones) against this backend and
 * compares status, content type and body with the legacy's recorded answers, under the recordings' rules plus the
 * parity rules of the {@code ## lms} rows of docs/divergences.md. Steps of other groups are not replayed; the rows
 * they would have created (students, notebooks: the event worker's work) are seeded from the scenario's first
 * database snapshot instead. Database and Redis steps are left to the parity suite.
 */
@BackendIntegrationTest
class LmsRecordingsReplayTest extends LmsIntegrationTest {

    private static final List<String> SCENARIOS = List.of("p01_root_health_docs", "p03_lms_chain",
            "p09_admin_settings_classroom_maps", "p12_lms_course_setup");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}]+)}}");

    @TestFactory
    Stream<DynamicTest> replaysTheLmsStepsOfTheRecordings() {
        RecordingFiles.requireDir();
        return SCENARIOS.stream().map(name -> DynamicTest.dynamicTest(name, () -> replay(name)));
    }

    private void replay(String scenario) throws IOException {
        List<JsonNode> lines = RecordingFiles.scenario(scenario);
        JsonNode rulesFile = RecordingFiles.rules();
        List<JsonNode> divergences = RecordingFiles.divergences("lms", "LMS-").stream()
                .map(RecordingFiles.DivergenceRow::rule).toList();
        Instant recordedAt = Instant.parse(lines.getFirst().get("recorded_at").asString());
        Duration window = Duration.ofDays(rulesFile.get("global").get("volatile_timestamp_window_days").asLong());

        reset(lines);
        LmsHttp http = new LmsHttp(port);
        Map<String, Capture> captures = new LinkedHashMap<>();
        List<String> mismatches = new ArrayList<>();
        List<String> accepted = new ArrayList<>();
        int replayed = 0;
        for (JsonNode step : lines.subList(1, lines.size())) {
            if (!replays(step)) {
                continue;
            }
            replayed++;
            String route = step.get("route").asString();
            String label = scenario + "#" + step.get("step").asInt() + " " + step.get("name").asString();
            Reply reply = send(http, step.get("request"), captures);
            JsonNode recorded = step.get("response");

            List<Rule> rules = rulesFor(rulesFile, divergences, scenario, step);
            JsonNode divergence = statusDivergence(divergences, scenario, step, recorded.get("status").asInt(), reply.status());
            List<String> differences = new ArrayList<>();
            if (divergence != null) {
                String body = divergence.path("body").asString("same");
                if (body.equals("detail") && !isDetail(reply)) {
                    differences.add("body is not a legacy-shaped {\"detail\": ...}: " + reply.text());
                }
                if (body.equals("same")) {
                    differences.addAll(compareBodies(recorded, reply, rules, captures, recordedAt, window));
                }
                if (differences.isEmpty()) {
                    accepted.add(label + " (" + recorded.get("status").asInt() + " -> " + reply.status() + ")");
                }
            } else if (recorded.get("status").asInt() != reply.status()) {
                differences.add("status " + reply.status() + " instead of " + recorded.get("status").asInt() + ": " + reply.text());
            } else {
                String expectedType = normalisedType(recorded.get("content_type").asString());
                if (!expectedType.equals(normalisedType(reply.contentType()))) {
                    differences.add("content type " + reply.contentType() + " instead of " + expectedType);
                }
                differences.addAll(compareBodies(recorded, reply, rules, captures, recordedAt, window));
                if (differences.isEmpty() && !compareBodies(recorded, reply, rulesFor(rulesFile, List.of(), scenario, step),
                        captures, recordedAt, window).isEmpty()) {
                    accepted.add(label + " (body, by a divergence rule)");
                }
                JsonNode headers = recorded.get("headers");
                if (headers != null && headers.isObject()) {
                    headers.properties().forEach(h -> {
                        RecordedComparison texts = new RecordedComparison(List.of(), captures, recordedAt, window);
                        if (reply.header(h.getKey()) == null || !texts.sameText(h.getValue().asString(), reply.header(h.getKey()))) {
                            differences.add("header " + h.getKey() + ": " + reply.header(h.getKey()) + " instead of " + h.getValue().asString());
                        }
                    });
                }
            }
            if (!differences.isEmpty()) {
                mismatches.add(label + " [" + route + "]: " + String.join("; ", differences));
            }
            capture(step, reply, captures);
        }
        System.out.printf("%s: %d LMS steps replayed, %d accepted divergences%s%n", scenario, replayed, accepted.size(),
                accepted.isEmpty() ? "" : ":\n  " + String.join("\n  ", accepted));
        assertThat(replayed).as("LMS steps in " + scenario).isPositive();
        assertThat(mismatches).as("steps answering unlike the legacy").isEmpty();
    }

    /** The LMS group's HTTP steps and the static-file ones (this package serves /static). */
    private static boolean replays(JsonNode step) {
        if (!step.get("kind").asString().equals("http")) {
            return false;
        }
        return step.path("group").asString().equals("lms") || step.get("route").asString().startsWith("GET /static/");
    }

    // ---------- state

    /** The scenario's reset: empty LMS tables and maps, plus the students and notebooks its events created. */
    private void reset(List<JsonNode> lines) {
        jdbc.execute("TRUNCATE classes, class_assignments, assignment_submissions, classroom_maps, team_positions,"
                + " students, teams, notebooks RESTART IDENTITY CASCADE");
        clearStaticDirectory();
        lines.stream().filter(l -> l.get("kind").asString().equals("db") && l.get("tables").has("students"))
                .findFirst().ifPresent(this::seed);
    }

    private void seed(JsonNode snapshot) {
        Map<Long, String> teams = new LinkedHashMap<>();
        for (JsonNode student : snapshot.get("tables").get("students")) {
            if (!student.get("team_id").isNull()) {
                teams.put(student.get("team_id").asLong(), student.get("team_name").asString());
            }
        }
        teams.forEach((id, name) -> jdbc.update("INSERT INTO teams (id, team_name) VALUES (?, ?)", id, name));
        for (JsonNode s : snapshot.get("tables").get("students")) {
            jdbc.update("INSERT INTO students (id, email, name, team_id, is_requesting_help) VALUES (?, ?, ?, ?, ?)",
                    s.get("id").asLong(), s.get("email").asString(), s.get("name").asString(null),
                    s.get("team_id").isNull() ? null : s.get("team_id").asLong(), s.get("is_requesting_help").asBoolean());
        }
        for (JsonNode n : snapshot.get("tables").path("notebooks")) {
            jdbc.update("INSERT INTO notebooks (id, path, name) VALUES (?, ?, ?)", n.get("id").asLong(),
                    n.get("path").asString(), n.get("name").asString());
        }
        for (String table : List.of("teams", "students", "notebooks")) {
            jdbc.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), coalesce(max(id), 0) + 1, false) FROM " + table);
        }
    }

    // ---------- requests

    private Reply send(LmsHttp http, JsonNode request, Map<String, Capture> captures) {
        String path = resolveText(request.get("path").asString(), captures);
        StringBuilder uri = new StringBuilder(encodePath(path));
        String separator = "?";
        for (Map.Entry<String, JsonNode> q : request.path("query").properties()) {
            List<JsonNode> values = q.getValue().isArray() ? toList(q.getValue()) : List.of(q.getValue());
            for (JsonNode value : values) {
                uri.append(separator).append(URLEncoder.encode(q.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(resolveText(value.asString(), captures), StandardCharsets.UTF_8));
                separator = "&";
            }
        }
        String method = request.get("method").asString();
        String bodyType = request.path("body_type").asString("none");
        JsonNode body = resolve(request.get("body"), captures);
        String contentType = request.path("headers").path("content-type").asString(null);
        byte[] bytes = null;
        switch (bodyType) {
            case "json" -> bytes = LmsHttp.JSON.writeValueAsBytes(body);
            case "raw" -> bytes = body.asString().getBytes(StandardCharsets.UTF_8);
            case "form" -> {
                List<String> pairs = new ArrayList<>();
                body.properties().forEach(e -> pairs.add(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue().asString(), StandardCharsets.UTF_8)));
                bytes = String.join("&", pairs).getBytes(StandardCharsets.UTF_8);
                contentType = "application/x-www-form-urlencoded";
            }
            case "multipart" -> {
                Multipart form = new Multipart();
                body.path("fields").properties().forEach(e -> form.field(e.getKey(), e.getValue().asString()));
                body.path("files").properties().forEach(e -> form.file(e.getKey(), e.getValue().get("filename").asString(),
                        e.getValue().get("content_type").asString(), Base64.getDecoder().decode(e.getValue().get("base64").asString())));
                bytes = form.bytes();
                contentType = form.contentType();
            }
            default -> {
                // no body
            }
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(http.uri(uri.toString())).method(method,
                bytes == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return http.send(builder);
    }

    /** Placeholders: a string that is exactly one placeholder takes the captured value with its JSON type. */
    private static JsonNode resolve(JsonNode node, Map<String, Capture> captures) {
        if (node == null || node.isNull()) {
            return node;
        }
        if (node.isString()) {
            Matcher whole = PLACEHOLDER.matcher(node.asString());
            if (whole.matches()) {
                return captured(whole.group(1), captures);
            }
            return StringNode.valueOf(resolveText(node.asString(), captures));
        }
        if (node.isObject()) {
            ObjectNode out = LmsHttp.JSON.createObjectNode();
            node.properties().forEach(e -> out.set(resolveText(e.getKey(), captures), resolve(e.getValue(), captures)));
            return out;
        }
        if (node.isArray()) {
            var out = LmsHttp.JSON.createArrayNode();
            node.forEach(e -> out.add(resolve(e, captures)));
            return out;
        }
        return node;
    }

    private static String resolveText(String text, Map<String, Capture> captures) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            JsonNode value = captured(m.group(1), captures);
            m.appendReplacement(out, Matcher.quoteReplacement(value.isString() ? value.asString() : value.toString()));
        }
        return m.appendTail(out).toString();
    }

    private static JsonNode captured(String name, Map<String, Capture> captures) {
        Capture capture = captures.get(name);
        if (capture == null) {
            throw new IllegalStateException("unresolved placeholder {{" + name + "}} (an earlier capture failed)");
        }
        return capture.candidate();
    }

    private static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c > 0x20 && c < 0x7f && c != '%' && c != '?' && c != '#') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static void capture(JsonNode step, Reply reply, Map<String, Capture> captures) {
        JsonNode pointers = step.get("captures");
        if (pointers == null || !pointers.isObject() || reply.status() >= 300) {
            return;
        }
        JsonNode body = reply.json();
        pointers.properties().forEach(e -> {
            JsonNode value = body.at(e.getValue().asString());
            if (!value.isMissingNode()) {
                captures.put(e.getKey(), new Capture(step.get("captured").get(e.getKey()), value));
            }
        });
    }

    // ---------- comparison

    private static List<String> compareBodies(JsonNode recorded, Reply reply, List<Rule> rules,
                                              Map<String, Capture> captures, Instant recordedAt, Duration window) {
        JsonNode expected = recorded.get("body");
        JsonNode actual;
        switch (recorded.get("body_format").asString()) {
            case "json" -> {
                try {
                    actual = reply.json();
                } catch (RuntimeException e) {
                    return List.of("body is not JSON: " + reply.text());
                }
            }
            case "binary" -> {
                ObjectNode digest = LmsHttp.JSON.createObjectNode();
                digest.put("sha256", sha256(reply.bytes()));
                digest.put("length", reply.bytes().length);
                actual = digest;
            }
            default -> actual = StringNode.valueOf(reply.text());
        }
        return new RecordedComparison(rules, captures, recordedAt, window).compare(expected, actual);
    }

    /** rules.json (route, regex-route and step rules, step-level {@code compare}) plus the divergence rows' rules. */
    private static List<Rule> rulesFor(JsonNode rulesFile, List<JsonNode> divergences, String scenario, JsonNode step) {
        String route = step.get("route").asString();
        List<Rule> rules = new ArrayList<>();
        rulesFile.get("routes").properties().forEach(e -> {
            if (routeMatches(e.getKey(), route) || e.getKey().equals("*")) {
                e.getValue().forEach(r -> rules.add(Rule.of(r)));
            }
        });
        rulesFile.get("steps").properties().forEach(e -> {
            if (stepMatches(e.getKey(), scenario, step)) {
                e.getValue().forEach(r -> rules.add(Rule.of(r)));
            }
        });
        step.path("compare").forEach(r -> rules.add(Rule.of(r)));
        for (JsonNode d : divergences) {
            if (routeMatches(d.get("route").asString(), route) && (!d.has("step") || stepMatches(d.get("step").asString(), scenario, step))) {
                d.path("rules").forEach(r -> rules.add(Rule.of(r)));
            }
        }
        return rules;
    }

    /** The divergence row accepting this status change, if any. */
    private static JsonNode statusDivergence(List<JsonNode> divergences, String scenario, JsonNode step,
                                             int legacy, int candidate) {
        String route = step.get("route").asString();
        for (JsonNode d : divergences) {
            JsonNode status = d.get("status");
            if (status == null || !routeMatches(d.get("route").asString(), route)
                    || (d.has("step") && !stepMatches(d.get("step").asString(), scenario, step))) {
                continue;
            }
            if (contains(status.get("legacy"), legacy) && contains(status.get("candidate"), candidate)) {
                return d;
            }
        }
        return null;
    }

    private static boolean contains(JsonNode list, int status) {
        for (JsonNode n : list) {
            if (n.asInt() == status) {
                return true;
            }
        }
        return false;
    }

    private static boolean routeMatches(String key, String route) {
        return key.startsWith("~") ? Pattern.compile(key.substring(1)).matcher(route).find() : key.equals(route);
    }

    private static boolean stepMatches(String key, String scenario, JsonNode step) {
        return key.equals(scenario + "@" + step.get("name").asString()) || key.equals(scenario + "#" + step.get("step").asInt());
    }

    private static boolean isDetail(Reply reply) {
        try {
            JsonNode body = reply.json();
            return body.isObject() && body.size() == 1 && body.has("detail");
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String normalisedType(String contentType) {
        return contentType == null ? "" : contentType.replace(" ", "").toLowerCase(Locale.ROOT);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
