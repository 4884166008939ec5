package dev.cellmonitor.cutover.load.gates;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.cellmonitor.cutover.load.measure.Breakdown;
import dev.cellmonitor.cutover.load.measure.Sample;
import dev.cellmonitor.cutover.load.phases.Phase;
import dev.cellmonitor.cutover.load.phases.PhasePlan;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GateLimitsTest {

    private final GateLimits limits = new GateLimits(100, 250, 0.1, 20);
    private final PhasePlan plan = new PhasePlan(PhasePlan.CLOSED, "users", List.of(
            Phase.ramp("ramp", Duration.ofSeconds(10), 0, 10),
            Phase.plateau("low", Duration.ofSeconds(10), 10),
            Phase.plateau("high", Duration.ofSeconds(10), 20)));

    private static void add(List<Sample> samples, int n, String phase, String group, String backend, int millis, boolean ok) {
        for (int i = 0; i < n; i++) {
            samples.add(new Sample(i, phase, "GET /x", group, backend, ok ? 200 : 500, millis, ok));
        }
    }

    @Test
    void judgesEachPlateauOnItsOwnSoASlowTopStepIsNotHiddenByTheWholeRun() {
        List<Sample> samples = new ArrayList<>();
        add(samples, 1000, "low", "core", "new", 10, true);
        add(samples, 60, "high", "core", "new", 10, true);
        add(samples, 40, "high", "lms", "legacy", 400, true);
        add(samples, 500, "ramp", "core", "new", 5000, false);

        List<Gate> gates = limits.judge(Breakdown.of(samples, plan), plan);

        assertThat(gates).filteredOn(g -> g.name().startsWith("ramp")).isEmpty();
        assertThat(gates).filteredOn(g -> g.name().startsWith("low")).allMatch(Gate::passed);
        assertThat(gates).filteredOn(g -> !g.passed()).extracting(Gate::name)
                .containsExactlyInAnyOrder("high: all", "high: group lms", "high: backend legacy");
        assertThat(gates).filteredOn(g -> g.name().equals("high: group core")).allMatch(Gate::passed);
    }

    @Test
    void anyFailureAboveTheShareFailsAndFewRequestsAreNotJudgedOnPercentiles() {
        List<Sample> samples = new ArrayList<>();
        add(samples, 999, "low", "core", "-", 10, true);
        add(samples, 1, "low", "core", "-", 10, false);
        add(samples, 5, "high", "admin", "-", 900, true);

        List<Gate> gates = limits.judge(Breakdown.of(samples, plan), plan);

        assertThat(gates).filteredOn(g -> g.name().equals("low: all")).singleElement()
                .satisfies(g -> assertThat(g.passed()).isFalse())
                .satisfies(g -> assertThat(g.detail()).contains("failed 0.10% >= 0.1%"));
        assertThat(gates).filteredOn(g -> g.name().equals("high: group admin")).singleElement()
                .satisfies(g -> assertThat(g.passed()).isTrue())
                .satisfies(g -> assertThat(g.detail()).contains("not judged"));
        assertThat(gates).noneMatch(g -> g.name().contains("backend"));
    }

    @Test
    void aPlateauWithoutRequestsFails() {
        List<Sample> samples = new ArrayList<>();
        add(samples, 50, "low", "core", "new", 10, true);

        List<Gate> gates = limits.judge(Breakdown.of(samples, plan), plan);

        assertThat(gates).filteredOn(g -> g.name().equals("high: all")).singleElement()
                .satisfies(g -> assertThat(g.passed()).isFalse());
    }
}
