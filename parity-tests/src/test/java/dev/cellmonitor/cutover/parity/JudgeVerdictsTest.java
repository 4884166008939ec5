package dev.cellmonitor.cutover.parity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cellmonitor.cutover.parity.check.Outcome;
import dev.cellmonitor.cutover.parity.check.StepResult;
import dev.cellmonitor.cutover.parity.report.Gate;
import dev.cellmonitor.cutover.parity.report.ParityReport;
import dev.cellmonitor.cutover.parity.report.ReportFiles;
import dev.cellmonitor.cutover.parity.run.Target;
import dev.cellmonitor.cutover.parity.support.RecordedAnswers;
import dev.cellmonitor.cutover.parity.support.SharedRecordings;

/** Failures, not-implemented routes and accepted divergences, told apart on p01 with a tampered fake legacy. */
class JudgeVerdictsTest {

    @TempDir
    Path tmp;

    private static final RecordedAnswers.Answer CATCH_ALL = new RecordedAnswers.Answer(404, "text/plain; charset=utf-8",
            "Not Found");

    private ParityReport replay(Path divergences, Gate gate, RecordedAnswers.Answer... overrides) throws Exception {
        Map<Integer, RecordedAnswers.Answer> byStep = new HashMap<>();
        if (overrides.length > 0 && overrides[0] != null) {
            byStep.put(1, overrides[0]);
        }
        if (overrides.length > 1) {
            byStep.put(15, overrides[1]);
        }
        return replay("p01_root_health_docs", divergences, gate, byStep);
    }

    private ParityReport replay(String scenario, Path divergences, Gate gate, Map<Integer, RecordedAnswers.Answer> byStep)
            throws Exception {
        ParitySuite.Settings settings = ParitySuite.Settings.of(SharedRecordings.require())
                .withScenarios(List.of(scenario)).withDivergences(divergences).withGate(gate);
        ParitySuite suite = new ParitySuite(settings, line -> { });
        try (RecordedAnswers legacy = new RecordedAnswers(suite.recordings().getFirst())) {
            byStep.forEach(legacy::override);
            return suite.replay(Target.of("candidate", legacy.base()));
        }
    }

    private static StepResult step(ParityReport report, int n) {
        return report.results().stream().filter(r -> r.step() == n).findFirst().orElseThrow();
    }

    @Test
    void aChangedValueFailsWithAFieldLevelDiff() throws Exception {
        ParityReport report = replay(null, Gate.everything(false),
                new RecordedAnswers.Answer(200, "application/json", "{\"message\":\"Welcome to Something Else\"}"));
        StepResult root = step(report, 1);
        assertThat(root.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(root.differences()).singleElement().satisfies(d -> {
            assertThat(d.path()).isEqualTo("/body/message");
            assertThat(d.kind()).isEqualTo("value");
        });
        assertThat(root.patch().toString()).contains("\"op\":\"replace\"").contains("/message");
        assertThat(report.passed()).isFalse();
    }

    @Test
    void theCatchAll404IsReportedAsNotImplemented() throws Exception {
        ParityReport report = replay(null, Gate.everything(false), CATCH_ALL);
        assertThat(step(report, 1).outcome()).isEqualTo(Outcome.NOT_IMPLEMENTED);
        assertThat(report.routeTable()).filteredOn(r -> r.route().equals("GET /"))
                .singleElement().satisfies(r -> assertThat(r.notImplemented()).isEqualTo(1));
        assertThat(report.passed()).isFalse();
        assertThat(replayWithGate(Gate.everything(true)).passed()).isTrue();
    }

    private ParityReport replayWithGate(Gate gate) throws Exception {
        return replay(null, gate, CATCH_ALL);
    }

    @Test
    void stepsNeedingACaptureOfANotImplementedStepAreNotImplementedToo() throws Exception {
        // p03 step 6 creates the class whose id ({{class_id}}) step 10 reads
        ParityReport report = replay("p03_lms_chain", null, Gate.everything(false), Map.of(6, CATCH_ALL));
        assertThat(step(report, 6).outcome()).isEqualTo(Outcome.NOT_IMPLEMENTED);
        StepResult get = step(report, 10);
        assertThat(get.outcome()).isEqualTo(Outcome.NOT_IMPLEMENTED);
        assertThat(get.note()).contains("{{class_id}}").contains("step #6");
    }

    @Test
    void aStepThatDiffersOnlyAsAnAcceptedDivergencePassesAsSuch() throws Exception {
        Path md = tmp.resolve("divergences.md");
        Files.writeString(md, """
                # Intentional differences
                | key | meaning |
                |---|---|
                | `status` | `{"legacy": [500], "candidate": [400]}` |

                ## core

                | id | route | legacy | new side | parity rule |
                |---|---|---|---|---|
                | CX-9 | `ANY /socket.io/` | 500 text | 400 detail | `{"route": "ANY /socket.io/", "status": {"legacy": [500], "candidate": [400, 404]}, "body": "detail"}` |
                """);
        ParityReport report = replay(md, Gate.everything(false), null,
                new RecordedAnswers.Answer(400, "application/json", "{\"detail\":\"Socket.IO is not served\"}"));
        StepResult socketIo = step(report, 15);
        assertThat(socketIo.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(socketIo.divergences()).containsExactly("CX-9");
        assertThat(report.passed()).isTrue();

        ParityReport notShaped = replay(md, Gate.everything(false), null,
                new RecordedAnswers.Answer(400, "text/plain", "nope"));
        assertThat(step(notShaped, 15).outcome()).isEqualTo(Outcome.FAILED);
    }

    @Test
    void theGateDecidesWhichFailuresBlockAndTheReportsAreWritten() throws Exception {
        ParityReport report = replay(null, Gate.parse(List.of("# only health", "GET /api/v1/health"), false),
                new RecordedAnswers.Answer(200, "application/json", "{\"message\":\"changed\"}"));
        assertThat(step(report, 1).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(report.passed()).isTrue();
        ReportFiles.write(report, tmp.resolve("out"));
        assertThat(tmp.resolve("out/parity-report.html")).content().contains("GET /").contains("/body/message");
        assertThat(tmp.resolve("out/junit/TEST-parity.xml")).content().contains("<failure").contains("testsuite");
        assertThat(tmp.resolve("out/parity-table.txt")).content().contains("MISMATCH p01_root_health_docs#1");
    }
}
