package dev.cellmonitor.cutover.gateway.routing;

import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import dev.cellmonitor.cutover.catalogue.Route;
import dev.cellmonitor.cutover.catalogue.RouteCatalogue;

/** The catalogued route of a request, as the legacy would route it; matched once and kept on the exchange. */
@Component
public class CatalogueMatcher {

    private static final String ATTR = CatalogueMatcher.class.getName();
    private static final Object NONE = new Object();

    private final RouteCatalogue catalogue;

    CatalogueMatcher(RouteCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** The route, or null when the legacy has none for this request. */
    public Route match(ServerWebExchange exchange) {
        Object cached = exchange.getAttribute(ATTR);
        if (cached != null) {
            return cached == NONE ? null : (Route) cached;
        }
        ServerHttpRequest request = exchange.getRequest();
        String method = isWebSocketUpgrade(request) ? "WS" : request.getMethod().name();
        Optional<Route> route = catalogue.match(method, request.getPath().value());
        exchange.getAttributes().put(ATTR, route.isPresent() ? route.get() : NONE);
        return route.orElse(null);
    }

    static boolean isWebSocketUpgrade(ServerHttpRequest request) {
        return "GET".equals(request.getMethod().name())
                && "websocket".equalsIgnoreCase(request.getHeaders().getFirst(HttpHeaders.UPGRADE));
    }
}
