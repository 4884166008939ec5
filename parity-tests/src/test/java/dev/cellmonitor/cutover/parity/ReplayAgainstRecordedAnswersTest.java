package dev.cellmonitor.cutover.parity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.cellmonitor.cutover.parity.check.Outcome;
import dev.cellmonitor.cutover.parity.check.StepResult;
import dev.cellmonitor.cutover.parity.recording.Recording;
import dev.cellmonitor.cutover.parity.report.ParityReport;
import dev.cellmonitor.cutover.parity.run.Target;
import dev.cellmonitor.cutover.parity.support.RecordedAnswers;
import dev.cellmonitor.cutover.parity.support.SharedRecordings;

/**
 * The replay pipeline against a fake legacy that answers with the recording's own responses: every HTTP step must
 * pass (the comparator accepts the legacy's answers, the runner sends the recorded requests and resolves the
 * captures), side-effect steps are skipped without a database and Redis.
 */
class ReplayAgainstRecordedAnswersTest {

    @ParameterizedTest
    @ValueSource(strings = {"p01_root_health_docs", "p02_auth_instructors_status", "p03_lms_chain",
            "p07_notebook_versions", "p08_offline_environment", "p09_admin_settings_classroom_maps",
            "p12_lms_course_setup", "p13_progress_class_of_students", "p14_notebook_versions_course"})
    void everyHttpStepOfARecordingPassesAgainstItsOwnAnswers(String scenario) throws Exception {
        ParitySuite suite = new ParitySuite(ParitySuite.Settings.of(SharedRecordings.require())
                .withScenarios(List.of(scenario)), line -> { });
        Recording recording = suite.recordings().getFirst();
        try (RecordedAnswers legacy = new RecordedAnswers(recording)) {
            ParityReport report = suite.replay(Target.of("fake-legacy", legacy.base()));
            assertThat(legacy.problems()).isEmpty();
            List<StepResult> notPassed = report.results().stream()
                    .filter(r -> r.kind().equals("http") && r.outcome() != Outcome.PASSED).toList();
            assertThat(notPassed).as(() -> notPassed.stream().map(r -> r.id() + " " + r.differences()).toList()
                    .toString()).isEmpty();
            assertThat(report.results()).filteredOn(r -> !r.kind().equals("http"))
                    .allSatisfy(r -> assertThat(r.outcome()).isEqualTo(Outcome.SKIPPED));
        }
    }
}
