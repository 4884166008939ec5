package dev.cellmonitor.cutover.gateway.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * The ops credential: {@code Authorization: Bearer <token>} or {@code X-Ops-Token: <token>}, compared in
 * constant time with {@code cellmonitor.gateway.ops.token} ({@code CUTOVER_OPS_TOKEN}).
 */
final class OpsCredential {

    static final String TOKEN_HEADER = "X-Ops-Token";

    private final byte[] token;

    OpsCredential(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalStateException("cellmonitor.gateway.ops.token (CUTOVER_OPS_TOKEN) must not be empty");
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    static final String DEV_TOKEN = "dev-ops-token";

    boolean accepts(ServerHttpRequest request) {
        String presented = request.getHeaders().getFirst(TOKEN_HEADER);
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (presented == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = authorization.substring(7).trim();
        }
        return presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
    }

    Mono<ServerResponse> check(ServerRequest request, HandlerFunction<ServerResponse> next) {
        if (accepts(request.exchange().getRequest())) {
            return next.handle(request);
        }
        return ServerResponse.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .bodyValue(java.util.Map.of("error", "the ops credential is missing or wrong (send "
                        + "'Authorization: Bearer <CUTOVER_OPS_TOKEN>' or 'X-Ops-Token')"));
    }

    ActuatorWrites actuatorWrites(String actuatorBasePath) {
        return new ActuatorWrites(this, actuatorBasePath);
    }

    /** Refuses non-GET actuator calls without the credential (they change state: Togglz flags, loggers...). */
    static final class ActuatorWrites implements WebFilter, Ordered {

        private final OpsCredential credential;
        private final String basePath;

        ActuatorWrites(OpsCredential credential, String basePath) {
            this.credential = credential;
            this.basePath = basePath.endsWith("/") ? basePath : basePath + "/";
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
            ServerHttpRequest request = exchange.getRequest();
            HttpMethod method = request.getMethod();
            boolean write = !(HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)
                    || HttpMethod.OPTIONS.equals(method));
            if (!write || !request.getPath().value().startsWith(basePath) || credential.accepts(request)) {
                return chain.filter(exchange);
            }
            var response = exchange.getResponse();
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
            byte[] body = "{\"error\":\"actuator write operations need the ops credential\"}"
                    .getBytes(StandardCharsets.UTF_8);
            return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
        }
    }
}
