package dev.cellmonitor.cutover.load.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.cellmonitor.cutover.load.gates.Gate;
import dev.cellmonitor.cutover.load.measure.Sample;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FlipAnalysisTest {

    private final FlipPlan plan = new FlipPlan("core", null, List.of(new FlipPlan.Step("NEW", null),
            new FlipPlan.Step("LEGACY", null)), Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(10),
            Duration.ofSeconds(2));

    private static Sample core(long at, String backend, boolean ok) {
        return new Sample(at, "plateau", "POST /api/v1/events", "core", backend, ok ? 202 : 502, 5, ok);
    }

    @Test
    void measuresHowSoonEveryRequestIsServedByTheNewSide() {
        List<Sample> samples = new ArrayList<>();
        samples.add(core(9_000, "legacy", true));
        samples.add(core(10_100, "legacy", true));
        samples.add(core(10_600, "new", true));
        samples.add(core(10_900, "legacy", true));
        samples.add(core(12_000, "new", true));
        samples.add(core(30_500, "legacy", true));
        samples.add(new Sample(31_000, "plateau", "GET /api/v1/classes/", "lms", "legacy", 500, 3, false));
        List<Flipper.Done> flips = List.of(
                new Flipper.Done(10_000, plan.flip(plan.steps().get(0), "r"), 200, "ok"),
                new Flipper.Done(30_000, plan.flip(plan.steps().get(1), "r"), 200, "ok"));

        List<FlipAnalysis.Outcome> outcomes = FlipAnalysis.analyse(flips, samples, plan, null, 50_000);

        FlipAnalysis.Outcome toNew = outcomes.get(0);
        assertThat(toNew.affected()).isEqualTo(4);
        assertThat(toNew.firstNewMillis()).isEqualTo(600);
        assertThat(toNew.settledMillis()).isEqualTo(900);
        assertThat(toNew.newShare()).isEqualTo(1.0);
        assertThat(toNew.failedAround()).isZero();
        FlipAnalysis.Outcome back = outcomes.get(1);
        assertThat(back.settledMillis()).isZero();
        assertThat(back.failedAround()).isEqualTo(1);

        List<Gate> gates = FlipAnalysis.gates(outcomes, plan);
        assertThat(gates).filteredOn(g -> !g.passed()).extracting(Gate::name)
                .containsExactly("flip 2 (group core -> LEGACY): no failure around it");
    }

    @Test
    void aRefusedOrMissingFlipFails() {
        List<Flipper.Done> flips = List.of(new Flipper.Done(10_000, plan.flip(plan.steps().get(0), "r"), 409, "split"));
        List<Gate> gates = FlipAnalysis.gates(FlipAnalysis.analyse(flips, List.of(), plan, null, 20_000), plan);
        assertThat(gates).filteredOn(g -> !g.passed()).extracting(Gate::name)
                .containsExactly("flips: all made", "flip 1 (group core -> NEW): accepted");
    }
}
