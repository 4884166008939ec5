package dev.cellmonitor.cutover.gateway.routing;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Per route × backend meters, exported for Prometheus:
 * <ul>
 *   <li>{@code cutover.requests} (timer with a latency histogram): tags {@code route}, {@code group},
 *       {@code backend} (legacy, new, gateway for answers the gateway gave itself), {@code outcome}
 *       (SUCCESS, CLIENT_ERROR, SERVER_ERROR, ..., TRANSPORT_ERROR); errors are the last two outcomes;</li>
 *   <li>{@code cutover.fallbacks}: requests meant for the new backend that legacy answered
 *       ({@code action=legacy}) or that failed fast ({@code action=fail_fast}), by {@code reason};</li>
 *   <li>{@code cutover.websocket.connections}: open proxied WebSockets (a flip lets the old side drain).</li>
 * </ul>
 * Unmatched requests are tagged {@code route=unmatched}.
 */
@Component
public class RouteMetrics {

    public static final String UNMATCHED = "unmatched";

    private static final Duration[] BUCKETS = {
            Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10)};

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> fallbacks = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> sockets = new ConcurrentHashMap<>();

    public RouteMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void recordRequest(String route, String group, String backend, String outcome, long nanos) {
        timers.computeIfAbsent(route + '|' + backend + '|' + outcome, k -> Timer.builder("cutover.requests")
                .description("Requests through the gateway by catalogue route and serving backend")
                .tags("route", route, "group", group, "backend", backend, "outcome", outcome)
                .serviceLevelObjectives(BUCKETS)
                .register(registry)).record(Duration.ofNanos(nanos));
    }

    public void recordFallback(String route, String reason, String action) {
        fallbacks.computeIfAbsent(route + '|' + reason + '|' + action, k -> Counter.builder("cutover.fallbacks")
                .description("Requests meant for the new backend answered by legacy or failed fast")
                .tags("route", route, "reason", reason, "action", action)
                .register(registry)).increment();
    }

    public double fallbackCount(String route) {
        return fallbacks.entrySet().stream().filter(e -> e.getKey().startsWith(route + '|'))
                .mapToDouble(e -> e.getValue().count()).sum();
    }

    public Map<String, Double> fallbacksByKey() {
        Map<String, Double> out = new java.util.TreeMap<>();
        fallbacks.forEach((k, c) -> out.put(k.replace('|', ' '), c.count()));
        return out;
    }

    public AtomicInteger openSockets(String route, String backend) {
        return sockets.computeIfAbsent(route + '|' + backend, k -> {
            AtomicInteger count = new AtomicInteger();
            Gauge.builder("cutover.websocket.connections", count, AtomicInteger::get)
                    .description("Open WebSocket connections proxied by the gateway")
                    .tags(Tags.of("route", route, "backend", backend))
                    .register(registry);
            return count;
        });
    }
}
