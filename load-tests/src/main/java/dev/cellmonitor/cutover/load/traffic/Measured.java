package dev.cellmonitor.cutover.load.traffic;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import dev.cellmonitor.cutover.catalogue.Route;
import dev.cellmonitor.cutover.catalogue.RouteCatalogue;
import dev.cellmonitor.cutover.load.measure.RequestLog;
import dev.cellmonitor.cutover.load.measure.Sample;
import dev.cellmonitor.cutover.load.phases.RunClock;
import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.Http;
import io.gatling.javaapi.http.HttpDsl;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Wraps a request so that, besides Gatling's own statistics, the run records it with its phase, route group
 * and serving backend: the gates judge those records. Requests are named by their legacy route key, so the
 * Gatling report lists them per route.
 *
 * <p>Each wrapped request is judged on its own: the session's failure mark is cleared before it is sent and
 * read right after, which is Gatling's verdict (expected status and every check) for that one request.
 */
public final class Measured {

    /** The gateway names the backend that answered in this response header. */
    public static final String SERVED_BY = "X-Served-By";

    private static final String SENT_AT = "measured.sentAt";
    private static final String RESPONSE_TIME = "measured.responseTime";
    private static final String STATUS = "measured.status";
    private static final String BACKEND = "measured.backend";

    private final RouteCatalogue catalogue;
    private final RunClock clock;
    private final RequestLog log;

    public Measured(RouteCatalogue catalogue, RunClock clock, RequestLog log) {
        this.catalogue = catalogue;
        this.clock = clock;
        this.log = log;
    }

    /** The catalogued route with this key ({@code "GET /api/v1/classes/{class_id}"}); fails fast on a typo. */
    public Route route(String key) {
        return catalogue.all().stream().filter(r -> r.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no catalogued route " + key));
    }

    /**
     * An HTTP request to {@code routeKey}, expecting the route's catalogued success status unless other
     * statuses are given.
     */
    public ChainBuilder http(String routeKey, Function<Http, HttpRequestActionBuilder> request, Integer... expected) {
        Route route = route(routeKey);
        List<Integer> statuses = expected.length == 0 ? List.of(route.successStatus()) : Arrays.asList(expected);
        HttpRequestActionBuilder call = request.apply(HttpDsl.http(route.key()))
                .check(status().in(statuses), status().saveAs(STATUS), responseTimeInMillis().saveAs(RESPONSE_TIME),
                        header(SERVED_BY).optional().saveAs(BACKEND));
        return exec(Measured::beforeSending).exec(call).exec(session -> record(route, session));
    }

    /** A WebSocket step (connect, or a message and its awaited answer) timed from sending to verdict. */
    public ChainBuilder ws(String routeKey, ActionBuilder step) {
        Route route = route(routeKey);
        return exec(Measured::beforeSending).exec(step).exec(session -> record(route, session));
    }

    private static Session beforeSending(Session session) {
        return session.markAsSucceeded().removeAll(RESPONSE_TIME, STATUS, BACKEND)
                .set(SENT_AT, System.currentTimeMillis());
    }

    private Session record(Route route, Session session) {
        long sentAt = session.getLong(SENT_AT);
        Integer responseTime = session.getIntegerWrapper(RESPONSE_TIME);
        Integer status = session.getIntegerWrapper(STATUS);
        String backend = session.getString(BACKEND);
        boolean ok = !session.isFailed();
        int millis = responseTime != null ? responseTime : (int) (System.currentTimeMillis() - sentAt);
        int code = status != null ? status : (route.websocket() && ok ? route.successStatus() : 0);
        log.add(new Sample(sentAt, clock.phaseAt(sentAt), route.key(), route.group().key(),
                backend == null || backend.isBlank() ? Sample.UNLABELLED : backend.trim(), code, millis, ok));
        return session;
    }
}
