package dev.cellmonitor.cutover.gateway.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.cellmonitor.cutover.gateway.GatewayApplication;
import dev.cellmonitor.cutover.gateway.resilience.BackendGuards;
import dev.cellmonitor.cutover.gateway.routing.Backend;
import dev.cellmonitor.cutover.gateway.stages.StageCache;

/**
 * A running gateway (random gateway and management ports, its own database) in front of the two WireMock
 * {@link Backends}. Before each test: stubs, flags, audit and breakers are back to their initial state.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "management.server.port=0",
                "server.shutdown=immediate",
                "cellmonitor.gateway.flags.refresh-interval=100ms",
                "logging.level.dev.cellmonitor.cutover.gateway.resilience=DEBUG",
                "resilience4j.timelimiter.instances.new-backend.timeout-duration=3s",
                "resilience4j.circuitbreaker.instances.new-backend.minimum-number-of-calls=4",
                "resilience4j.circuitbreaker.instances.new-backend.sliding-window-size=4",
                "resilience4j.circuitbreaker.instances.new-backend.wait-duration-in-open-state=60s",
                "resilience4j.circuitbreaker.instances.new-backend.automatic-transition-from-open-to-half-open-enabled=false"
        })
@ContextConfiguration(initializers = FreshDatabase.class)
public abstract class GatewayIntegrationTest {

    public static final String OPS_TOKEN = "dev-ops-token";

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("cellmonitor.gateway.legacy-url", () -> Backends.url(Backends.LEGACY));
        registry.add("cellmonitor.gateway.new-backend-url", () -> Backends.url(Backends.NEW));
    }

    @LocalServerPort
    protected int port;

    @LocalManagementPort
    protected int managementPort;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected StageCache stages;

    @Autowired
    protected BackendGuards guards;

    protected WebTestClient gateway;
    protected WebTestClient ops;
    protected WebTestClient management;

    @BeforeEach
    void resetGateway() {
        Backends.reset();
        jdbc.update("DELETE FROM cutover.flip_change");
        jdbc.update("DELETE FROM cutover.flip");
        jdbc.update("DELETE FROM cutover.togglz");
        stages.refreshNow();
        guards.breaker(Backend.NEW).reset();
        guards.breaker(Backend.LEGACY).reset();
        gateway = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10)).build();
        management = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort)
                .responseTimeout(Duration.ofSeconds(10)).build();
        ops = management.mutate().defaultHeader("X-Ops-Token", OPS_TOKEN).build();
    }

    /** Flips through the ops API and expects it to succeed. */
    protected Map<?, ?> flip(Map<String, Object> body) {
        return ops.post().uri("/ops/api/flips").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    protected Map<?, ?> flipGroup(String group, String stage, String reason) {
        return flip(Map.of("group", group, "stage", stage, "reason", reason));
    }

    protected Map<?, ?> flipRoutes(List<String> routes, String stage, String reason) {
        return flip(Map.of("routes", routes, "stage", stage, "reason", reason));
    }

    /**
     * The backend named in X-Served-By for a plain GET through the gateway. The body is read, so the
     * connection goes back to the client's pool (an unread body would keep it busy until the pool runs dry).
     */
    protected String servedBy(String path) {
        return gateway.get().uri(path).exchange().expectBody(byte[].class).returnResult().getResponseHeaders()
                .getFirst("X-Served-By");
    }
}
