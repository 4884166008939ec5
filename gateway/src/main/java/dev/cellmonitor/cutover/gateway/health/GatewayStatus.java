package dev.cellmonitor.cutover.gateway.health;

import org.springframework.boot.health.contributor.Status;

/**
 * The custom health status of a part the gateway can run without for a while (the flag store, the new
 * backend): reported, ranked between DOWN and UP, and mapped to HTTP 200 so load balancers keep the replica.
 */
public final class GatewayStatus {

    public static final Status DEGRADED = new Status("DEGRADED");

    private GatewayStatus() {
    }
}
