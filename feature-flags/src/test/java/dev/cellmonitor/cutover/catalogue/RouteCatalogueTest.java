package dev.cellmonitor.cutover.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RouteCatalogueTest {

    private static final Path LEGACY = Path.of(System.getProperty("shared.dir", "../../shared"), "legacy-api");
    private final RouteCatalogue catalogue = RouteCatalogue.load();

    @Test
    void holdsEveryRouteOfTheLegacyEndpointList() throws IOException {
        Path tsv = LEGACY.resolve("ENDPOINTS.tsv");
        assumeTrue(Files.exists(tsv), "legacy contract not found at " + tsv + " (set -Dshared.dir)");
        List<String> lines = Files.readAllLines(tsv);
        Set<String> expected = lines.stream().skip(1).filter(l -> !l.isBlank()).map(l -> {
            String[] f = l.split("\t");
            return f[0] + " " + f[1] + " " + f[2];
        }).collect(Collectors.toSet());
        Set<String> actual = catalogue.all().stream()
                .map(r -> r.group().key() + " " + r.key()).collect(Collectors.toSet());
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(catalogue.all()).hasSize(lines.size() - 1);
    }

    @Test
    void everyRecordedRequestMatchesExactlyItsRecordedRoute() throws IOException {
        Path dir = LEGACY.resolve("recordings");
        assumeTrue(Files.isDirectory(dir), "recordings not found at " + dir);
        JsonMapper json = JsonMapper.builder().build();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    JsonNode step = json.readTree(line);
                    String kind = step.path("kind").asString();
                    boolean ws = kind.equals("ws") && step.path("action").asString().equals("open");
                    if (!kind.equals("http") && !ws) {
                        continue;
                    }
                    JsonNode sent = step.get("sent");
                    String method = ws ? "WS" : sent.get("method").asString();
                    String path = sent.get("path").asString();
                    String recorded = step.get("route").asString();
                    List<Route> found = catalogue.matchAll(method, path);
                    checked++;
                    if (recorded.endsWith("[unrouted]")) {
                        if (!found.isEmpty()) {
                            problems.add(method + " " + path + " should be unrouted but matched " + found);
                        }
                    } else if (found.size() != 1 || !found.getFirst().key().equals(recorded)) {
                        problems.add(method + " " + path + " expected " + recorded + " got "
                                + found.stream().map(Route::key).toList());
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(400);
        assertThat(problems).isEmpty();
    }

    @Test
    void keepsTheLegacyPathQuirks() {
        assertThat(catalogue.match("GET", "/api/v1/classes/")).map(Route::id).contains("get-classes");
        assertThat(catalogue.match("GET", "/api/v1/classes")).isEmpty();
        assertThat(catalogue.match("POST", "/api/v1/v1/cell-monitor")).map(Route::group).contains(RouteGroup.CORE);
        assertThat(catalogue.match("GET", "/api/v1/v1/notebook-version/history/dir/sub/a b.ipynb"))
                .map(Route::id).contains("get-v1-notebook-version-history-notebook-path");
        assertThat(catalogue.match("GET", "/static/maps/x.jpg")).map(Route::id).contains("get-static-path");
        assertThat(catalogue.match("GET", "/static")).isEmpty();
        assertThat(catalogue.match("POST", "/socket.io/")).map(Route::id).contains("any-socket-io");
        assertThat(catalogue.match("GET", "/socket.io/x/y")).map(Route::id).contains("any-socket-io");
        assertThat(catalogue.match("WS", "/api/v1/dashboard/ws/dashboard")).map(Route::websocket).contains(true);
        assertThat(catalogue.match("GET", "/api/v1/instructor/ws/instructor/status"))
                .map(Route::id).contains("get-instructor-ws-instructor-status");
        assertThat(catalogue.match("HEAD", "/docs")).map(Route::id).contains("get-docs");
        assertThat(catalogue.match("POST", "/api/v1/health/simple")).isEmpty();
        assertThat(catalogue.match("GET", "/")).map(Route::id).contains("get-root");
    }

    @Test
    void listsRoutesByGroupAsTheContractCountsThem() {
        assertThat(catalogue.byGroup(RouteGroup.CORE)).hasSize(42);
        assertThat(catalogue.byGroup(RouteGroup.LMS)).hasSize(22);
        assertThat(catalogue.byGroup(RouteGroup.ADMIN)).hasSize(23);
        assertThat(catalogue.byGroup(RouteGroup.MONITORING)).hasSize(17);
        assertThat(catalogue.all().stream().filter(Route::websocket)).hasSize(5);
    }

    @Test
    void siblingsShareTheLegacyProcessLocalStore() {
        Route stats = catalogue.byId("get-v1-progress-stats").orElseThrow();
        assertThat(catalogue.siblings(stats)).hasSize(11).allMatch(r -> "realtime-progress".equals(r.stateUnit()));
        Route events = catalogue.byId("post-events").orElseThrow();
        assertThat(catalogue.siblings(events)).containsExactly(events);
        assertThat(catalogue.all()).filteredOn(Route::retrySafe).allMatch(r -> r.method().equals("GET"));
        assertThat(catalogue.byId("get-v1-progress-all-students").orElseThrow().retrySafe()).isFalse();
    }
}
