package dev.cellmonitor.cutover.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import dev.cellmonitor.cutover.load.report.RunSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The smoke profile as CI runs it: the gateway and the new backend started from their executable jars on
 * loopback ports, on a fresh database and a private Redis prefix, the gateway's "legacy" pointing at the new
 * backend too (there is no legacy in CI), then the smoke simulation through the gateway with a flip of the
 * core group, judged by the standard gates. The jars come from the {@code smoke-apps} profile of this module.
 */
@EnabledIfSystemProperty(named = "smoke.backendJar", matches = ".+")
class SmokeIT {

    private static final Path RESULTS = Path.of("target/gatling-it");
    private static final String OPS_TOKEN = "smoke-" + UUID.randomUUID();

    @Test
    void theSmokeProfilePassesItsGatesThroughTheGatewayInFrontOfTheNewBackend() throws Exception {
        Path backendJar = Path.of(System.getProperty("smoke.backendJar"));
        Path gatewayJar = Path.of(System.getProperty("smoke.gatewayJar", ""));
        int backendPort = BootApp.freePort();
        int gatewayPort = BootApp.freePort();
        int gatewayManagementPort = BootApp.freePort();
        String backendUrl = "http://127.0.0.1:" + backendPort;
        String gatewayUrl = "http://127.0.0.1:" + gatewayPort;
        String opsUrl = "http://127.0.0.1:" + gatewayManagementPort;

        try (TestDatabase db = TestDatabase.create("load_smoke")) {
            Map<String, String> env = new HashMap<>();
            env.put("POSTGRES_SERVER", TestDatabase.HOST);
            env.put("POSTGRES_PORT", String.valueOf(TestDatabase.PORT));
            env.put("POSTGRES_DB", db.name());
            env.put("POSTGRES_USER", TestDatabase.USER);
            env.put("POSTGRES_PASSWORD", "");
            env.put("REDIS_HOST", "127.0.0.1");
            env.put("REDIS_PORT", "6379");
            env.put("CELLMONITOR_REDIS_PREFIX", "load-smoke-" + db.name() + ":");
            env.put("CUTOVER_OPS_TOKEN", OPS_TOKEN);

            try (BootApp backend = BootApp.start("new-backend", backendJar, List.of("--server.port=" + backendPort,
                    "--management.server.port=" + BootApp.freePort(), "--server.shutdown=immediate"), env)) {
                backend.awaitHttp(backendUrl + "/api/v1/health/live", Duration.ofMinutes(3));
                seedInstructor(db, backendJar);
                requireRoutes(backendUrl);
                try (BootApp gateway = BootApp.start("gateway", gatewayJar, List.of("--server.port=" + gatewayPort,
                        "--management.server.port=" + gatewayManagementPort, "--server.shutdown=immediate",
                        "--cellmonitor.gateway.legacy-url=" + backendUrl,
                        "--cellmonitor.gateway.new-backend-url=" + backendUrl,
                        "--cellmonitor.gateway.ops.token=" + OPS_TOKEN), env)) {
                    gateway.awaitHttp(opsUrl + "/actuator/health", Duration.ofMinutes(3));

                    Map<String, String> settings = new HashMap<>();
                    settings.put("baseUrl", gatewayUrl);
                    settings.put("opsUrl", opsUrl);
                    settings.put("opsToken", OPS_TOKEN);
                    settings.put("legacyUrl", backendUrl);
                    settings.put("newUrl", backendUrl);
                    settings.put("dbUrl", db.url());
                    settings.put("rss", "gateway=port:" + gatewayPort + ",new=port:" + backendPort);
                    settings.put("label", "CI smoke: gateway -> new backend on loopback");

                    // cold JVMs (backend, gateway, Gatling itself) answer their first requests slowly: one short
                    // unjudged pass first, like the ramp of a real run but long enough for the JIT
                    Map<String, String> warmUp = new HashMap<>(settings);
                    warmUp.putAll(Map.of("runTag", "warmup" + db.name().substring(db.name().length() - 4),
                            "rampUp", "5s", "plateau", "15s", "rss", "none", "label", "CI smoke warm-up (not judged)"));
                    GatlingRun.run(SmokeSimulation.class, RESULTS, warmUp);

                    settings.put("flip.group", "core");
                    settings.put("flip.stages", "CANARY:50,NEW");
                    settings.put("flip.delay", "5s");
                    settings.put("flip.hold", "12s");
                    GatlingRun.Result run = GatlingRun.run(SmokeSimulation.class, RESULTS, settings);

                    String summary = Files.readString(run.directory().resolve(RunSummary.MARKDOWN));
                    assertThat(run.exitCode()).as("the smoke run's gates:\n%s", summary).isZero();
                    RunSummary result = run.summary();
                    assertThat(result.figures().phases().get("plateau-24").groups())
                            .containsKeys("core", "admin", "lms", "monitoring");
                    assertThat(result.memory()).allSatisfy(m -> assertThat(m.samples()).isPositive());
                    assertThat(result.fixtures().get("lms")).contains("students who submit");
                }
            }
        }
    }

    /** The instructor a parity reset seeds, by the backend's own seed script (read from its jar). */
    private static void seedInstructor(TestDatabase db, Path backendJar) throws Exception {
        String sql;
        try (ZipFile jar = new ZipFile(backendJar.toFile())) {
            ZipEntry entry = jar.getEntry("BOOT-INF/classes/admin/test-instructor.sql");
            assertThat(entry).as("the backend's test-instructor seed in " + backendJar).isNotNull();
            sql = new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection c = db.connect(); Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Fails with a clear message when the backend does not serve a route the smoke profile uses yet. */
    private static void requireRoutes(String backendUrl) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        List<String> missing = new ArrayList<>();
        Map<String, HttpRequest> probes = Map.of(
                "POST /api/v1/events", post(backendUrl + "/api/v1/events", "[]"),
                "POST /api/v1/auth/login", post(backendUrl + "/api/v1/auth/login", "{\"email\":\"x@example.com\",\"password\":\"x\"}"),
                "GET /api/v1/dashboard/overview", get(backendUrl + "/api/v1/dashboard/overview"),
                "GET /api/v1/classes/", get(backendUrl + "/api/v1/classes/"));
        for (Map.Entry<String, HttpRequest> probe : probes.entrySet()) {
            HttpResponse<String> r = client.send(probe.getValue(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 404 && "Not Found".equals(r.body())) {
                missing.add(probe.getKey());
            }
        }
        assertThat(missing).as("routes the smoke profile needs that the new backend does not serve").isEmpty();
    }

    private static HttpRequest post(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).GET().build();
    }
}
