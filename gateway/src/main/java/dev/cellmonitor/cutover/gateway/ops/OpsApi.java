package dev.cellmonitor.cutover.gateway.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.TransactionException;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebInputException;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.cellmonitor.cutover.catalogue.RouteGroup;
import dev.cellmonitor.cutover.flags.RouteStage;
import dev.cellmonitor.cutover.gateway.GatewayProperties;

/**
 * The ops API handlers (routes in {@link OpsManagementConfiguration}). Flips and audit reads touch PostgreSQL
 * with blocking JDBC, so they run on the bounded-elastic scheduler, never on an event loop.
 */
class OpsApi {

    static final String ACTOR_HEADER = "X-Ops-Actor";

    private final CutoverView view;
    private final FlipService flips;
    private final AuditLog audit;
    private final String defaultActor;

    OpsApi(CutoverView view, FlipService flips, AuditLog audit, GatewayProperties properties) {
        this.view = view;
        this.flips = flips;
        this.audit = audit;
        this.defaultActor = properties.ops().defaultActor();
    }

    /** Body of {@code POST /ops/api/flips}. */
    record FlipBody(String group, List<String> routes, String stage, Integer percentage, String reason, String actor,
                    Boolean dryRun) {
    }

    /** Body of {@code POST /ops/api/flips/undo}. */
    record UndoBody(String reason, String actor, Boolean dryRun) {
    }

    Mono<ServerResponse> routes(ServerRequest request) {
        return ServerResponse.ok().bodyValue(view.routes());
    }

    Mono<ServerResponse> groups(ServerRequest request) {
        return ServerResponse.ok().bodyValue(view.groups());
    }

    Mono<ServerResponse> status(ServerRequest request) {
        return ServerResponse.ok().bodyValue(view.status());
    }

    Mono<ServerResponse> shadow(ServerRequest request) {
        return ServerResponse.ok().bodyValue(view.shadow());
    }

    Mono<ServerResponse> audit(ServerRequest request) {
        int limit;
        try {
            limit = request.queryParam("limit").map(Integer::parseInt).orElse(50);
        } catch (NumberFormatException e) {
            return error(HttpStatus.BAD_REQUEST, "limit must be a number");
        }
        return blocking(() -> audit.recent(limit)).flatMap(entries -> ServerResponse.ok().bodyValue(entries))
                .onErrorResume(FlipRefused.class, OpsApi::refused)
                .onErrorResume(e -> e instanceof DataAccessException || e instanceof TransactionException,
                        e -> error(HttpStatus.SERVICE_UNAVAILABLE, "the flag store is unreachable"));
    }

    Mono<ServerResponse> flip(ServerRequest request) {
        return request.bodyToMono(FlipBody.class)
                .switchIfEmpty(Mono.error(FlipRefused.badRequest("a JSON body is required")))
                .map(body -> command(body, request))
                .flatMap(command -> blocking(() -> flips.flip(command)))
                .flatMap(outcome -> ServerResponse.ok().bodyValue(outcome))
                .onErrorResume(FlipRefused.class, OpsApi::refused)
                .onErrorResume(ServerWebInputException.class,
                        e -> error(HttpStatus.BAD_REQUEST, "malformed JSON body: " + e.getReason()));
    }

    Mono<ServerResponse> undo(ServerRequest request) {
        return request.bodyToMono(UndoBody.class)
                .switchIfEmpty(Mono.error(FlipRefused.badRequest("a JSON body with a reason is required")))
                .flatMap(body -> blocking(() -> flips.undo(body.reason(), actor(body.actor(), request), FlipSource.API,
                        dryRun(body.dryRun(), request))))
                .flatMap(outcome -> ServerResponse.ok().bodyValue(outcome))
                .onErrorResume(FlipRefused.class, OpsApi::refused)
                .onErrorResume(ServerWebInputException.class,
                        e -> error(HttpStatus.BAD_REQUEST, "malformed JSON body: " + e.getReason()));
    }

    private FlipCommand command(FlipBody body, ServerRequest request) {
        RouteGroup group;
        try {
            group = body.group() == null || body.group().isBlank() ? null : RouteGroup.of(body.group());
        } catch (IllegalArgumentException e) {
            throw FlipRefused.badRequest("unknown group: " + body.group() + " (core, lms, admin, monitoring)");
        }
        if (body.stage() == null || body.stage().isBlank()) {
            throw FlipRefused.badRequest("a stage is required: LEGACY, SHADOW, CANARY (with percentage), NEW or INHERIT");
        }
        Optional<RouteStage> stage;
        try {
            stage = StageText.parse(body.stage(), body.percentage());
        } catch (IllegalArgumentException e) {
            throw FlipRefused.badRequest("bad stage " + body.stage() + ": " + e.getMessage());
        }
        return new FlipCommand(group, body.routes(), stage, body.reason(), actor(body.actor(), request),
                FlipSource.API, dryRun(body.dryRun(), request));
    }

    private String actor(String fromBody, ServerRequest request) {
        if (fromBody != null && !fromBody.isBlank()) {
            return fromBody.trim();
        }
        String header = request.headers().firstHeader(ACTOR_HEADER);
        return header != null && !header.isBlank() ? header.trim() : defaultActor;
    }

    private static boolean dryRun(Boolean fromBody, ServerRequest request) {
        return Boolean.TRUE.equals(fromBody) || request.queryParam("dryRun").map(Boolean::parseBoolean).orElse(false);
    }

    private static <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }

    private static Mono<ServerResponse> refused(FlipRefused refused) {
        return ServerResponse.status(refused.status()).bodyValue(refused.body());
    }

    static Mono<ServerResponse> error(HttpStatus status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        return ServerResponse.status(status).bodyValue(body);
    }
}
