package dev.cellmonitor.cutover.parity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cellmonitor.cutover.parity.check.StepResult;
import dev.cellmonitor.cutover.parity.report.Gate;
import dev.cellmonitor.cutover.parity.report.ParityReport;
import dev.cellmonitor.cutover.parity.report.ReportFiles;
import dev.cellmonitor.cutover.parity.report.TextReport;
import dev.cellmonitor.cutover.parity.support.InProcessNewBackend;
import dev.cellmonitor.cutover.parity.support.SharedRecordings;

/**
 * The CI proof: replays ALL public recordings against the new backend started in this JVM (fresh database on the
 * local PostgreSQL, private Redis prefix, reset and restart before every scenario), writes the per-route table,
 * the HTML report and JUnit XML under {@code parity-tests/target/parity/} and prints the table.
 *
 * <p>The build fails only for routes listed in {@code parity-gate.txt} (src/test/resources): a FAILED or
 * NOT_IMPLEMENTED step of a gated route is a regression. Everything else is reported, not hidden: routes the
 * backend does not serve yet show up as "not implemented".
 */
class NewBackendParityTest {

    private static final Path OUT = Path.of(System.getProperty("parity.out", "target/parity"));

    @Test
    void publicRecordingsReplayedAgainstTheNewBackend() throws Exception {
        Path recordings = SharedRecordings.require();
        Path divergences = divergencesFile();
        ParitySuite.Settings settings = ParitySuite.Settings.of(recordings).withDivergences(divergences)
                .withGate(Gate.parse(gateLines(), false));
        ParitySuite suite = new ParitySuite(settings, line -> System.out.println("[parity] " + line));
        ParityReport report;
        try (InProcessNewBackend backend = new InProcessNewBackend()) {
            report = suite.replay(backend.target());
            assertThat(backend.starts()).as("one fresh start per scenario").isEqualTo(suite.recordings().size() + 1);
        }
        ReportFiles.write(report, OUT);
        System.out.println(TextReport.render(report));
        System.out.println("[parity] reports: " + OUT.toAbsolutePath().resolve("parity-report.html"));

        long compared = suite.recordings().stream().flatMap(r -> r.steps().stream()).filter(s -> s.compared()).count();
        assertThat(report.results()).as("every compared step has a verdict").hasSize((int) compared);
        List<StepResult> blocking = report.blocking();
        assertThat(blocking).as(() -> "gated routes regressed:\n" + String.join("\n",
                blocking.stream().map(r -> r.outcome() + " " + r.id() + " " + r.label() + " " + r.differences()
                        + (r.note() == null ? "" : " (" + r.note() + ")")).toList())).isEmpty();
    }

    private static Path divergencesFile() {
        String configured = System.getProperty("parity.divergences");
        Path file = configured != null ? Path.of(configured) : Path.of("../docs/divergences.md");
        assertThat(file).as("docs/divergences.md (the accepted divergences)").exists();
        return file;
    }

    private static List<String> gateLines() throws IOException {
        try (InputStream in = NewBackendParityTest.class.getResourceAsStream("/parity-gate.txt")) {
            assertThat(in).as("parity-gate.txt on the test classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
