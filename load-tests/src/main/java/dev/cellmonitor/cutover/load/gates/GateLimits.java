package dev.cellmonitor.cutover.load.gates;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.cellmonitor.cutover.load.Knobs;
import dev.cellmonitor.cutover.load.measure.Breakdown;
import dev.cellmonitor.cutover.load.measure.Figures;
import dev.cellmonitor.cutover.load.phases.Phase;
import dev.cellmonitor.cutover.load.phases.PhasePlan;

/**
 * The limits every judged phase must keep, overall, per route group and per serving backend.
 *
 * @param p95Millis     95th percentile response time must stay below this
 * @param p99Millis     99th percentile response time must stay below this
 * @param failedPercent failed requests must stay below this share
 * @param minSamples    percentiles of fewer requests are reported but not judged (too few to mean anything);
 *                      failures are always judged
 */
public record GateLimits(int p95Millis, int p99Millis, double failedPercent, int minSamples) {

    public static GateLimits from(Knobs knobs) {
        return new GateLimits(knobs.integer("gate.p95", 100), knobs.integer("gate.p99", 250),
                knobs.decimal("gate.failedPercent", 0.1), knobs.integer("gate.minSamples", 20));
    }

    public String describe() {
        return String.format(Locale.ROOT, "p95 < %d ms, p99 < %d ms, failed < %s%% (percentiles judged from %d requests)",
                p95Millis, p99Millis, trim(failedPercent), minSamples);
    }

    /** Gates of every judged phase: overall, each route group, each backend that labelled its answers. */
    public List<Gate> judge(Breakdown breakdown, PhasePlan plan) {
        List<Gate> gates = new ArrayList<>();
        for (Phase phase : plan.phases()) {
            if (!phase.judged()) {
                continue;
            }
            Breakdown.PhaseFigures figures = breakdown.phases().get(phase.name());
            if (figures == null || figures.all().count() == 0) {
                gates.add(Gate.fail(phase.name() + ": all", "no request was measured in this phase"));
                continue;
            }
            gates.add(judge(phase.name() + ": all", figures.all()));
            judgeEach(gates, phase.name() + ": group ", figures.groups());
            judgeEach(gates, phase.name() + ": backend ", figures.backends());
        }
        return gates;
    }

    private void judgeEach(List<Gate> gates, String prefix, Map<String, Figures> figures) {
        figures.forEach((key, f) -> gates.add(judge(prefix + key, f)));
    }

    Gate judge(String name, Figures f) {
        List<String> broken = new ArrayList<>();
        boolean enough = f.count() >= minSamples;
        if (enough && f.p95() >= p95Millis) {
            broken.add("p95 " + f.p95() + " ms >= " + p95Millis + " ms");
        }
        if (enough && f.p99() >= p99Millis) {
            broken.add("p99 " + f.p99() + " ms >= " + p99Millis + " ms");
        }
        if (f.failedPercent() >= failedPercent && f.failed() > 0) {
            broken.add(String.format(Locale.ROOT, "failed %.2f%% >= %s%%", f.failedPercent(), trim(failedPercent)));
        }
        String detail = String.format(Locale.ROOT, "n=%d p50=%d p95=%d p99=%d max=%d ms failed=%d (%.2f%%)%s",
                f.count(), f.p50(), f.p95(), f.p99(), f.max(), f.failed(), f.failedPercent(),
                enough ? "" : " [percentiles not judged: fewer than " + minSamples + " requests]");
        return broken.isEmpty() ? Gate.pass(name, detail) : Gate.fail(name, detail + " -- " + String.join("; ", broken));
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
