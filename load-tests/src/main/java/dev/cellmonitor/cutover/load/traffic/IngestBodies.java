package dev.cellmonitor.cutover.load.traffic;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Event batches rendered once before the load and replayed, so that at tens of thousands of events per second the
 * Gatling client spends its CPU on sending, not on JSON: for each batch size, one "run all" of that many cell
 * executions per student of the run (distinct students, sessions, notebooks and cells, as {@link IngestTraffic}'s
 * students post them), handed out in turn. The backend stores every POST anew (it does not deduplicate event ids),
 * so a replayed body is one more batch of rows.
 */
public final class IngestBodies {

    private final Map<Integer, byte[][]> bodies;
    private final Map<Integer, AtomicInteger> next = new LinkedHashMap<>();

    private IngestBodies(Map<Integer, byte[][]> bodies) {
        this.bodies = bodies;
        bodies.keySet().forEach(size -> next.put(size, new AtomicInteger()));
    }

    public static IngestBodies render(List<Student> students, Collection<Integer> batchSizes, RandomGenerator random) {
        if (students.isEmpty()) {
            throw new IllegalArgumentException("no students to post the batches");
        }
        Map<Integer, byte[][]> bodies = new LinkedHashMap<>();
        for (int size : batchSizes) {
            IngestTraffic.checkBatchSize(size);
            byte[][] rendered = new byte[students.size()][];
            for (int i = 0; i < rendered.length; i++) {
                rendered[i] = students.get(i).runAll(size, random).getBytes(StandardCharsets.UTF_8);
            }
            bodies.put(size, rendered);
        }
        return new IngestBodies(bodies);
    }

    /** The next body of {@code batchSize} events (the students take turns). */
    public byte[] next(int batchSize) {
        byte[][] pool = bodies.get(batchSize);
        if (pool == null) {
            throw new IllegalArgumentException("no bodies of " + batchSize + " events were rendered (" + bodies.keySet() + ")");
        }
        return pool[Math.floorMod(next.get(batchSize).getAndIncrement(), pool.length)];
    }

    /** Bodies rendered per batch size (one per student). */
    public int count(int batchSize) {
        byte[][] pool = bodies.get(batchSize);
        return pool == null ? 0 : pool.length;
    }

    public long bytes() {
        long bytes = 0;
        for (byte[][] pool : bodies.values()) {
            for (byte[] body : pool) {
                bytes += body.length;
            }
        }
        return bytes;
    }

    /** For the summary: "200 per batch size (one per student) of 1, 20, 200 events, 18.3 MB". */
    public String describe() {
        int perSize = bodies.values().iterator().next().length;
        return String.format(Locale.ROOT, "%d per batch size (one per student) of %s events, %.1f MB, replayed in turn",
                perSize, bodies.keySet().stream().map(String::valueOf).collect(Collectors.joining(", ")), bytes() / 1e6);
    }
}
