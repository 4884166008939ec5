package dev.cellmonitor.cutover.load.phases;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

import dev.cellmonitor.cutover.load.Knobs;

/**
 * The ingestion throughput benchmark's profile (closed model): for each batch size in turn, {@code clients} users
 * post batches of that size back to back, first for a warm-up ({@code warmup-<size>}, not judged: on two busy
 * cores the server's JIT compiles its hot path for tens of seconds), then for the measured hold
 * ({@code hold-<size>}, judged). A phase posts one batch size only, so its figures are that size's.
 *
 * @param batchSizes events per POST, in run order, each once
 * @param clients    concurrent users, each with its own keep-alive connection
 * @param warmUp     warm-up before each hold; zero for none
 * @param hold       measured time per batch size
 */
public record BatchSizePlan(List<Integer> batchSizes, int clients, Duration warmUp, Duration hold) {

    public static final String WARM_UP = "warmup-";
    public static final String HOLD = "hold-";

    public BatchSizePlan {
        batchSizes = List.copyOf(batchSizes);
        if (batchSizes.isEmpty()) {
            throw new IllegalArgumentException("batchSizes: at least one batch size");
        }
        if (batchSizes.stream().anyMatch(b -> b < 1)) {
            throw new IllegalArgumentException("batchSizes: every batch holds at least one event: " + batchSizes);
        }
        if (new HashSet<>(batchSizes).size() != batchSizes.size()) {
            throw new IllegalArgumentException("batchSizes: each batch size once (its phases are named by it): " + batchSizes);
        }
        if (clients < 1) {
            throw new IllegalArgumentException("clients: at least one, not " + clients);
        }
        if (hold.isZero() || hold.isNegative() || warmUp.isNegative()) {
            throw new IllegalArgumentException("hold must be positive and warmUp not negative: " + hold + ", " + warmUp);
        }
    }

    /**
     * {@code batchSizes} (default 1,20,200; a single {@code batchSize} when only that is set), {@code clients} (50),
     * {@code warmUp} (60s), {@code hold} (20s).
     */
    public static BatchSizePlan from(Knobs knobs) {
        String single = knobs.raw("batchSize");
        String list = knobs.text("batchSizes", single != null ? single : "1,20,200");
        return new BatchSizePlan(parse(list), knobs.integer("clients", 50),
                knobs.duration("warmUp", Duration.ofSeconds(60)), knobs.duration("hold", Duration.ofSeconds(20)));
    }

    static List<Integer> parse(String list) {
        List<Integer> sizes = new ArrayList<>();
        for (String part : list.split(",")) {
            try {
                sizes.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("batchSizes: '" + list + "' is not a list such as 1,20,200");
            }
        }
        return sizes;
    }

    public PhasePlan plan() {
        List<Phase> phases = new ArrayList<>();
        for (int size : batchSizes) {
            if (!warmUp.isZero()) {
                phases.add(new Phase(WARM_UP + size, warmUp, clients, clients, false));
            }
            phases.add(Phase.plateau(HOLD + size, hold, clients));
        }
        return new PhasePlan(PhasePlan.CLOSED, "clients posting back to back", phases);
    }

    /** Phase name to the batch size it posts, in run order. */
    private Map<String, Integer> sizeByPhase() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (int size : batchSizes) {
            sizes.put(WARM_UP + size, size);
            sizes.put(HOLD + size, size);
        }
        return sizes;
    }

    /** The measured holds, batch size to phase name, in run order. */
    public Map<Integer, String> holds() {
        Map<Integer, String> holds = new LinkedHashMap<>();
        batchSizes.forEach(size -> holds.put(size, HOLD + size));
        return holds;
    }

    /**
     * A lookup of the batch size a phase posts, for the virtual users (one call per POST); requests started after
     * the last phase (users finishing) post the last size.
     */
    public ToIntFunction<String> lookup() {
        Map<String, Integer> sizes = Map.copyOf(sizeByPhase());
        int last = batchSizes.getLast();
        return phase -> sizes.getOrDefault(phase, last);
    }

    /** The largest batch size of the run: the throughput target is for batches of 200. */
    public int largest() {
        return batchSizes.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }
}
