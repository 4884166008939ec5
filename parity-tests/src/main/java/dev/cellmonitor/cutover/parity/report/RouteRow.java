package dev.cellmonitor.cutover.parity.report;

import dev.cellmonitor.cutover.parity.check.Outcome;

/** One line of the per-route table. */
public record RouteRow(String group, String route, int steps, int passed, int accepted, int failed,
                       int notImplemented, int skipped, boolean gated) {

    /** The route's worst verdict: failed, then not implemented, then skipped (all steps), accepted, passed. */
    public Outcome verdict() {
        if (failed > 0) {
            return Outcome.FAILED;
        }
        if (notImplemented > 0) {
            return Outcome.NOT_IMPLEMENTED;
        }
        if (skipped == steps) {
            return Outcome.SKIPPED;
        }
        return accepted > 0 ? Outcome.ACCEPTED : Outcome.PASSED;
    }
}
