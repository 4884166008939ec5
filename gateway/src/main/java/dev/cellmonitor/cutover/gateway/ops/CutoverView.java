package dev.cellmonitor.cutover.gateway.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.cellmonitor.cutover.catalogue.Route;
import dev.cellmonitor.cutover.catalogue.RouteCatalogue;
import dev.cellmonitor.cutover.catalogue.RouteGroup;
import dev.cellmonitor.cutover.gateway.resilience.BackendGuards;
import dev.cellmonitor.cutover.gateway.routing.Backend;
import dev.cellmonitor.cutover.gateway.routing.RouteMetrics;
import dev.cellmonitor.cutover.gateway.shadow.ShadowLedger;
import dev.cellmonitor.cutover.gateway.stages.Effective;
import dev.cellmonitor.cutover.gateway.stages.StageCache;
import dev.cellmonitor.cutover.gateway.stages.StageSnapshot;

/** What ops see: routes and groups with their stages and targets, the flag store, breakers and fallbacks. */
@Component
public class CutoverView {

    private final RouteCatalogue catalogue;
    private final StageCache cache;
    private final BackendGuards guards;
    private final RouteMetrics metrics;
    private final ShadowLedger shadow;

    CutoverView(RouteCatalogue catalogue, StageCache cache, BackendGuards guards, RouteMetrics metrics,
                ShadowLedger shadow) {
        this.catalogue = catalogue;
        this.cache = cache;
        this.guards = guards;
        this.metrics = metrics;
        this.shadow = shadow;
    }

    public List<Map<String, Object>> routes() {
        StageSnapshot snapshot = cache.current();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Route route : catalogue.all()) {
            Effective effective = snapshot.effective(route);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", route.id());
            row.put("route", route.key());
            row.put("group", route.group().key());
            row.put("websocket", route.websocket());
            row.put("stateUnit", route.stateUnit());
            row.put("retrySafe", route.retrySafe());
            row.put("feature", route.featureName());
            row.put("override", StageText.of(snapshot.override(route)));
            row.put("stage", effective.stage().toString());
            row.put("governedBy", effective.governedBy());
            row.put("target", effective.target());
            row.put("note", effective.note());
            out.add(row);
        }
        return out;
    }

    public List<Map<String, Object>> groups() {
        StageSnapshot snapshot = cache.current();
        List<Map<String, Object>> out = new ArrayList<>();
        for (RouteGroup group : RouteGroup.values()) {
            List<Route> routes = catalogue.byGroup(group);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("group", group.key());
            row.put("stage", snapshot.groupStage(group).toString());
            row.put("routes", routes.size());
            row.put("overrides", routes.stream().filter(r -> snapshot.override(r).isPresent()).map(Route::id).toList());
            out.add(row);
        }
        return out;
    }

    public Map<String, Object> status() {
        StageCache.Status store = cache.status();
        Map<String, Object> flagStore = new LinkedHashMap<>();
        flagStore.put("reachable", store.reachable());
        flagStore.put("stagesLoadedAt", store.lastSuccess());
        flagStore.put("unreachableSince", store.failingSince());
        flagStore.put("error", store.lastError());
        Map<String, Object> breakers = new LinkedHashMap<>();
        for (Backend backend : Backend.values()) {
            var breaker = guards.breaker(backend);
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("state", breaker.getState().name());
            b.put("failureRate", breaker.getMetrics().getFailureRate());
            b.put("notPermittedCalls", breaker.getMetrics().getNumberOfNotPermittedCalls());
            b.put("timeLimit", guards.timeLimiter(backend).getTimeLimiterConfig().getTimeoutDuration().toString());
            breakers.put(backend.label(), b);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("flagStore", flagStore);
        out.put("breakers", breakers);
        out.put("fallbacks", metrics.fallbacksByKey());
        return out;
    }

    public Map<String, Object> shadow() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("routes", shadow.counts());
        out.put("recentMismatches", shadow.recentMismatches());
        return out;
    }
}
