package dev.cellmonitor.cutover.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import dev.cellmonitor.cutover.load.gates.Gate;
import dev.cellmonitor.cutover.load.measure.RequestLog;
import dev.cellmonitor.cutover.load.report.RunSummary;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suites' machinery end to end against a stub target: a whole smoke run through Gatling with flips, the
 * gates, the summary, and a failed gate failing the Gatling run (exit code 2, which fails {@code mvn}).
 */
class GatesIT {

    private static final Path RESULTS = Path.of("target/gatling-it");

    private static Map<String, String> settings(StubCellMonitor stub) {
        Map<String, String> s = new HashMap<>();
        s.put("baseUrl", stub.baseUrl());
        s.put("opsUrl", stub.opsUrl());
        s.put("opsToken", StubCellMonitor.TOKEN);
        s.put("users", "12");
        s.put("rampUp", "3s");
        s.put("plateau", "12s");
        s.put("drain", "10s");
        s.put("lmsPersistWait", "1s");
        s.put("rss", "stub=port:" + stub.apiPort());
        return s;
    }

    @Test
    void aRunWithFlipsIsMeasuredPerGroupAndBackendAndSummarised() throws Exception {
        try (StubCellMonitor stub = new StubCellMonitor()) {
            Map<String, String> s = settings(stub);
            // the machinery is under test here, not the speed of a stub sharing the JVM with Gatling
            s.put("gate.p95", "5000");
            s.put("gate.p99", "10000");
            s.put("flip.group", "core");
            s.put("flip.stages", "CANARY:50,NEW");
            s.put("flip.delay", "2s");
            s.put("flip.hold", "5s");

            GatlingRun.Result run = GatlingRun.run(SmokeSimulation.class, RESULTS, s);

            assertThat(run.exitCode()).isZero();
            RunSummary summary = run.summary();
            assertThat(summary.passed()).isTrue();
            assertThat(summary.figures().phases().get("plateau-12").groups())
                    .containsKeys("core", "admin", "lms", "monitoring");
            assertThat(summary.figures().phases().get("plateau-12").backends()).containsKeys("legacy", "new");
            assertThat(summary.flips()).hasSize(2).allMatch(o -> o.flip().accepted());
            assertThat(summary.gates()).extracting(Gate::name).contains("flip 2 (group core -> NEW): served by new");
            assertThat(stub.flips()).hasSize(2);
            assertThat(summary.stages().atStart()).contains("core LEGACY");
            assertThat(summary.stages().atEnd()).contains("core NEW");
            assertThat(summary.memory()).singleElement().satisfies(m -> {
                assertThat(m.pid()).isEqualTo(ProcessHandle.current().pid());
                assertThat(m.samples()).isPositive();
            });
            assertThat(summary.fixtures().get("instructors")).contains("created for this run");
            assertThat(run.directory().resolve("index.html")).exists();
            assertThat(RequestLog.read(run.directory().resolve(RequestLog.FILE))).isNotEmpty();
            assertThat(Files.readString(run.directory().resolve(RunSummary.MARKDOWN))).contains("gates PASSED");
        }
    }

    @Test
    void aSlowGroupOnAPlateauFailsTheRunAndTheSummarySaysWhere() throws Exception {
        try (StubCellMonitor stub = new StubCellMonitor()) {
            stub.delay("POST /api/v1/events", 300);

            GatlingRun.Result run = GatlingRun.run(SmokeSimulation.class, RESULTS, settings(stub));

            assertThat(run.exitCode()).as("Gatling's exit code for a failed assertion").isEqualTo(2);
            RunSummary summary = run.summary();
            assertThat(summary.passed()).isFalse();
            assertThat(summary.gates()).filteredOn(g -> !g.passed()).extracting(Gate::name)
                    .contains("plateau-12: group core", "plateau-12: backend legacy");
            assertThat(Files.readString(run.directory().resolve(RunSummary.MARKDOWN))).contains("gates FAILED");
        }
    }

    @Test
    void theIngestPeakSuiteJudgesItsHoldAndCountsAcceptedEvents() throws Exception {
        try (StubCellMonitor stub = new StubCellMonitor()) {
            Map<String, String> s = settings(stub);
            s.put("targetEventsPerSecond", "400");
            s.put("batchSize", "20");
            s.put("ingestRamp", "3s");
            s.put("ingestHold", "8s");
            s.put("persistWait", "1s");
            s.put("gate.acceptedShare", "0.85");
            s.put("gate.p95", "5000");
            s.put("gate.p99", "10000");

            GatlingRun.Result run = GatlingRun.run(IngestPeakSimulation.class, RESULTS, s);

            RunSummary summary = run.summary();
            assertThat(summary.injection().model()).isEqualTo("open");
            assertThat(summary.figures().phases().get("hold").all().count()).isBetween(120, 200);
            assertThat(summary.gates()).extracting(Gate::name).contains("hold: all", "hold: events accepted per second");
            assertThat(summary.extra()).containsKey("events accepted per second during the hold");
            assertThat(run.exitCode()).as(Files.readString(run.directory().resolve(RunSummary.MARKDOWN))).isZero();
        }
    }

    @Test
    void theIngestThroughputSuiteFailsABackendThatAcknowledgesEventsItDidNotStore() throws Exception {
        try (StubCellMonitor stub = new StubCellMonitor(); TestDatabase db = TestDatabase.create("load_throughput")) {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                // the stub stores nothing: the tables the rows are counted in stay empty
                st.execute("CREATE TABLE students (id integer PRIMARY KEY, email varchar NOT NULL)");
                st.execute("CREATE TABLE cell_executions (id integer, student_id integer, executed_at timestamptz)");
            }
            Map<String, String> s = settings(stub);
            s.put("batchSizes", "20,200");
            s.put("clients", "4");
            s.put("warmUp", "2s");
            s.put("hold", "3s");
            s.put("ingestStudents", "10");
            s.put("persistWait", "1s");
            s.put("dbUrl", db.url());
            s.put("gate.eventsPerSecond", "1");

            GatlingRun.Result run = GatlingRun.run(IngestThroughputSimulation.class, RESULTS, s);

            assertThat(run.exitCode()).as("Gatling's exit code for a failed assertion").isEqualTo(2);
            RunSummary summary = run.summary();
            assertThat(summary.injection().model()).isEqualTo("closed");
            assertThat(summary.injection().phases()).extracting(RunSummary.PhaseLine::name)
                    .containsExactly("warmup-20", "hold-20", "warmup-200", "hold-200");
            assertThat(summary.figures().phases().get("hold-200").all().count()).isPositive();
            assertThat(summary.gates()).filteredOn(g -> !g.passed()).extracting(Gate::name)
                    .containsExactly("no loss: rows persisted == events acknowledged", "hold-200: events persisted per second");
            assertThat(summary.gates()).filteredOn(g -> g.name().startsWith("no loss")).singleElement()
                    .satisfies(g -> assertThat(g.detail()).startsWith("0 rows").endsWith("were not stored (lost)"));
            assertThat(summary.extra()).containsKeys("hold-20 (batches of 20)", "hold-200 (batches of 200)",
                    "issue target (>= 35000 events/s persisted with batches of 200)");
            assertThat(String.valueOf(summary.extra().get("hold-200 (batches of 200)")))
                    .startsWith("0 events/s persisted").contains("CPU in cores: gatling ");
            assertThat(run.directory().resolve("index.html")).exists();
        }
    }
}
