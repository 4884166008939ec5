package dev.cellmonitor.cutover.gateway.shadow;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

import dev.cellmonitor.cutover.gateway.GatewayProperties;

/**
 * Shadow results: per-route counts (also the {@code cutover.shadow.comparisons} counter, tagged {@code route} and
 * {@code result} = match, mismatch, error, skipped) and the last mismatches for the ops API.
 */
@Component
public class ShadowLedger {

    public enum Result { MATCH, MISMATCH, ERROR, SKIPPED }

    /** One mismatch (or failed copy) for an operator to look at. */
    public record Mismatch(Instant at, String route, String method, String path, Result result, String where,
                           String legacy, String candidate) {
    }

    /** Counts for one route. */
    public record Counts(String route, long match, long mismatch, long error, long skipped) {
    }

    private final MeterRegistry registry;
    private final int keep;
    private final Map<String, AtomicLong[]> counts = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Deque<Mismatch> recent = new ArrayDeque<>();

    ShadowLedger(MeterRegistry registry, GatewayProperties properties) {
        this.registry = registry;
        this.keep = Math.max(1, properties.shadow().recentMismatches());
    }

    void record(String route, Result result) {
        counts.computeIfAbsent(route, r -> new AtomicLong[] {new AtomicLong(), new AtomicLong(), new AtomicLong(),
                new AtomicLong()})[result.ordinal()].incrementAndGet();
        counters.computeIfAbsent(route + '|' + result, k -> Counter.builder("cutover.shadow.comparisons")
                .description("Shadowed requests by route and comparison result")
                .tags("route", route, "result", result.name().toLowerCase())
                .register(registry)).increment();
    }

    void remember(Mismatch mismatch) {
        synchronized (recent) {
            recent.addFirst(mismatch);
            while (recent.size() > keep) {
                recent.removeLast();
            }
        }
    }

    public List<Counts> counts() {
        List<Counts> out = new ArrayList<>();
        new TreeMap<>(counts).forEach((route, c) -> out.add(new Counts(route, c[0].get(), c[1].get(), c[2].get(),
                c[3].get())));
        return out;
    }

    /** Newest first. */
    public List<Mismatch> recentMismatches() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }
}
