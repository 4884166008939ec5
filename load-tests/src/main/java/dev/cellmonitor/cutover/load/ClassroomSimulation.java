package dev.cellmonitor.cutover.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleUnaryOperator;

import dev.cellmonitor.cutover.load.phases.Phase;
import dev.cellmonitor.cutover.load.phases.PhasePlan;
import dev.cellmonitor.cutover.load.traffic.ClassroomTraffic;
import dev.cellmonitor.cutover.load.traffic.Database;
import dev.cellmonitor.cutover.load.traffic.Fixtures;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;

/**
 * The headline suite (closed model): a 200-user plateau, a ramp to 350 and a 350-user plateau of students,
 * instructors and LMS users, judged per plateau.
 *
 * <p>Settings: {@code users} (200), {@code peakUsers} (350), {@code rampUp} (60s), {@code plateau} (5m),
 * {@code peakRamp} (60s), {@code peakPlateau} (5m), plus those of {@link CutoverSimulation} and
 * {@link ClassroomTraffic.Settings}.
 */
public class ClassroomSimulation extends CutoverSimulation {

    private final ClassroomTraffic traffic;
    private final ClassroomTraffic.Settings settings;
    private volatile Fixtures.Instructors instructors;
    private volatile Fixtures.Lms lms;

    public ClassroomSimulation() {
        this("classroom", Knobs.system(), null, "none");
    }

    /** For suites built on the classroom population with another profile; {@code plan} null: the classroom's. */
    protected ClassroomSimulation(String suite, Knobs knobs, PhasePlan plan, String defaultFlipStages) {
        super(suite, knobs, plan != null ? plan : classroomPlan(knobs), defaultFlipStages);
        this.settings = ClassroomTraffic.Settings.from(knobs);
        this.traffic = new ClassroomTraffic(measured, clock, runTag, settings, () -> instructors, () -> lms);
        List<PopulationBuilder> load = new ArrayList<>();
        add(load, traffic.students(), settings.studentShare(), false);
        add(load, traffic.instructors(), settings.instructorShare(), true);
        add(load, traffic.lmsUsers(), settings.lmsShare(), true);
        setUpSuite(load, traffic::active);
    }

    static PhasePlan classroomPlan(Knobs knobs) {
        int users = knobs.integer("users", 200);
        int peak = knobs.integer("peakUsers", 350);
        return new PhasePlan(PhasePlan.CLOSED, "concurrent users", List.of(
                Phase.ramp("ramp-" + users, knobs.duration("rampUp", Duration.ofSeconds(60)), 0, users),
                Phase.plateau("plateau-" + users, knobs.duration("plateau", Duration.ofMinutes(5)), users),
                Phase.ramp("ramp-" + peak, knobs.duration("peakRamp", Duration.ofSeconds(60)), users, peak),
                Phase.plateau("plateau-" + peak, knobs.duration("peakPlateau", Duration.ofMinutes(5)), peak)));
    }

    private void add(List<PopulationBuilder> load, ScenarioBuilder scenario, double share, boolean atLeastOne) {
        if (share <= 0) {
            return;
        }
        DoubleUnaryOperator level = atLeastOne ? l -> Math.max(1, l * share) : l -> l * share;
        load.add(scenario.injectClosed(plan.closedSteps(level)));
    }

    /** Most instructors logged in at once: one account each. */
    private int peakInstructors() {
        double top = plan.phases().stream().mapToDouble(Phase::to).max().orElse(1);
        return (int) Math.round(Math.max(1, top * settings.instructorShare()));
    }

    @Override
    protected String population() {
        return settings.describe();
    }

    @Override
    protected void prepare() throws Exception {
        JsonHttp http = new JsonHttp(Duration.ofSeconds(30));
        if (settings.instructorShare() > 0) {
            instructors = Fixtures.instructors(http, baseUrl, runTag, peakInstructors(), new Fixtures.Credentials(
                    knobs.text("instructorEmail", "instructor@example.com"),
                    knobs.text("instructorPassword", "password123")));
            fixtures.put("instructors", instructors.note());
        }
        if (settings.lmsShare() > 0) {
            lms = Fixtures.lms(http, baseUrl, runTag, knobs.integer("lmsStudents", 10), Database.from(knobs),
                    knobs.duration("lmsPersistWait", Duration.ofSeconds(60)), ThreadLocalRandom.current());
            fixtures.put("lms", lms.note());
        }
    }
}
