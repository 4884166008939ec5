package dev.cellmonitor.cutover.load;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.cellmonitor.cutover.load.phases.Phase;
import dev.cellmonitor.cutover.load.phases.PhasePlan;

/**
 * The classroom in under a minute with a few dozen users, so CI can run every part of the suites (set-up,
 * students, instructors with their WebSocket, LMS users, gates, summary) on every build. Flips run when
 * {@code flip.stages} is set.
 *
 * <p>Settings: {@code users} (24), {@code rampUp} (10s), {@code plateau} (35s); think times are shorter
 * than the classroom's.
 */
public class SmokeSimulation extends ClassroomSimulation {

    static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("studentThinkMin", "1s"), Map.entry("studentThinkMax", "3s"),
            Map.entry("instructorPollMin", "1s"), Map.entry("instructorPollMax", "3s"),
            Map.entry("lmsThinkMin", "1s"), Map.entry("lmsThinkMax", "3s"),
            Map.entry("instructorShare", "0.1"), Map.entry("lmsShare", "0.1"),
            Map.entry("lmsStudents", "4"), Map.entry("lmsPersistWait", "20s"),
            Map.entry("gate.minSamples", "20"), Map.entry("drain", "20s"));

    public SmokeSimulation() {
        this(Knobs.system().withDefaults(DEFAULTS));
    }

    private SmokeSimulation(Knobs knobs) {
        super("smoke", knobs, smokePlan(knobs), "none");
    }

    static PhasePlan smokePlan(Knobs knobs) {
        int users = knobs.integer("users", 24);
        return new PhasePlan(PhasePlan.CLOSED, "concurrent users", List.of(
                Phase.ramp("ramp-" + users, knobs.duration("rampUp", Duration.ofSeconds(10)), 0, users),
                Phase.plateau("plateau-" + users, knobs.duration("plateau", Duration.ofSeconds(35)), users)));
    }
}
