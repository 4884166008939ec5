package dev.cellmonitor.cutover.gateway.routing;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

import dev.cellmonitor.cutover.catalogue.Route;
import dev.cellmonitor.cutover.gateway.GatewayProperties;
import dev.cellmonitor.cutover.gateway.shadow.ShadowMirror;
import dev.cellmonitor.cutover.gateway.stages.CutoverStageStrategy;
import dev.cellmonitor.cutover.gateway.stages.Effective;
import dev.cellmonitor.cutover.gateway.stages.StageCache;

/**
 * Decides, once per request, which backend answers: the catalogued route's effective stage from this replica's
 * flag cache, and for a canary the sticky bucket of the request's user key (evaluated by the Togglz
 * {@link CutoverStageStrategy}). It also names the serving backend in {@code X-Served-By}, starts the shadow
 * copy for SHADOW routes, and records the per-route metrics. It runs before the response writer
 * ({@link NettyWriteResponseFilter}) so the shadow can see the legacy's body as it streams to the client;
 * the actual backend call is guarded further down the chain.
 */
@Component
public class CutoverFilter implements GlobalFilter, Ordered {

    public static final int ORDER = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;

    private final CatalogueMatcher matcher;
    private final StageCache stages;
    private final CutoverStageStrategy strategy;
    private final UserKeys userKeys;
    private final ShadowMirror shadow;
    private final RouteMetrics metrics;

    CutoverFilter(CatalogueMatcher matcher, StageCache stages, CutoverStageStrategy strategy, ShadowMirror shadow,
                  RouteMetrics metrics, GatewayProperties properties) {
        this.matcher = matcher;
        this.stages = stages;
        this.strategy = strategy;
        this.shadow = shadow;
        this.metrics = metrics;
        this.userKeys = new UserKeys(new ClientAddress(properties.trustedProxies()));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        long start = System.nanoTime();
        Route route = matcher.match(exchange);
        if (route == null) {
            return proceed(exchange, chain, new RoutingDecision(null, null, Backend.LEGACY, false, null), start);
        }
        Effective effective = stages.current().effective(route);
        return switch (effective.stage().stage()) {
            case LEGACY -> proceed(exchange, chain, new RoutingDecision(route, effective, Backend.LEGACY, false, null), start);
            case SHADOW -> proceed(exchange, chain, new RoutingDecision(route, effective, Backend.LEGACY,
                    route.retrySafe(), null), start);
            case NEW -> proceed(exchange, chain, new RoutingDecision(route, effective, Backend.NEW, false, null), start);
            case CANARY -> canary(exchange, chain, route, effective, start);
        };
    }

    private Mono<Void> canary(ServerWebExchange exchange, GatewayFilterChain chain, Route route, Effective effective,
                              long start) {
        ServerHttpRequest request = exchange.getRequest();
        String key = userKeys.fromHeadersPathQuery(request, route);
        if (key != null || !UserKeys.bodyMayHoldEvents(request)) {
            String userKey = key != null ? key : userKeys.fromClientAddress(request);
            return proceed(exchange, chain, canaryDecision(route, effective, userKey), start);
        }
        // the events batch body holds the key: read it once, then hand the same bytes on unchanged
        return ServerWebExchangeUtils.cacheRequestBody(exchange, cached -> {
            DataBuffer body = exchange.getAttribute(ServerWebExchangeUtils.CACHED_REQUEST_BODY_ATTR);
            String fromBody = userKeys.fromEventsBody(body);
            String userKey = fromBody != null ? fromBody : userKeys.fromClientAddress(request);
            return proceed(exchange.mutate().request(cached).build(), chain,
                    canaryDecision(route, effective, userKey), start);
        });
    }

    private RoutingDecision canaryDecision(Route route, Effective effective, String userKey) {
        boolean toNew = strategy.isActive(effective.governingState(),
                CutoverStageStrategy.requestUser(userKey, effective.salt()));
        return new RoutingDecision(route, effective, toNew ? Backend.NEW : Backend.LEGACY, false, userKey);
    }

    private Mono<Void> proceed(ServerWebExchange exchange, GatewayFilterChain chain, RoutingDecision decision,
                               long start) {
        exchange.getAttributes().put(RoutingDecision.ATTR, decision);
        // headers pass through as the client sent them, Host included
        exchange.getAttributes().put(ServerWebExchangeUtils.PRESERVE_HOST_HEADER_ATTRIBUTE, true);
        exchange.getAttributes().put(RoutingDecision.SERVED_BY_ATTR, decision.target().label());
        exchange.getResponse().beforeCommit(() -> {
            String servedBy = exchange.getAttribute(RoutingDecision.SERVED_BY_ATTR);
            exchange.getResponse().getHeaders().set(RoutingDecision.SERVED_BY_HEADER, servedBy);
            return Mono.empty();
        });
        ServerWebExchange proxied = decision.shadow() ? shadow.mirror(exchange, decision.route()) : exchange;
        String routeId = decision.routeId();
        String group = decision.route() == null ? "none" : decision.route().group().key();
        return chain.filter(proxied).doFinally(signal -> {
            String servedBy = exchange.getAttribute(RoutingDecision.SERVED_BY_ATTR);
            metrics.recordRequest(routeId, group, servedBy, outcome(exchange, signal), System.nanoTime() - start);
        });
    }

    private static String outcome(ServerWebExchange exchange, SignalType signal) {
        if (signal == SignalType.ON_ERROR) {
            return "TRANSPORT_ERROR";
        }
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        if (status == null) {
            return signal == SignalType.CANCEL ? "CANCELLED" : "UNKNOWN";
        }
        int s = status.value();
        return s >= 500 ? "SERVER_ERROR" : s >= 400 ? "CLIENT_ERROR" : s >= 300 ? "REDIRECTION"
                : s >= 200 ? "SUCCESS" : "INFORMATIONAL";
    }
}
