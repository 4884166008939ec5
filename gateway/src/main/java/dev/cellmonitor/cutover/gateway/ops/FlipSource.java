package dev.cellmonitor.cutover.gateway.ops;

/** Where a flip came from, as the audit records it. */
public enum FlipSource {
    /** The ops API (and the ops web page, which uses it). */
    API,
    /**
     * A write by tooling through the Togglz actuator endpoint ({@code POST /actuator/togglz/{name}}), which
     * carries no reason.
     */
    ACTUATOR
}
