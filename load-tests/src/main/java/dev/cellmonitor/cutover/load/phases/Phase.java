package dev.cellmonitor.cutover.load.phases;

import java.time.Duration;

/**
 * One step of a suite's load profile.
 *
 * @param name    shown in the Gatling report (requests are grouped by it) and in the summary
 * @param length  how long it lasts
 * @param from    concurrent users (closed model) or arrivals per second (open model) at its start
 * @param to      the same at its end; equal to {@code from} on a plateau
 * @param judged  gates apply to it (plateaus are judged; ramps are not)
 */
public record Phase(String name, Duration length, double from, double to, boolean judged) {

    public static Phase ramp(String name, Duration length, double from, double to) {
        return new Phase(name, length, from, to, false);
    }

    public static Phase plateau(String name, Duration length, double level) {
        return new Phase(name, length, level, level, true);
    }

    public boolean isRamp() {
        return from != to;
    }
}
