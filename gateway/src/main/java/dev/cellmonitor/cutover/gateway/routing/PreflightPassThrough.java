package dev.cellmonitor.cutover.gateway.routing;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Lets CORS preflight requests reach the backends. WebFlux's handler mapping answers every preflight itself
 * (an empty 200 without CORS headers when no CORS configuration is set), so the legacy's CORS answers, which
 * browsers running the JupyterLab extension rely on, would be lost. The web filter hides the preflight marker
 * header before the mapping sees it; the gateway filter puts it back before the request is proxied.
 */
@Component
class PreflightPassThrough implements WebFilter, GlobalFilter, Ordered {

    private static final String HIDDEN = "X-Cutover-Preflight-Request-Method";

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!CorsUtils.isPreFlightRequest(request)) {
            return chain.filter(exchange);
        }
        String method = request.getHeaders().getFirst(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
        ServerHttpRequest hidden = request.mutate().headers(h -> {
            h.remove(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
            h.set(HIDDEN, method);
        }).build();
        return chain.filter(exchange.mutate().request(hidden).build());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String method = exchange.getRequest().getHeaders().getFirst(HIDDEN);
        if (method == null) {
            return chain.filter(exchange);
        }
        ServerHttpRequest restored = exchange.getRequest().mutate().headers(h -> {
            h.remove(HIDDEN);
            h.set(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, method);
        }).build();
        return chain.filter(exchange.mutate().request(restored).build());
    }
}
