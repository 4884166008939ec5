package dev.cellmonitor.cutover.gateway.resilience;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import tools.jackson.databind.json.JsonMapper;

import dev.cellmonitor.cutover.gateway.GatewayProperties;
import dev.cellmonitor.cutover.gateway.routing.Backend;
import dev.cellmonitor.cutover.gateway.routing.RouteMetrics;
import dev.cellmonitor.cutover.gateway.routing.RoutingDecision;

/**
 * Sends the request to the backend the {@link RoutingDecision} chose, through that backend's Resilience4j
 * circuit breaker and time limiter. When a call meant for the new backend cannot be made (breaker open,
 * timeout, connection refused), a safe request (GET/HEAD or retry-safe route) is answered by legacy instead
 * and an unsafe one fails fast with a legacy-shaped 503 {@code {"detail": ...}}; both are counted in
 * {@code cutover.fallbacks}. A 5xx from the new backend counts as a breaker failure but is passed on (the
 * response has started). Legacy 5xx answers are part of the legacy's contract and never count.
 * <p>
 * WebSockets are only steered at the handshake: to legacy when the new backend's breaker is open. A proxied
 * connection is never wrapped in a time limit, so it lives until either side closes it, whatever flips happen.
 */
@Component
public class BackendCallFilter implements GlobalFilter, Ordered {

    public static final int ORDER = RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;

    private static final Logger log = LoggerFactory.getLogger(BackendCallFilter.class);

    private final BackendGuards guards;
    private final RouteMetrics metrics;
    private final URI legacyUrl;
    private final URI newUrl;
    private final JsonMapper json = JsonMapper.builder().build();

    BackendCallFilter(BackendGuards guards, RouteMetrics metrics, GatewayProperties properties) {
        this.guards = guards;
        this.metrics = metrics;
        this.legacyUrl = properties.legacyUrl();
        this.newUrl = properties.newBackendUrl();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        RoutingDecision decision = exchange.getAttribute(RoutingDecision.ATTR);
        if (decision == null) {
            return chain.filter(exchange);
        }
        if (decision.route() != null && decision.route().websocket()) {
            return websocket(exchange, chain, decision);
        }
        if (decision.target() == Backend.LEGACY) {
            return callLegacy(exchange, chain);
        }
        ServerHttpRequest request = exchange.getRequest();
        boolean safe = decision.safe(request.getMethod().name());
        if (safe && hasBody(request)) {
            // a fallback sends the request a second time: keep the body so it can be replayed
            return ServerWebExchangeUtils.cacheRequestBody(exchange,
                    cached -> callNew(exchange.mutate().request(cached).build(), chain, decision, true));
        }
        return callNew(exchange, chain, decision, safe);
    }

    private Mono<Void> websocket(ServerWebExchange exchange, GatewayFilterChain chain, RoutingDecision decision) {
        Backend target = decision.target();
        if (target == Backend.NEW && !guards.admitsNewHandshake()) {
            metrics.recordFallback(decision.routeId(), "breaker_open", "legacy");
            target = Backend.LEGACY;
        }
        point(exchange, target);
        exchange.getAttributes().put(RoutingDecision.SERVED_BY_ATTR, target.label());
        AtomicInteger open = metrics.openSockets(decision.routeId(), target.label());
        open.incrementAndGet();
        // the handshake completes long before the connection ends: count until the client's channel closes
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        if (nativeRequest instanceof Connection connection) {
            connection.channel().closeFuture().addListener(closed -> open.decrementAndGet());
            return chain.filter(exchange);
        }
        return chain.filter(exchange).doFinally(signal -> open.decrementAndGet());
    }

    private Mono<Void> callNew(ServerWebExchange exchange, GatewayFilterChain chain, RoutingDecision decision,
                               boolean safe) {
        point(exchange, Backend.NEW);
        return guarded(exchange, chain, Backend.NEW)
                .onErrorResume(e -> {
                    if (e instanceof NewBackendServerError || exchange.getResponse().isCommitted()) {
                        return e instanceof NewBackendServerError ? Mono.empty() : Mono.error(e);
                    }
                    String reason = reason(e);
                    log.debug("{} to the new backend failed ({}): {}", decision.routeId(), reason, e.toString());
                    if (safe) {
                        metrics.recordFallback(decision.routeId(), reason, "legacy");
                        ServerWebExchangeUtils.removeAlreadyRouted(exchange);
                        return callLegacy(exchange, chain);
                    }
                    metrics.recordFallback(decision.routeId(), reason, "fail_fast");
                    return answer(exchange, HttpStatus.SERVICE_UNAVAILABLE,
                            "Service temporarily unavailable: the new backend is not answering (" + reason
                                    + ") and this request is not safe to send to the legacy backend instead");
                });
    }

    private Mono<Void> callLegacy(ServerWebExchange exchange, GatewayFilterChain chain) {
        point(exchange, Backend.LEGACY);
        return guarded(exchange, chain, Backend.LEGACY)
                .onErrorResume(e -> {
                    if (exchange.getResponse().isCommitted()) {
                        return Mono.error(e);
                    }
                    return switch (reason(e)) {
                        case "breaker_open" -> answer(exchange, HttpStatus.SERVICE_UNAVAILABLE,
                                "Service temporarily unavailable: the legacy backend is failing (circuit breaker open)");
                        case "timeout" -> answer(exchange, HttpStatus.GATEWAY_TIMEOUT,
                                "The legacy backend did not answer in time");
                        default -> answer(exchange, HttpStatus.BAD_GATEWAY, "The legacy backend is unreachable");
                    };
                });
    }

    private Mono<Void> guarded(ServerWebExchange exchange, GatewayFilterChain chain, Backend backend) {
        exchange.getAttributes().put(RoutingDecision.SERVED_BY_ATTR, backend.label());
        Mono<Void> call = chain.filter(exchange);
        if (backend == Backend.NEW) {
            call = call.then(Mono.defer(() -> {
                HttpStatusCode status = exchange.getResponse().getStatusCode();
                return status != null && status.is5xxServerError()
                        ? Mono.error(new NewBackendServerError(status.value())) : Mono.empty();
            }));
        }
        return call.transformDeferred(TimeLimiterOperator.of(guards.timeLimiter(backend)))
                .transformDeferred(CircuitBreakerOperator.of(guards.breaker(backend)));
    }

    /** Points the proxied request at the backend, keeping the raw (still encoded) path and query. */
    private void point(ServerWebExchange exchange, Backend backend) {
        URI requestUrl = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
        URI base = backend == Backend.NEW ? newUrl : legacyUrl;
        if (requestUrl == null || (base.getRawAuthority().equals(requestUrl.getRawAuthority()))) {
            return;
        }
        String query = requestUrl.getRawQuery();
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR,
                URI.create(requestUrl.getScheme() + "://" + base.getRawAuthority() + requestUrl.getRawPath()
                        + (query == null ? "" : "?" + query)));
    }

    private Mono<Void> answer(ServerWebExchange exchange, HttpStatus status, String detail) {
        exchange.getAttributes().put(RoutingDecision.SERVED_BY_ATTR, "gateway");
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("detail", detail);
        byte[] bytes = json.writeValueAsBytes(body);
        response.getHeaders().setContentLength(bytes.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }

    private static String reason(Throwable e) {
        if (e instanceof CallNotPermittedException) {
            return "breaker_open";
        }
        if (e instanceof TimeoutException) {
            return "timeout";
        }
        return "connect_error";
    }

    private static boolean hasBody(ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }

    /** A 5xx answer from the new backend: a failure for its breaker, but the answer stands. */
    static final class NewBackendServerError extends RuntimeException {
        NewBackendServerError(int status) {
            super("new backend answered " + status, null, false, false);
        }
    }
}
