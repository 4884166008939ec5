package dev.cellmonitor.cutover.load;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.cellmonitor.cutover.load.gates.Gate;
import dev.cellmonitor.cutover.load.measure.Sample;
import dev.cellmonitor.cutover.load.phases.Phase;
import dev.cellmonitor.cutover.load.phases.PhasePlan;
import dev.cellmonitor.cutover.load.traffic.Database;
import dev.cellmonitor.cutover.load.traffic.IngestTraffic;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * Event ingestion at a target rate (open model): batches per second ramp up until {@code targetEventsPerSecond}
 * events per second arrive, then hold. Checks the legacy's claim of ~7,000 events/s on a deployment, judges
 * the hold like a plateau and counts how many events were accepted and, when the database is reachable,
 * how many the worker persisted.
 *
 * <p>Settings: {@code targetEventsPerSecond} (7000), {@code batchSize} (20 events), {@code ingestRamp} (60s),
 * {@code ingestHold} (2m), {@code ingestStudents} (1000), {@code persistWait} (60s),
 * {@code gate.acceptedShare} (0.95 of the target must be accepted during the hold).
 */
public class IngestPeakSimulation extends CutoverSimulation {

    private final IngestTraffic traffic;
    private final int batchSize;
    private final int target;

    public IngestPeakSimulation() {
        this(Knobs.system());
    }

    private IngestPeakSimulation(Knobs knobs) {
        super("ingest-peak", knobs, ingestPlan(knobs), "none");
        this.batchSize = knobs.integer("batchSize", 20);
        this.target = knobs.integer("targetEventsPerSecond", 7000);
        this.traffic = new IngestTraffic(measured, clock, runTag, knobs.integer("ingestStudents", 1000));
        setUpSuite(List.of(traffic.batches(batchSize).injectOpen(plan.openSteps())), traffic::active);
    }

    /** Hundreds of arrivals a second each opening a connection would run out of local ports: share a pool. */
    @Override
    protected HttpProtocolBuilder protocol() {
        return super.protocol().shareConnections();
    }

    static PhasePlan ingestPlan(Knobs knobs) {
        double batches = (double) knobs.integer("targetEventsPerSecond", 7000) / knobs.integer("batchSize", 20);
        return new PhasePlan(PhasePlan.OPEN, "batches/s", List.of(
                Phase.ramp("ramp", knobs.duration("ingestRamp", Duration.ofSeconds(60)), 1, batches),
                Phase.plateau("hold", knobs.duration("ingestHold", Duration.ofMinutes(2)), batches)));
    }

    @Override
    protected String population() {
        return String.format(Locale.ROOT, "event batches of %d cell executions each (one student's \"run all\"),"
                + " target %d events/s = %.1f batches/s, students drawn from %d of the run", batchSize, target,
                (double) target / batchSize, knobs.integer("ingestStudents", 1000));
    }

    private double acceptedPerSecond(List<Sample> samples) {
        Phase hold = plan.byName("hold").orElseThrow();
        long accepted = samples.stream().filter(s -> s.phase().equals("hold") && s.ok()).count();
        return accepted * batchSize / (hold.length().toMillis() / 1000.0);
    }

    @Override
    protected List<Gate> suiteGates(List<Sample> samples) {
        double share = knobs.decimal("gate.acceptedShare", 0.95);
        double accepted = acceptedPerSecond(samples);
        String detail = String.format(Locale.ROOT, "%.0f events/s accepted during the hold, target %d (limit %.0f%% of it)",
                accepted, target, share * 100);
        List<Gate> gates = new ArrayList<>();
        gates.add(accepted >= share * target ? Gate.pass("hold: events accepted per second", detail)
                : Gate.fail("hold: events accepted per second", detail));
        return gates;
    }

    @Override
    protected Map<String, Object> suiteFigures(List<Sample> samples) {
        Map<String, Object> figures = new LinkedHashMap<>();
        long acceptedEvents = samples.stream().filter(Sample::ok).count() * batchSize;
        figures.put("events accepted per second during the hold", Math.round(acceptedPerSecond(samples)));
        figures.put("events accepted in all phases", acceptedEvents);
        figures.put("events persisted (cell_executions of the run)", persisted(acceptedEvents));
        return figures;
    }

    /** Waits until the worker stops adding rows (or {@code persistWait} passes) and counts them. */
    private String persisted(long accepted) {
        Database db = Database.from(knobs);
        try {
            long count = Database.settled(() -> db.executionsOf(IngestTraffic.emailPrefix(runTag)), rows -> rows,
                    accepted, knobs.duration("persistWait", Duration.ofSeconds(60)), Duration.ofSeconds(3));
            return String.format(Locale.ROOT, "%d of %d (%.1f%%)", count, accepted,
                    accepted == 0 ? 0 : 100.0 * count / accepted);
        } catch (SQLException e) {
            return "not counted: database not reachable at " + db.url() + " (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "not counted: interrupted";
        }
    }
}
