package dev.cellmonitor.cutover.parity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cellmonitor.cutover.parity.check.Outcome;
import dev.cellmonitor.cutover.parity.check.StepResult;
import dev.cellmonitor.cutover.parity.cli.ParityCli;
import dev.cellmonitor.cutover.parity.recording.Recording;
import dev.cellmonitor.cutover.parity.recording.Recordings;
import dev.cellmonitor.cutover.parity.report.ParityReport;
import dev.cellmonitor.cutover.parity.run.Target;
import dev.cellmonitor.cutover.parity.support.RecordedAnswers;
import dev.cellmonitor.cutover.parity.support.SharedRecordings;

/** Live mode with Diffy noise learning, and record mode (plain and through WireMock's recorder), on fake legacies. */
class LiveAndRecordModesTest {

    private static final String P01 = "p01_root_health_docs";
    private static final RecordedAnswers.Answer OTHER_WELCOME = new RecordedAnswers.Answer(200, "application/json",
            "{\"message\":\"Welcome, replica 2\"}");

    @TempDir
    Path tmp;

    private static ParitySuite suite() {
        return new ParitySuite(ParitySuite.Settings.of(SharedRecordings.require()).withScenarios(List.of(P01)),
                line -> { });
    }

    private static StepResult step(ParityReport report, int n) {
        return report.results().stream().filter(r -> r.step() == n).findFirst().orElseThrow();
    }

    @Test
    void aDifferenceTheLegacyAlsoHasWithItselfIsNoiseAndBecomesAProposedRule() throws Exception {
        ParitySuite suite = suite();
        Recording p01 = suite.recordings().getFirst();
        try (RecordedAnswers legacy = new RecordedAnswers(p01);
             RecordedAnswers legacy2 = new RecordedAnswers(p01).override(1, OTHER_WELCOME);
             RecordedAnswers candidate = new RecordedAnswers(p01).override(1, OTHER_WELCOME)
                     .override(3, new RecordedAnswers.Answer(200, "application/json", "{\"status\":\"down\"}"))) {
            ParityReport report = suite.live(Target.of("legacy", legacy.base()), Target.of("legacy2", legacy2.base()),
                    Target.of("candidate", candidate.base()));
            StepResult welcome = step(report, 1);
            assertThat(welcome.outcome()).as("the legacy differs from itself at /body/message").isEqualTo(Outcome.PASSED);
            assertThat(welcome.note()).contains("/body/message");
            assertThat(step(report, 3).outcome()).as("only the candidate differs").isEqualTo(Outcome.FAILED);
            assertThat(report.noise()).anySatisfy(f -> {
                assertThat(f.route()).isEqualTo("GET /");
                assertThat(f.field()).isEqualTo("/body/message");
                assertThat(f.real()).isFalse();
            });
            dev.cellmonitor.cutover.parity.report.ReportFiles.write(report, tmp.resolve("out"));
            assertThat(tmp.resolve("out/proposed-rules.json")).content()
                    .contains("\"GET /\"").contains("\"path\" : \"/message\"").contains("ignore_value");
        }
    }

    @Test
    void recordModeWritesARecordingThatReplaysClean() throws Exception {
        ParitySuite suite = suite();
        Recording template = suite.recordings().getFirst();
        Path out = tmp.resolve("recorded");
        try (RecordedAnswers legacy = new RecordedAnswers(template)) {
            suite.record(Target.of("legacy", legacy.base()), out, "qa");
        }
        Recording recorded = Recordings.read(out.resolve(P01 + ".jsonl"));
        assertThat(recorded.setup().path("set").asString()).isEqualTo("qa");
        assertThat(recorded.recordedAt()).isAfter(template.recordedAt());
        assertThat(recorded.steps()).hasSameSizeAs(template.steps());
        assertThat(recorded.steps().getFirst().get("response").path("body").path("message").asString())
                .isEqualTo("Welcome to Student Progress Tracker API");
        try (RecordedAnswers legacy = new RecordedAnswers(template)) {
            ParitySuite again = new ParitySuite(ParitySuite.Settings.of(out), line -> { });
            ParityReport report = again.replay(Target.of("legacy", legacy.base()));
            assertThat(report.results()).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(Outcome.PASSED));
        }
    }

    @Test
    void theCommandLineRecordsThroughWireMockAndReplaysWithAnExitStatus() throws Exception {
        Path out = tmp.resolve("rec");
        Path stubs = tmp.resolve("wiremock");
        Recording template = suite().recordings().getFirst();
        try (RecordedAnswers legacy = new RecordedAnswers(template)) {
            int status = ParityCli.run("record", "--scenarios", SharedRecordings.require().toString(),
                    "--scenario", P01, "--legacy", legacy.base().toString(), "--out", out.toString(),
                    "--wiremock", stubs.toString(), "--legacy-ready-path", "none");
            assertThat(status).isZero();
            assertThat(legacy.problems()).as("requests arrived in the recorded order").isEmpty();
        }
        assertThat(out.resolve(P01 + ".jsonl")).exists();
        try (Stream<Path> mappings = Files.list(stubs.resolve("mappings"))) {
            assertThat(mappings.count()).as("WireMock stub mappings").isPositive();
        }
        try (RecordedAnswers legacy = new RecordedAnswers(template).override(1, OTHER_WELCOME)) {
            int status = ParityCli.run("replay", "--recordings", SharedRecordings.require().toString(),
                    "--scenario", P01, "--candidate", legacy.base().toString(), "--out", tmp.resolve("report").toString(),
                    "--ready-path", "none");
            assertThat(status).as("a failed step fails the run").isEqualTo(1);
        }
        assertThat(tmp.resolve("report/junit/TEST-parity.xml")).exists();
    }
}
