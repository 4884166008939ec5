package dev.cellmonitor.cutover.load;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.cellmonitor.cutover.load.gates.Gate;
import dev.cellmonitor.cutover.load.gates.IngestGates;
import dev.cellmonitor.cutover.load.measure.CpuMeter;
import dev.cellmonitor.cutover.load.measure.HoldFigures;
import dev.cellmonitor.cutover.load.measure.Sample;
import dev.cellmonitor.cutover.load.phases.BatchSizePlan;
import dev.cellmonitor.cutover.load.phases.Phase;
import dev.cellmonitor.cutover.load.traffic.Database;
import dev.cellmonitor.cutover.load.traffic.IngestBodies;
import dev.cellmonitor.cutover.load.traffic.IngestTraffic;

/**
 * The ingestion benchmark (closed model, saturation): {@code clients} users each post batches of cell executions
 * back to back to {@code POST /api/v1/events}, for each batch size a warm-up and then a measured hold. Prints, per
 * batch size, the events persisted per second during the hold (rows of the run's students in cell_executions whose
 * insert time falls in it, counted in PostgreSQL once the load is over), the events acknowledged (202) per second,
 * the POST's p50/p99, the POSTs not answered 202 and the CPU used by the Gatling JVM, the servers and PostgreSQL.
 * Gates: rows persisted == events acknowledged over the whole run (no loss), no more than
 * {@code gate.failedPercent} POSTs failed per hold, and, when {@code gate.eventsPerSecond} is set, at least that
 * many events persisted per second in the hold of the largest batch size. In a closed model at saturation the
 * POST's latency is clients / throughput, so its percentiles are printed, not judged ({@code gate.p95},
 * {@code gate.p99} default to Gatling's 60 s request timeout).
 *
 * <p>Settings: {@code batchSizes} (1,20,200), {@code clients} (50), {@code warmUp} (60s), {@code hold} (20s),
 * {@code ingestStudents} (200), {@code persistWait} (60s), {@code gate.eventsPerSecond} (not set), {@code cpu}
 * (the {@code rss} servers); {@code baseUrl} defaults to the new backend, {@code http://127.0.0.1:8001}.
 */
public class IngestThroughputSimulation extends CutoverSimulation {

    /** The issue's target, for batches of 200 on 2 cores. */
    static final int ISSUE_TARGET = 35_000;

    static final Map<String, String> DEFAULTS = Map.of(
            "baseUrl", "http://127.0.0.1:8001",
            "gate.p95", "60000",
            "gate.p99", "60000",
            "ingestStudents", "200");

    private record Persisted(Database.Executions executions, String notCountedWhy) {
    }

    private final BatchSizePlan sizes;
    private final IngestTraffic traffic;
    private final IngestBodies bodies;
    private final CpuMeter cpu;
    private Persisted persisted;
    private volatile String table;

    public IngestThroughputSimulation() {
        this(Knobs.system().withDefaults(DEFAULTS));
    }

    private IngestThroughputSimulation(Knobs knobs) {
        this(knobs, BatchSizePlan.from(knobs));
    }

    private IngestThroughputSimulation(Knobs knobs, BatchSizePlan sizes) {
        super("ingest-throughput", knobs, sizes.plan(), "none");
        this.sizes = sizes;
        this.traffic = new IngestTraffic(measured, clock, runTag, knobs.integer("ingestStudents", 200));
        this.bodies = traffic.render(sizes.batchSizes());
        this.cpu = CpuMeter.from(knobs);
        setUpSuite(List.of(traffic.backToBack(bodies, sizes.lookup()).injectClosed(plan.closedSteps(level -> level))),
                traffic::active);
    }

    @Override
    protected String population() {
        return String.format(Locale.ROOT, "%d clients posting back to back (one keep-alive connection each) batches of"
                        + " %s cell executions, one batch size per warm-up (%d s) and hold (%d s); bodies pre-rendered"
                        + " from %d students of the run", sizes.clients(),
                sizes.batchSizes().stream().map(String::valueOf).collect(Collectors.joining(", ")),
                sizes.warmUp().toSeconds(), sizes.hold().toSeconds(), knobs.integer("ingestStudents", 200));
    }

    @Override
    protected void prepare() {
        fixtures.put("bodies", bodies.describe());
        Database db = Database.from(knobs);
        try {
            db.executionsOf(IngestTraffic.emailPrefix(runTag));
            fixtures.put("database", db.url() + " (rows of the run are counted there once the load is over)");
        } catch (SQLException e) {
            fixtures.put("database", "NOT reachable at " + db.url() + " (" + e.getMessage() + "): persisted events"
                    + " cannot be counted, the no-loss gate will fail; set dbUrl to the backend's database");
        }
        cpu.start(clock, holdPhases());
    }

    private List<Phase> holdPhases() {
        return sizes.holds().values().stream().map(name -> plan.byName(name).orElseThrow()).toList();
    }

    /** The run's rows, counted once when the load is over: all of them and those stored in each hold. */
    private synchronized Persisted persisted() {
        if (persisted == null) {
            Database db = Database.from(knobs);
            List<Database.Window> windows = holdPhases().stream().map(p -> new Database.Window(
                    clock.phaseStartMillis(p), clock.phaseStartMillis(p) + p.length().toMillis())).toList();
            try {
                persisted = new Persisted(Database.settled(
                        () -> db.executionsOf(IngestTraffic.emailPrefix(runTag), windows), Database.Executions::total,
                        traffic.acknowledgedEvents(), knobs.duration("persistWait", Duration.ofSeconds(60)),
                        Duration.ofSeconds(3)), null);
            } catch (SQLException e) {
                persisted = new Persisted(null, "database not reachable at " + db.url() + " (" + e.getMessage() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                persisted = new Persisted(null, "interrupted");
            }
        }
        return persisted;
    }

    private List<HoldFigures> holds(List<Sample> samples) {
        Persisted counted = persisted();
        List<HoldFigures> holds = new ArrayList<>();
        int i = 0;
        for (Map.Entry<Integer, String> hold : sizes.holds().entrySet()) {
            long rows = counted.executions() == null ? -1 : counted.executions().inWindows().get(i);
            holds.add(HoldFigures.of(hold.getValue(), hold.getKey(), sizes.hold().toMillis() / 1000.0, samples, rows));
            i++;
        }
        return holds;
    }

    @Override
    protected List<Gate> suiteGates(List<Sample> samples) {
        Persisted counted = persisted();
        List<Gate> gates = new ArrayList<>();
        gates.add(IngestGates.noLoss(traffic.acknowledgedEvents(),
                counted.executions() == null ? null : counted.executions().total(), counted.notCountedWhy()));
        double limit = knobs.decimal("gate.eventsPerSecond", 0);
        if (limit > 0) {
            holds(samples).stream().filter(h -> h.batchSize() == sizes.largest()).findFirst()
                    .ifPresent(h -> gates.add(IngestGates.eventsPerSecond(h, limit)));
        }
        return gates;
    }

    @Override
    protected Map<String, Object> suiteFigures(List<Sample> samples) {
        Map<String, Map<String, Double>> cores = cpu.results();
        Persisted counted = persisted();
        Map<String, Object> figures = new LinkedHashMap<>();
        List<HoldFigures> holds = holds(samples);
        for (HoldFigures h : holds) {
            figures.put(h.phase() + " (batches of " + h.batchSize() + ")", h.describe(cores.get(h.phase())));
        }
        figures.put("events acknowledged (202), all phases", traffic.acknowledgedEvents());
        figures.put("rows persisted (cell_executions of the run's students), all phases",
                counted.executions() == null ? "not counted: " + counted.notCountedWhy() : counted.executions().total());
        holds.stream().filter(h -> h.batchSize() == 200).findFirst().ifPresent(h -> figures.put(
                "issue target (>= " + ISSUE_TARGET + " events/s persisted with batches of 200)",
                !h.persistedCounted() ? "not counted" : String.format(Locale.ROOT, "%s: %.0f events/s%s",
                        h.persistedPerSecond() >= ISSUE_TARGET ? "reached" : "not reached", h.persistedPerSecond(),
                        knobs.raw("gate.eventsPerSecond") == null ? " (not a gate: set gate.eventsPerSecond)" : "")));
        table = HoldFigures.table(holds, cores);
        return figures;
    }

    @Override
    public void after() {
        try {
            cpu.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        super.after();
        if (table != null) {
            System.out.println(String.format(Locale.ROOT, "%n=== %s %s: POST /api/v1/events at %s, %d clients back to back,"
                            + " %d s per hold after %d s of warm-up, %d cores shared by Gatling, server(s) and PostgreSQL ===",
                    suite, runTag, baseUrl, sizes.clients(), sizes.hold().toSeconds(), sizes.warmUp().toSeconds(),
                    Runtime.getRuntime().availableProcessors()));
            System.out.print(table);
        }
    }
}
