package dev.cellmonitor.cutover.load.measure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import dev.cellmonitor.cutover.load.phases.Phase;
import dev.cellmonitor.cutover.load.phases.PhasePlan;

/**
 * A run's figures per phase, and within each phase overall, per route group, per serving backend and per
 * route. Phases keep the plan's order; the rest are sorted by name.
 */
public record Breakdown(Map<String, PhaseFigures> phases) {

    /**
     * @param seconds  the phase's length (the throughput window)
     * @param all      every request of the phase
     * @param groups   by route group
     * @param backends by {@code X-Served-By}; unlabelled requests are left out
     * @param routes   by route key
     */
    public record PhaseFigures(double seconds, Figures all, Map<String, Figures> groups,
                               Map<String, Figures> backends, Map<String, Figures> routes) {
    }

    public static Breakdown of(List<Sample> samples, PhasePlan plan) {
        Map<String, PhaseFigures> phases = new LinkedHashMap<>();
        for (Phase phase : plan.phases()) {
            List<Sample> inPhase = samples.stream().filter(s -> s.phase().equals(phase.name())).toList();
            double seconds = phase.length().toMillis() / 1000.0;
            phases.put(phase.name(), new PhaseFigures(seconds, Figures.of(inPhase, seconds),
                    by(inPhase, Sample::group, seconds),
                    by(inPhase.stream().filter(s -> !Sample.UNLABELLED.equals(s.backend())).toList(), Sample::backend,
                            seconds),
                    by(inPhase, Sample::route, seconds)));
        }
        return new Breakdown(phases);
    }

    private static Map<String, Figures> by(List<Sample> samples, Function<Sample, String> key, double seconds) {
        Map<String, List<Sample>> split = new TreeMap<>();
        for (Sample s : samples) {
            split.computeIfAbsent(key.apply(s), k -> new ArrayList<>()).add(s);
        }
        Map<String, Figures> figures = new LinkedHashMap<>();
        split.forEach((k, v) -> figures.put(k, Figures.of(v, seconds)));
        return figures;
    }
}
