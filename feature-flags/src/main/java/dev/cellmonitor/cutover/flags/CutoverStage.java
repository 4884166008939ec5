package dev.cellmonitor.cutover.flags;

/** Where the gateway sends a route's traffic. */
public enum CutoverStage {
    /** Legacy answers; the new backend sees nothing. The default. */
    LEGACY,
    /** Legacy answers; the new backend gets a copy and the responses are compared. Retry-safe routes only. */
    SHADOW,
    /** A sticky share of users (by percentage) goes to the new backend, the rest to legacy. */
    CANARY,
    /** The new backend answers everything. */
    NEW
}
