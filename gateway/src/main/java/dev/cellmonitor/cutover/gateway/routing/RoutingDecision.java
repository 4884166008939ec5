package dev.cellmonitor.cutover.gateway.routing;

import dev.cellmonitor.cutover.catalogue.Route;
import dev.cellmonitor.cutover.gateway.stages.Effective;

/**
 * Where one request goes, decided once at the start of the exchange.
 *
 * @param route     the catalogued route, null for a request the legacy has no route for
 * @param effective the route's effective stage when decided, null when unmatched
 * @param target    the backend that should answer
 * @param shadow    legacy answers and the new backend gets a copy to compare
 * @param userKey   the canary key (only looked up for CANARY)
 */
public record RoutingDecision(Route route, Effective effective, Backend target, boolean shadow, String userKey) {

    /** Exchange attribute holding the decision. */
    public static final String ATTR = RoutingDecision.class.getName();

    /** Exchange attribute holding the label of the backend that finally answered (or {@code gateway}). */
    public static final String SERVED_BY_ATTR = RoutingDecision.class.getName() + ".servedBy";

    public static final String SERVED_BY_HEADER = "X-Served-By";

    public String routeId() {
        return route == null ? RouteMetrics.UNMATCHED : route.id();
    }

    /** GET/HEAD, or a route the catalogue marks retry-safe: legacy may answer it instead of the new backend. */
    public boolean safe(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || (route != null && route.retrySafe());
    }
}
