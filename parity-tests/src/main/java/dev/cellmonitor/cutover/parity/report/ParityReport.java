package dev.cellmonitor.cutover.parity.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cellmonitor.cutover.catalogue.Route;
import dev.cellmonitor.cutover.parity.check.Outcome;
import dev.cellmonitor.cutover.parity.check.StepResult;
import dev.cellmonitor.cutover.parity.noise.NoiseLearner;

/**
 * The outcome of a parity run: every judged step, the per-route table, catalogued routes no recording exercises,
 * learned noise, and the verdict under the gate.
 *
 * @param title      what ran against what (e.g. "replay of 14 recordings against http://127.0.0.1:8001")
 * @param uncovered  catalogued routes no step of the recordings exercises
 * @param noise      per route and field: raw vs noise counts (live mode with a second legacy), else empty
 * @param warnings   things QA should know that are not step results (e.g. unknown keys in divergences.md)
 */
public record ParityReport(String title, Instant started, Duration duration, List<StepResult> results,
                           List<Route> uncovered, List<NoiseLearner.Field> noise, List<String> warnings, Gate gate) {

    private static final List<String> GROUP_ORDER = List.of("core", "lms", "admin", "monitoring");

    public List<RouteRow> routeTable() {
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, String> groups = new LinkedHashMap<>();
        Map<String, Boolean> gated = new LinkedHashMap<>();
        for (StepResult r : results) {
            int[] c = counts.computeIfAbsent(r.label(), k -> new int[6]);
            groups.putIfAbsent(r.label(), r.group());
            gated.merge(r.label(), gate.covers(r), Boolean::logicalOr);
            c[0]++;
            switch (r.outcome()) {
                case PASSED -> c[1]++;
                case ACCEPTED -> c[2]++;
                case FAILED -> c[3]++;
                case NOT_IMPLEMENTED -> c[4]++;
                case SKIPPED -> c[5]++;
                default -> throw new IllegalStateException();
            }
        }
        List<RouteRow> rows = new ArrayList<>();
        counts.forEach((label, c) -> rows.add(new RouteRow(groups.get(label), label, c[0], c[1], c[2], c[3], c[4],
                c[5], gated.get(label))));
        rows.sort(Comparator.comparing((RouteRow r) -> groupRank(r.group())).thenComparing(RouteRow::route));
        return rows;
    }

    private static int groupRank(String group) {
        int i = GROUP_ORDER.indexOf(group);
        return i < 0 ? GROUP_ORDER.size() : i;
    }

    public long count(Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }

    /** Steps that make the run fail under the gate. */
    public List<StepResult> blocking() {
        return results.stream().filter(gate::blocks).toList();
    }

    public boolean passed() {
        return blocking().isEmpty();
    }

    public String summary() {
        return count(Outcome.PASSED) + " passed, " + count(Outcome.ACCEPTED) + " accepted divergences, "
                + count(Outcome.FAILED) + " failed, " + count(Outcome.NOT_IMPLEMENTED) + " not implemented, "
                + count(Outcome.SKIPPED) + " skipped (" + results.size() + " steps); gate: " + gate.describe()
                + " -> " + (passed() ? "PASS" : "FAIL (" + blocking().size() + " blocking step(s))");
    }
}
