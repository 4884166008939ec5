package dev.cellmonitor.cutover.parity.check;

/** The verdict on one compared step. */
public enum Outcome {
    /** the candidate answered like the legacy under the comparison rules */
    PASSED,
    /** the candidate differs only as an accepted divergence of docs/divergences.md allows */
    ACCEPTED,
    /** the candidate differs */
    FAILED,
    /** the candidate answered its catch-all 404 "Not Found" where the legacy served the route */
    NOT_IMPLEMENTED,
    /** the step could not be compared (no database / Redis given) */
    SKIPPED
}
