package dev.cellmonitor.cutover.load.report;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.cellmonitor.cutover.load.gates.GateLimits;
import dev.cellmonitor.cutover.load.measure.Breakdown;
import dev.cellmonitor.cutover.load.measure.Sample;
import dev.cellmonitor.cutover.load.phases.Phase;
import dev.cellmonitor.cutover.load.phases.PhasePlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class BaselineComparisonTest {

    private static final PhasePlan PLAN = new PhasePlan(PhasePlan.CLOSED, "concurrent users", List.of(
            Phase.ramp("ramp-350", Duration.ofSeconds(10), 0, 350), Phase.plateau("plateau-350", Duration.ofSeconds(100), 350)));

    /** A finished run whose core requests take {@code coreMillis} and whose lms requests fail {@code lmsFailures} times. */
    private static Path run(Path dir, String tag, int coreMillis, int lmsFailures) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            samples.add(new Sample(i, "plateau-350", "POST /api/v1/events", "core", "new", 202, coreMillis + i % 10, true));
            samples.add(new Sample(i, "plateau-350", "GET /api/v1/classes/", "lms", "legacy", 200, 8, i >= lmsFailures));
        }
        Breakdown figures = Breakdown.of(samples, PLAN);
        GateLimits limits = new GateLimits(100, 250, 0.1, 20);
        RunSummary summary = new RunSummary("classroom", "ClassroomSimulation", tag, "", "t0", "t1",
                new RunSummary.Target("http://127.0.0.1:8080", "ws://127.0.0.1:8080", Map.of()),
                new RunSummary.Injection(PLAN.model(), PLAN.unit(), PLAN.phases().stream().map(p -> new RunSummary.PhaseLine(
                        p.name(), PLAN.startOf(p).toSeconds(), p.length().toSeconds(), p.from(), p.to(), p.judged())).toList(),
                        "students"),
                Map.of(), new RunSummary.Stages("core LEGACY", "core LEGACY", null, null), limits.describe(), figures,
                limits.judge(figures, PLAN), List.of(), List.of(), Map.of(), null);
        Path runDir = dir.resolve(tag);
        summary.write(runDir);
        return runDir;
    }

    private static int compare(Path baseline, Path candidate, StringBuilder output, String... options) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of(baseline.toString(), candidate.toString()));
        args.addAll(List.of(options));
        int code = BaselineComparison.run(args.toArray(String[]::new), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        output.append(bytes.toString(StandardCharsets.UTF_8));
        return code;
    }

    @Test
    void passesWhenTheCandidateKeepsTheBaselinesFigures(@TempDir Path dir) {
        StringBuilder out = new StringBuilder();
        assertThat(compare(run(dir, "base", 20, 0), run(dir, "same", 21, 0), out)).isZero();
        assertThat(out).contains("plateau-350").contains("core").contains("lms").contains("within the limits");
    }

    @Test
    void failsWhenAGroupGetsSlowerOrFailsMore(@TempDir Path dir) {
        StringBuilder out = new StringBuilder();
        int code = compare(run(dir, "base", 20, 0), run(dir, "worse", 40, 5), out);
        assertThat(code).isEqualTo(1);
        assertThat(out).contains("p95 29 -> 49 ms").contains("failed 0.00% -> 0.50%");
    }

    @Test
    void limitsAreOptions(@TempDir Path dir) {
        StringBuilder out = new StringBuilder();
        assertThat(compare(run(dir, "base", 20, 0), run(dir, "worse", 40, 0), out, "--latency=200")).isZero();
        assertThat(compare(run(dir, "base2", 20, 0), dir.resolve("nothing-here"), out)).isEqualTo(2);
    }
}
