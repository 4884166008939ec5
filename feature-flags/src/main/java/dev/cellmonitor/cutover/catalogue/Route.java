package dev.cellmonitor.cutover.catalogue;

import java.util.Locale;
import java.util.Optional;

/**
 * One legacy route.
 *
 * @param id            stable identifier, also the root of the route's Togglz feature name
 * @param method        HTTP method, {@code WS} for a WebSocket handshake, {@code ANY} for a mount
 * @param path          path template exactly as the legacy serves it (doubled prefixes, trailing slashes)
 * @param tail          the last template segment swallows the rest of the path ({@code {x:path}}, mounts)
 * @param stateUnit     name of the legacy process-local store this route shares with its siblings, if any;
 *                      routes of one unit must be served by the same backend
 * @param retrySafe     GET without side effects: may be retried, shadowed or answered by the other backend
 * @param auth          needs the instructor Bearer token in the legacy
 * @param successStatus the status the legacy answers on success
 */
public record Route(String id, RouteGroup group, String method, String path, boolean websocket, boolean tail,
                   String stateUnit, boolean retrySafe, boolean auth, int successStatus, String description) {

    /** The key the recordings and rules files use: {@code "GET /api/v1/classes/{class_id}"}. */
    public String key() {
        return method + " " + path;
    }

    /** The Togglz feature that holds this route's stage override. */
    public String featureName() {
        return "ROUTE_" + id.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    public Optional<String> unit() {
        return Optional.ofNullable(stateUnit);
    }
}
