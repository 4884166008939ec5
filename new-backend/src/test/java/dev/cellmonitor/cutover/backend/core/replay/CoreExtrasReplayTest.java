package dev.cellmonitor.cutover.backend.core.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import dev.cellmonitor.cutover.backend.support.BackendIntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replays the recorded legacy steps of the core-extras routes (test events, offline sync, environment, notebook
 * versions, framework docs) against a fresh backend. The scenarios touch disjoint in-memory stores, except the
 * two notebook scenarios, so the second one runs in {@link NotebookCourseReplayTest} on its own fresh context.
 */
@BackendIntegrationTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_CLASS)
class CoreExtrasReplayTest {

    static final Predicate<String> CORE_EXTRAS_ROUTES = Pattern.compile(
            "^\\S+ (/api/v1/v1/(test/test/events|offline|environment|notebook-version)|/api/v1/openapi\\.json$|/docs|/redoc$)")
            .asPredicate();

    @LocalServerPort
    int port;

    private LegacyRecordings.Result replay(String scenario, Predicate<String> routes) {
        return LegacyRecordings.load().replay(scenario, routes, HttpClient.newHttpClient(), "http://127.0.0.1:" + port);
    }

    /** Scenario and the number of its steps that call core-extras routes. */
    @ParameterizedTest
    @CsvSource({"p01_root_health_docs, 4", "p07_notebook_versions, 35", "p08_offline_environment, 31",
            "p10_websockets_test_events, 10"})
    void recordedStepsMatch(String scenario, int steps) {
        LegacyRecordings.Result result = replay(scenario, CORE_EXTRAS_ROUTES);
        assertThat(result.mismatches()).isEmpty();
        assertThat(result.replayed()).isEqualTo(steps);
    }

    /** Guards the comparison itself: a recorded answer that differs from the server's must be reported. */
    @Test
    void reportsStepsThatDoNotMatch() {
        LegacyRecordings recordings = LegacyRecordings.load();
        List<JsonNode> steps = new ArrayList<>(recordings.steps("p10_websockets_test_events").subList(0, 2));
        ObjectNode altered = (ObjectNode) steps.get(1).deepCopy();
        ((ObjectNode) altered.get("response").get("body")).put("count", 1);
        steps.set(1, altered);
        LegacyRecordings.Result result = recordings.replay(steps, CORE_EXTRAS_ROUTES, HttpClient.newHttpClient(),
                "http://127.0.0.1:" + port);
        assertThat(result.replayed()).isEqualTo(1);
        assertThat(result.mismatches()).singleElement().asString().contains("/count: 0, recorded 1");
    }
}
