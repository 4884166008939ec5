package dev.cellmonitor.cutover.gateway.stages;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.togglz.core.Feature;
import org.togglz.core.repository.FeatureState;

import dev.cellmonitor.cutover.catalogue.Route;
import dev.cellmonitor.cutover.catalogue.RouteCatalogue;
import dev.cellmonitor.cutover.catalogue.RouteGroup;
import dev.cellmonitor.cutover.flags.CutoverFeatures;
import dev.cellmonitor.cutover.flags.CutoverStage;
import dev.cellmonitor.cutover.flags.RouteStage;
import dev.cellmonitor.cutover.flags.StageCodec;

/**
 * An immutable view of every cutover flag at one moment, with each route's {@link Effective} stage worked out
 * once, so the request path only does a map lookup. Built by the cache from the flag store, and by the flip
 * service from a state it is about to write (to check the result before writing it).
 */
public final class StageSnapshot {

    private final Map<String, FeatureState> states;
    private final Map<String, Effective> effective = new HashMap<>();
    private final Instant loadedAt;

    public StageSnapshot(RouteCatalogue catalogue, Set<String> pinnedToLegacy, Map<String, FeatureState> states,
                         Instant loadedAt) {
        this.states = Map.copyOf(states);
        this.loadedAt = loadedAt;
        for (Route route : catalogue.all()) {
            effective.put(route.id(), resolve(route, pinnedToLegacy.contains(route.id())));
        }
    }

    private Effective resolve(Route route, boolean pinned) {
        if (pinned) {
            return new Effective(route, RouteStage.LEGACY, Effective.PINNED, null, saltFor(route, Effective.PINNED),
                    "pinned to legacy: the new backend does not implement it");
        }
        Feature routeFeature = CutoverFeatures.routeFeature(route);
        FeatureState own = states.get(routeFeature.name());
        Optional<RouteStage> override = StageCodec.decode(own);
        Feature governing = override.isPresent() ? routeFeature : CutoverFeatures.groupFeature(route.group());
        FeatureState governingState = override.isPresent() ? own : states.get(governing.name());
        RouteStage stage = override.orElseGet(() -> groupStage(route.group()));
        if (governingState == null) {
            governingState = StageCodec.encode(governing, stage);
        }
        String note = null;
        if (stage.stage() == CutoverStage.SHADOW && !route.retrySafe()) {
            stage = RouteStage.LEGACY;
            note = "SHADOW not applied: the route is not retry-safe (a copy would write twice)";
        }
        return new Effective(route, stage, governing.name(), governingState, saltFor(route, governing.name()), note);
    }

    private static String saltFor(Route route, String governing) {
        return route.stateUnit() != null ? route.stateUnit() : governing;
    }

    public Effective effective(Route route) {
        return effective.get(route.id());
    }

    public Collection<Effective> allEffective() {
        return effective.values();
    }

    /** The route's own override, empty when it follows its group. */
    public Optional<RouteStage> override(Route route) {
        return StageCodec.decode(states.get(route.featureName()));
    }

    public RouteStage groupStage(RouteGroup group) {
        return StageCodec.decode(states.get(CutoverFeatures.groupFeature(group).name())).orElse(RouteStage.LEGACY);
    }

    /** The stored Togglz state of a feature, or null if it was never written. */
    public FeatureState state(String featureName) {
        return states.get(featureName);
    }

    public Map<String, FeatureState> states() {
        return states;
    }

    public Instant loadedAt() {
        return loadedAt;
    }
}
