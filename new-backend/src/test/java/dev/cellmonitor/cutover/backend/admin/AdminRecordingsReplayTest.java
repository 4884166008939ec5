package dev.cellmonitor.cutover.backend.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.cellmonitor.cutover.backend.admin.AdminApi.Response;
import dev.cellmonitor.cutover.backend.support.BackendIntegrationTest;
import dev.cellmonitor.cutover.backend.support.RecordingFiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replays the admin steps of the public recordings (auth, instructors, instructor status, settings; not the
 * dashboard routes, which belong to monitoring) against this backend, each scenario from the recordings' reset state,
 * and compares with the legacy's answers by the recordings' rules plus the admin divergences of docs/divergences.md.
 */
@BackendIntegrationTest
class AdminRecordingsReplayTest {

    /** Admin steps that depend on state other groups create; replayed by those groups' suites. */
    private static final Map<String, String> NOT_OURS = Map.of(
            "p10_websockets_test_events#30", "the status was set through the instructor WebSocket (monitoring)",
            "p10_websockets_test_events#36", "rows written through the instructor WebSocket (monitoring)");
    private static final Set<String> ADMIN_TABLES = Set.of("instructors", "instructor_status_history", "system_settings");

    private static final AtomicInteger passed = new AtomicInteger();
    private static final List<String> accepted = new ArrayList<>();
    private static final List<String> skipped = new ArrayList<>();

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;

    @TestFactory
    Stream<DynamicNode> replaysTheAdminStepsOfTheRecordings() throws IOException {
        RecordingFiles.requireDir();
        RecordingRules rules = new RecordingRules();
        AdminApi api = new AdminApi(port, dataSource);
        List<DynamicNode> scenarios = new ArrayList<>();
        for (String scenarioName : RecordingFiles.scenarios()) {
            List<JsonNode> lines = RecordingFiles.scenario(scenarioName);
            List<JsonNode> steps = lines.stream().filter(this::isOurs).toList();
            if (steps.isEmpty()) {
                continue;
            }
            Scenario scenario = new Scenario(api, rules, lines.get(0));
            List<DynamicTest> tests = new ArrayList<>();
            tests.add(DynamicTest.dynamicTest("reset", scenario::reset));
            for (JsonNode step : steps) {
                String name = "#" + step.get("step").asInt() + " " + step.path("name").asString() + " [" + step.path("route").asString() + "]";
                tests.add(DynamicTest.dynamicTest(name, () -> scenario.run(step)));
            }
            scenarios.add(DynamicContainer.dynamicContainer(lines.get(0).get("scenario").asString(), tests));
        }
        return scenarios.stream();
    }

    @AfterAll
    static void summary() {
        System.out.printf("admin replay: %d passed, %d accepted divergences, %d skipped%n", passed.get(), accepted.size(), skipped.size());
        accepted.forEach(s -> System.out.println("  accepted " + s));
        skipped.forEach(s -> System.out.println("  skipped " + s));
    }

    private boolean isOurs(JsonNode step) {
        String kind = step.path("kind").asString();
        if (!step.path("group").asString().equals("admin") || step.path("route").asString().contains("/api/v1/dashboard/")) {
            return false;
        }
        if (kind.equals("db")) {
            Set<String> tables = new HashSet<>();
            step.get("tables").propertyNames().forEach(tables::add);
            return ADMIN_TABLES.containsAll(tables);
        }
        return kind.equals("http");
    }

    private static final class Scenario {
        private final AdminApi api;
        private final RecordingRules rules;
        private final String name;
        private final Instant recordedAt;
        private final Map<String, RecordedComparison.Capture> captures = new LinkedHashMap<>();

        Scenario(AdminApi api, RecordingRules rules, JsonNode setup) {
            this.api = api;
            this.rules = rules;
            this.name = setup.get("scenario").asString();
            this.recordedAt = Instant.parse(setup.get("recorded_at").asString());
        }

        void reset() {
            api.reset();
            captures.clear();
        }

        void run(JsonNode step) {
            String key = name + "#" + step.get("step").asInt();
            if (NOT_OURS.containsKey(key)) {
                skipped.add(key + ": " + NOT_OURS.get(key));
                assumeTrue(false, NOT_OURS.get(key));
            }
            if (step.get("kind").asString().equals("db")) {
                db(step);
            } else {
                http(step);
            }
        }

        private void http(JsonNode step) {
            JsonNode request = substitute(step.get("request"));
            String query = query(request.path("query"));
            String bodyType = request.path("body_type").asString("none");
            String body = switch (bodyType) {
                case "none" -> null;
                case "json" -> request.get("body").toString();
                case "raw" -> request.get("body").asString();
                default -> throw new IllegalStateException("body type " + bodyType + " not used by admin steps");
            };
            String contentType = request.path("headers").path("content-type").asString(null);
            String authorization = request.path("headers").path("authorization").asString(null);
            Response actual = api.sendRaw(request.get("method").asString(), request.get("path").asString() + query,
                    authorization, contentType, body);

            JsonNode recorded = step.get("response");
            String route = step.get("route").asString();
            String stepKey = name + "@" + step.get("name").asString();
            List<RecordingRules.Rule> base = new ArrayList<>(rules.forRoute(route, name, step.get("name").asString(),
                    step.get("step").asInt(), null));
            step.path("compare").forEach(r -> base.add(RecordingRules.Rule.of(r)));
            List<RecordingRules.Divergence> divergences = rules.divergencesFor(route, stepKey);
            JsonNode candidateBody = body(actual);

            if (recorded.get("status").asInt() != actual.status()) {
                RecordingRules.Divergence accepting = divergences.stream()
                        .filter(d -> d.legacy().contains(recorded.get("status").asInt()) && d.candidate().contains(actual.status()))
                        .findFirst().orElse(null);
                assertThat(accepting).as("status %d instead of %d, no divergence accepts it; body %s", actual.status(),
                        recorded.get("status").asInt(), actual.text()).isNotNull();
                switch (accepting.body()) {
                    case "detail" -> assertThat(candidateBody.isObject() && candidateBody.size() == 1 && candidateBody.has("detail"))
                            .as("legacy-shaped {\"detail\": ...} body, got %s", actual.text()).isTrue();
                    case "same" -> compareBody(recorded, candidateBody, base, accepting.rules());
                    default -> {
                    }
                }
                accepted.add(name + "#" + step.get("step").asInt() + " (" + accepting.id() + ")");
                capture(step, candidateBody);
                return;
            }
            assertThat(normalizeType(actual.contentType())).isEqualTo(normalizeType(recorded.get("content_type").asString()));
            recorded.path("headers").properties().forEach(h ->
                    assertThat(actual.header(h.getKey())).as("header " + h.getKey()).isEqualTo(h.getValue().asString()));
            List<RecordingRules.Rule> extra = new ArrayList<>();
            divergences.forEach(d -> extra.addAll(d.rules()));
            if (compareBody(recorded, candidateBody, base, extra)) {
                accepted.add(name + "#" + step.get("step").asInt() + " (" + divergences.stream().map(RecordingRules.Divergence::id).toList() + ")");
            } else {
                passed.incrementAndGet();
            }
            capture(step, candidateBody);
        }

        /** True when only the divergence rules made the bodies match. */
        private boolean compareBody(JsonNode recorded, JsonNode candidate, List<RecordingRules.Rule> base,
                List<RecordingRules.Rule> divergenceRules) {
            JsonNode expected = recorded.get("body");
            if (!recorded.path("body_format").asString().equals("json")) {
                assertThat(candidate.isString() ? candidate.asString() : candidate.toString()).isEqualTo(expected.asString());
                return false;
            }
            RecordedComparison strict = comparison(base, Set.of());
            if (strict.equal(expected, candidate)) {
                return false;
            }
            List<RecordingRules.Rule> all = new ArrayList<>(base);
            all.addAll(divergenceRules);
            RecordedComparison lenient = comparison(all, Set.of());
            assertThat(lenient.equal(expected, candidate)).as("body differs: %s%n  recorded  %s%n  candidate %s",
                    strict.diffs, expected, candidate).isTrue();
            return true;
        }

        private void db(JsonNode step) {
            api.jdbc().execute("SET TimeZone = 'UTC'");
            String route = step.get("route").asString();
            boolean onlyByDivergence = false;
            for (Map.Entry<String, JsonNode> table : step.get("tables").properties()) {
                String sql = step.get("queries").get(table.getKey()).asString();
                String rows = api.jdbc().queryForObject("SELECT coalesce(json_agg(q), '[]')::text FROM (" + sql + ") q", String.class);
                Set<String> volatileColumns = new HashSet<>();
                step.path("volatile_columns").path(table.getKey()).forEach(c -> volatileColumns.add(c.asString()));
                List<RecordingRules.Rule> base = rules.forRoute("DB " + table.getKey(), name, step.get("name").asString(),
                        step.get("step").asInt(), table.getKey()).stream().map(r -> new RecordingRules.Rule("/*" + r.path(),
                        r.kind(), r.regex(), r.repl(), r.values())).toList();
                List<RecordingRules.Rule> all = new ArrayList<>(base);
                rules.divergencesFor("DB " + table.getKey(), name + "@" + step.get("name").asString())
                        .forEach(d -> d.rules().forEach(r -> all.add(new RecordingRules.Rule("/*" + r.path(), r.kind(), r.regex(), r.repl(), r.values()))));
                JsonNode candidate = AdminApi.JSON.readTree(rows);
                RecordedComparison strict = comparison(base, volatileColumns);
                if (!strict.equal(table.getValue(), candidate)) {
                    RecordedComparison lenient = comparison(all, volatileColumns);
                    assertThat(lenient.equal(table.getValue(), candidate)).as("table %s after %s differs: %s%n  recorded  %s%n  candidate %s",
                            table.getKey(), route, strict.diffs, table.getValue(), candidate).isTrue();
                    onlyByDivergence = true;
                }
            }
            if (onlyByDivergence) {
                accepted.add(name + "#" + step.get("step").asInt());
            } else {
                passed.incrementAndGet();
            }
        }

        private RecordedComparison comparison(List<RecordingRules.Rule> rulesToApply, Set<String> volatileColumns) {
            return new RecordedComparison(rules.global, rulesToApply, captures, recordedAt, volatileColumns);
        }

        private void capture(JsonNode step, JsonNode body) {
            step.path("captures").properties().forEach(c -> {
                JsonNode value = body.at(c.getValue().asString());
                assertThat(value.isMissingNode()).as("capture %s at %s", c.getKey(), c.getValue().asString()).isFalse();
                captures.put(c.getKey(), new RecordedComparison.Capture(step.path("captured").get(c.getKey()), value));
            });
        }

        /** {@code {{name}}} placeholders resolved with the candidate's own captures. */
        private JsonNode substitute(JsonNode node) {
            if (node.isString()) {
                String s = node.asString();
                if (s.matches("\\{\\{[^}]+}}") && captures.containsKey(s.substring(2, s.length() - 2))) {
                    return captures.get(s.substring(2, s.length() - 2)).candidate();
                }
                for (Map.Entry<String, RecordedComparison.Capture> c : captures.entrySet()) {
                    JsonNode v = c.getValue().candidate();
                    s = s.replace("{{" + c.getKey() + "}}", v.isString() ? v.asString() : v.toString());
                }
                assertThat(s).as("unresolved placeholder").doesNotContain("{{");
                return JsonNodeFactory.instance.stringNode(s);
            }
            if (node.isArray()) {
                var out = JsonNodeFactory.instance.arrayNode();
                node.forEach(e -> out.add(substitute(e)));
                return out;
            }
            if (node.isObject()) {
                ObjectNode out = JsonNodeFactory.instance.objectNode();
                node.properties().forEach(e -> out.set(substitute(JsonNodeFactory.instance.stringNode(e.getKey())).asString(),
                        substitute(e.getValue())));
                return out;
            }
            return node;
        }

        private static String query(JsonNode query) {
            List<String> parts = new ArrayList<>();
            query.properties().forEach(e -> {
                for (JsonNode v : e.getValue().isArray() ? e.getValue() : List.of(e.getValue())) {
                    parts.add(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(v.asString(), StandardCharsets.UTF_8));
                }
            });
            return parts.isEmpty() ? "" : "?" + String.join("&", parts);
        }

        private static JsonNode body(Response response) {
            String type = response.contentType() == null ? "" : response.contentType();
            if (type.startsWith("application/json")) {
                return AdminApi.JSON.readTree(response.text());
            }
            return JsonNodeFactory.instance.stringNode(response.text());
        }

        private static String normalizeType(String contentType) {
            return contentType == null ? "" : contentType.replace(" ", "").toLowerCase(Locale.ROOT);
        }
    }
}
