package dev.cellmonitor.cutover.parity.report;

/** One line of the per-route table. */
public record RouteRow(String group, String route, int steps, int passed, int accepted, int failed,
                       int notImplemented, int skipped, boolean gated) {

    public String status() {
        if (failed > 0) {
            return "FAILED";
        }
        if (notImplemented > 0) {
            return "NOT IMPLEMENTED";
        }
        if (skipped == steps) {
            return "SKIPPED";
        }
        return accepted > 0 ? "PASSED (accepted divergences)" : "PASSED";
    }
}
