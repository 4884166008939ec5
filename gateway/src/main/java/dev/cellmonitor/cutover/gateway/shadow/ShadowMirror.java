package dev.cellmonitor.cutover.gateway.shadow;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Semaphore;

import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import dev.cellmonitor.cutover.catalogue.Route;
import dev.cellmonitor.cutover.gateway.GatewayProperties;

/**
 * The SHADOW stage: legacy answers the client as usual while the new backend gets a copy of the request;
 * the legacy's response is captured as it streams to the client (never delayed) and compared with the new
 * backend's when both are in. Only retry-safe routes are shadowed (the backends share one database: a
 * copied write would be written twice), requests with a body are not copied, and at most
 * {@code shadow.max-in-flight} copies run at once; what is skipped is counted, never queued.
 */
@Component
public class ShadowMirror implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ShadowMirror.class);
    private static final Set<String> HOP_BY_HOP = Set.of("host", "content-length", "connection", "keep-alive",
            "transfer-encoding", "te", "trailer", "upgrade", "proxy-authorization", "proxy-authenticate",
            // the copy asks for an uncompressed answer, so it can be compared
            "accept-encoding");
    public static final String SHADOW_HEADER = "X-Cutover-Shadow";

    private final ShadowLedger ledger;
    private final ShadowComparator comparator = new ShadowComparator();
    private final Semaphore permits;
    private final int maxBodyBytes;
    private final GatewayProperties.Shadow settings;
    private final URI newBackend;
    private final ConnectionProvider connections;
    private final WebClient client;

    ShadowMirror(ShadowLedger ledger, GatewayProperties properties) {
        this.ledger = ledger;
        this.settings = properties.shadow();
        this.permits = new Semaphore(Math.max(1, settings.maxInFlight()));
        this.maxBodyBytes = settings.maxBodyBytes();
        this.newBackend = properties.newBackendUrl();
        this.connections = ConnectionProvider.create("shadow", Math.max(1, settings.maxInFlight()));
        this.client = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections)
                        .responseTimeout(settings.timeout())))
                .codecs(c -> c.defaultCodecs().maxInMemorySize(maxBodyBytes))
                .build();
    }

    /**
     * Starts the copy and returns the exchange whose response is captured for the comparison; the original
     * exchange when the request is not copied.
     */
    public ServerWebExchange mirror(ServerWebExchange exchange, Route route) {
        ServerHttpRequest request = exchange.getRequest();
        if (hasBody(request.getHeaders())) {
            ledger.record(route.id(), ShadowLedger.Result.SKIPPED);
            return exchange;
        }
        if (!permits.tryAcquire()) {
            ledger.record(route.id(), ShadowLedger.Result.SKIPPED);
            return exchange;
        }
        Sinks.One<Captured> legacySide = Sinks.one();
        Mono<Captured> newSide = copy(request);
        Mono.zip(legacySide.asMono(), newSide.onErrorResume(e -> Mono.just(failed(e))))
                .timeout(settings.timeout().plus(settings.timeout()))
                .doFinally(signal -> permits.release())
                .subscribe(pair -> judge(route, request, pair.getT1(), pair.getT2()),
                        incomplete -> ledger.record(route.id(), ShadowLedger.Result.SKIPPED));
        return exchange.mutate().response(new Tee(exchange.getResponse(), legacySide, maxBodyBytes)).build();
    }

    private Mono<Captured> copy(ServerHttpRequest request) {
        String query = request.getURI().getRawQuery();
        URI target = URI.create(newBackend.getScheme() + "://" + newBackend.getRawAuthority()
                + request.getURI().getRawPath() + (query == null ? "" : "?" + query));
        return client.method(request.getMethod()).uri(target)
                .headers(h -> {
                    request.getHeaders().forEach((name, values) -> {
                        if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                            h.addAll(name, values);
                        }
                    });
                    h.set(SHADOW_HEADER, "1");
                })
                .exchangeToMono(response -> response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0])
                        .map(body -> new Captured(response.statusCode().value(),
                                response.headers().contentType().map(Object::toString).orElse(null), body, false)));
    }

    private void judge(Route route, ServerHttpRequest request, Captured legacy, Captured candidate) {
        if (legacy.truncated()) {
            ledger.record(route.id(), ShadowLedger.Result.SKIPPED);
            return;
        }
        if (candidate.status() < 0) {
            ledger.record(route.id(), ShadowLedger.Result.ERROR);
            ledger.remember(new ShadowLedger.Mismatch(Instant.now(), route.id(), request.getMethod().name(),
                    pathAndQuery(request), ShadowLedger.Result.ERROR, "request",
                    Integer.toString(legacy.status()), new String(candidate.body())));
            return;
        }
        ShadowComparator.Result result = comparator.compare(legacy, candidate);
        if (result.match()) {
            ledger.record(route.id(), ShadowLedger.Result.MATCH);
            return;
        }
        ledger.record(route.id(), ShadowLedger.Result.MISMATCH);
        ledger.remember(new ShadowLedger.Mismatch(Instant.now(), route.id(), request.getMethod().name(),
                pathAndQuery(request), ShadowLedger.Result.MISMATCH, result.where(), result.legacy(),
                result.candidate()));
        log.debug("shadow mismatch on {} at {}", route.key(), result.where());
    }

    private static Captured failed(Throwable e) {
        String text = "copy to the new backend failed: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return new Captured(-1, null, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), false);
    }

    private static String pathAndQuery(ServerHttpRequest request) {
        String query = request.getURI().getRawQuery();
        return request.getURI().getRawPath() + (query == null ? "" : "?" + query);
    }

    private static boolean hasBody(HttpHeaders headers) {
        return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }

    @Override
    public void destroy() {
        connections.dispose();
    }

    /** Passes the legacy's body to the client untouched while keeping a copy (up to the limit) for comparison. */
    private static final class Tee extends ServerHttpResponseDecorator {

        private final Sinks.One<Captured> sink;
        private final int limit;
        private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
        private boolean truncated;

        Tee(ServerHttpResponse delegate, Sinks.One<Captured> sink, int limit) {
            super(delegate);
            this.sink = sink;
            this.limit = limit;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            Flux<? extends DataBuffer> teed = Flux.from(body).doOnNext(this::keep);
            return super.writeWith(teed)
                    .doOnSuccess(done -> complete())
                    .doOnError(e -> sink.tryEmitError(e))
                    .doOnCancel(() -> sink.tryEmitError(new IllegalStateException("client went away")));
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            sink.tryEmitError(new IllegalStateException("streamed response: not compared"));
            return super.writeAndFlushWith(body);
        }

        @Override
        public Mono<Void> setComplete() {
            return super.setComplete().doOnSuccess(done -> complete());
        }

        private void keep(DataBuffer buffer) {
            int n = buffer.readableByteCount();
            if (truncated || copy.size() + n > limit) {
                truncated = true;
                return;
            }
            int position = buffer.readPosition();
            byte[] bytes = new byte[n];
            buffer.read(bytes);
            buffer.readPosition(position);
            copy.writeBytes(bytes);
        }

        private void complete() {
            HttpStatusCode status = getStatusCode();
            String type = getHeaders().getContentType() == null ? null : getHeaders().getContentType().toString();
            byte[] body = copy.toByteArray();
            boolean tooLarge = truncated;
            if ("gzip".equalsIgnoreCase(getHeaders().getFirst(HttpHeaders.CONTENT_ENCODING)) && !tooLarge) {
                try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
                    body = in.readNBytes(limit + 1);
                    tooLarge = body.length > limit;
                } catch (java.io.IOException e) {
                    sink.tryEmitError(e);
                    return;
                }
            }
            sink.tryEmitValue(new Captured(status == null ? 200 : status.value(), type, body, tooLarge));
        }
    }
}
