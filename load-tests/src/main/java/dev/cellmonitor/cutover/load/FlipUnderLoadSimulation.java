package dev.cellmonitor.cutover.load;

import java.time.Duration;
import java.util.List;

import dev.cellmonitor.cutover.load.ops.FlipPlan;
import dev.cellmonitor.cutover.load.phases.Phase;
import dev.cellmonitor.cutover.load.phases.PhasePlan;

/**
 * The classroom population ramped to its peak (350) while the gateway's ops API moves a group to CANARY,
 * then NEW, then back to LEGACY: no request may fail around a flip, and the served-by header must show the
 * new stage for requests sent shortly after it.
 *
 * <p>Settings: {@code peakUsers} (350), {@code peakRamp} (60s), {@code peakPlateau} (long enough for the flips
 * plus 30 s by default), {@code flip.group} (core) or {@code flip.route} (a catalogue route id),
 * {@code flip.stages} (CANARY:25,NEW,LEGACY), {@code flip.delay} (30s), {@code flip.hold} (60s),
 * {@code flip.window} (10s), {@code flip.maxPropagation} (5s), and the ops API's ({@code opsUrl},
 * {@code CUTOVER_OPS_TOKEN}).
 */
public class FlipUnderLoadSimulation extends ClassroomSimulation {

    static final String DEFAULT_FLIPS = "CANARY:25,NEW,LEGACY";

    public FlipUnderLoadSimulation() {
        this(Knobs.system());
    }

    private FlipUnderLoadSimulation(Knobs knobs) {
        super("flip-under-load", knobs, flipPlan(knobs), DEFAULT_FLIPS);
    }

    static PhasePlan flipPlan(Knobs knobs) {
        int peak = knobs.integer("peakUsers", 350);
        Duration flips = FlipPlan.from(knobs, DEFAULT_FLIPS).length();
        return new PhasePlan(PhasePlan.CLOSED, "concurrent users", List.of(
                Phase.ramp("ramp-" + peak, knobs.duration("peakRamp", Duration.ofSeconds(60)), 0, peak),
                Phase.plateau("plateau-" + peak, knobs.duration("peakPlateau", flips.plusSeconds(30)), peak)));
    }

    @Override
    protected void prepare() throws Exception {
        JsonHttp.Reply stages = ops.stages();
        if (!stages.ok()) {
            throw new IllegalStateException("the gateway's ops API at " + ops.api().stagesUrl() + " answered "
                    + stages.brief() + "; set -DopsUrl and CUTOVER_OPS_TOKEN");
        }
        super.prepare();
    }
}
