package dev.cellmonitor.cutover.load.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.cellmonitor.cutover.load.Knobs;

/**
 * The flips a suite makes while its top plateau runs: after {@code delay}, each step in turn, {@code hold}
 * apart.
 *
 * @param group          the group to move (core, lms, admin, monitoring), or null when a route moves
 * @param route          the route id to move (catalogue id), or null when a group moves
 * @param steps          stages in order, e.g. CANARY 25 %, NEW, LEGACY
 * @param delay          from the start of the top plateau to the first flip
 * @param hold           between flips
 * @param window         no request may fail this long before or after a flip
 * @param maxPropagation a flip to NEW or LEGACY must show in the served-by header of every request started
 *                       this long after it
 */
public record FlipPlan(String group, String route, List<Step> steps, Duration delay, Duration hold, Duration window,
                       Duration maxPropagation) {

    public record Step(String stage, Integer percentage) {
    }

    public static final FlipPlan NONE = new FlipPlan(null, null, List.of(), Duration.ZERO, Duration.ZERO,
            Duration.ZERO, Duration.ZERO);

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** The plan from settings; {@code defaultStages} applies when {@code flip.stages} is not set. */
    public static FlipPlan from(Knobs knobs, String defaultStages) {
        String stages = knobs.text("flip.stages", defaultStages);
        if (stages == null || stages.isBlank() || stages.equalsIgnoreCase("none")) {
            return NONE;
        }
        String route = knobs.raw("flip.route");
        String group = route == null ? knobs.text("flip.group", "core") : null;
        return new FlipPlan(group, route, parse(stages), knobs.duration("flip.delay", Duration.ofSeconds(30)),
                knobs.duration("flip.hold", Duration.ofSeconds(60)), knobs.duration("flip.window", Duration.ofSeconds(10)),
                knobs.duration("flip.maxPropagation", Duration.ofSeconds(5)));
    }

    static List<Step> parse(String text) {
        List<Step> steps = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim().toUpperCase(Locale.ROOT);
            if (p.isEmpty()) {
                continue;
            }
            String[] stageAndPercent = p.split(":");
            String stage = stageAndPercent[0].trim();
            if (!List.of("LEGACY", "SHADOW", "CANARY", "NEW").contains(stage)) {
                throw new IllegalArgumentException("flip.stages: unknown stage '" + stage
                        + "' (LEGACY, SHADOW, CANARY:<percent>, NEW)");
            }
            Integer percent = null;
            if (stageAndPercent.length > 1) {
                percent = Integer.parseInt(stageAndPercent[1].replace("%", "").trim());
            } else if (stage.equals("CANARY")) {
                throw new IllegalArgumentException("flip.stages: CANARY needs a percentage, e.g. CANARY:25");
            }
            steps.add(new Step(stage, percent));
        }
        return List.copyOf(steps);
    }

    public Flip flip(Step step, String reason) {
        return new Flip(group, route, step.stage(), step.percentage(), reason);
    }

    /** How long the plan needs on the plateau, so suites can check their plateau is long enough. */
    public Duration length() {
        return isEmpty() ? Duration.ZERO : delay.plus(hold.multipliedBy(steps.size()));
    }

    public String describe() {
        if (isEmpty()) {
            return "none";
        }
        List<String> s = steps.stream().map(st -> st.stage() + (st.percentage() == null ? "" : " " + st.percentage() + "%"))
                .toList();
        return (group != null ? "group " + group : "route " + route) + ": " + String.join(" -> ", s) + " (first after "
                + delay.toSeconds() + " s of the top plateau, then every " + hold.toSeconds() + " s)";
    }
}
