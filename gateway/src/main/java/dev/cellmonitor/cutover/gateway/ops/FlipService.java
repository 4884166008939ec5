package dev.cellmonitor.cutover.gateway.ops;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;
import org.togglz.core.Feature;
import org.togglz.core.repository.FeatureState;
import org.togglz.core.util.NamedFeature;

import dev.cellmonitor.cutover.catalogue.Route;
import dev.cellmonitor.cutover.catalogue.RouteCatalogue;
import dev.cellmonitor.cutover.catalogue.RouteGroup;
import dev.cellmonitor.cutover.flags.CutoverFeatures;
import dev.cellmonitor.cutover.flags.CutoverStage;
import dev.cellmonitor.cutover.flags.RouteStage;
import dev.cellmonitor.cutover.flags.StageCodec;
import dev.cellmonitor.cutover.gateway.GatewayProperties;
import dev.cellmonitor.cutover.gateway.stages.Effective;
import dev.cellmonitor.cutover.gateway.stages.FlagStore;
import dev.cellmonitor.cutover.gateway.stages.StageCache;
import dev.cellmonitor.cutover.gateway.stages.StageSnapshot;

/**
 * Changes stages. Every flip reads the current flags from the store (not the cache), checks the result it
 * would produce, then writes the flags and its audit entry in one transaction under a cluster-wide lock, so
 * concurrent flips on different replicas cannot interleave and no flip goes unaudited. The rules:
 * <ul>
 *   <li>routes sharing a legacy state unit must be served alike: a flip that would split a unit is refused
 *       (409) naming the siblings; naming them all, or flipping a group that holds the whole unit, is fine;</li>
 *   <li>SHADOW sends a copy of each request to the new backend, so only retry-safe routes may be shadowed
 *       (409 otherwise); under a group SHADOW the group's other routes simply stay on legacy;</li>
 *   <li>routes pinned to legacy (Socket.IO) cannot be flipped.</li>
 * </ul>
 */
@Service
public class FlipService {

    private static final Logger log = LoggerFactory.getLogger(FlipService.class);

    private final RouteCatalogue catalogue;
    private final FlagStore store;
    private final StageCache cache;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Set<String> pinned;
    private final Clock clock = Clock.systemUTC();

    FlipService(RouteCatalogue catalogue, FlagStore store, StageCache cache, AuditLog audit, TransactionTemplate tx,
                GatewayProperties properties) {
        this.catalogue = catalogue;
        this.store = store;
        this.cache = cache;
        this.audit = audit;
        this.tx = tx;
        this.pinned = Set.copyOf(properties.pinnedToLegacy());
    }

    public FlipOutcome flip(FlipCommand command) {
        Map<String, FeatureState> writes = new LinkedHashMap<>();
        String scope;
        List<Route> named = new ArrayList<>();
        if (command.group() != null) {
            Feature feature = CutoverFeatures.groupFeature(command.group());
            writes.put(feature.name(), StageText.encode(feature, command.stage()));
            scope = "group " + command.group().key();
        } else {
            for (String id : new LinkedHashSet<>(command.routes())) {
                Route route = catalogue.byId(id).orElseThrow(() -> FlipRefused.badRequest("unknown route: " + id));
                named.add(route);
                writes.put(route.featureName(), StageText.encode(CutoverFeatures.routeFeature(route), command.stage()));
            }
            scope = "route" + (named.size() > 1 ? "s " : " ") + String.join(", ", named.stream().map(Route::id).toList());
            refuseNamedRoutes(named, command.stage());
        }
        return execute(command.actor(), command.source(), scope, command.reason(), null, command.dryRun(),
                before -> writes);
    }

    /** Reverts the newest flip that was not undone yet (several undos walk back through the history). */
    public FlipOutcome undo(String reason, String actor, FlipSource source, boolean dryRun) {
        if (reason == null || reason.isBlank()) {
            throw FlipRefused.badRequest("a reason is required");
        }
        AuditEntry last = guarded(audit::lastUndoable)
                .orElseThrow(() -> FlipRefused.conflict("nothing to undo", Map.of()));
        return execute(actor, source, "undo #" + last.id(), reason, last.id(), dryRun, before -> {
            Map<String, FeatureState> writes = new LinkedHashMap<>();
            for (FeatureChange change : last.changes()) {
                String now = text(change.feature(), before.get(change.feature()));
                if (!now.equals(change.to())) {
                    throw FlipRefused.conflict("flip #" + last.id() + " cannot be undone: " + change.feature()
                            + " is now " + now + ", not " + change.to(), Map.of("flip", last.id()));
                }
                Feature feature = new NamedFeature(change.feature());
                writes.put(change.feature(), StageText.encode(feature, StageText.parse(change.from(), null)));
            }
            return writes;
        });
    }

    /** A state written through the Togglz actuator endpoint: same rules, audited with source ACTUATOR. */
    public FlipOutcome applyExternal(FeatureState state, FlipSource source, String actor) {
        String name = state.getFeature().name();
        Optional<Route> route = catalogue.all().stream().filter(r -> r.featureName().equals(name)).findFirst();
        boolean group = java.util.Arrays.stream(RouteGroup.values())
                .anyMatch(g -> CutoverFeatures.groupFeature(g).name().equals(name));
        if (route.isEmpty() && !group) {
            throw FlipRefused.badRequest("unknown cutover feature: " + name);
        }
        Optional<RouteStage> setting = StageCodec.decode(state);
        if (route.isPresent()) {
            refuseNamedRoutes(List.of(route.get()), setting);
        } else if (setting.isEmpty()) {
            throw FlipRefused.badRequest("a group feature needs a stage parameter");
        }
        FeatureState normalised = StageText.encode(state.getFeature(), setting);
        return execute(actor, source, "feature " + name, "set through the Togglz actuator endpoint (no reason given)",
                null, false, before -> Map.of(name, normalised));
    }

    private void refuseNamedRoutes(List<Route> routes, Optional<RouteStage> stage) {
        List<String> pinnedNamed = routes.stream().map(Route::id).filter(pinned::contains).toList();
        if (!pinnedNamed.isEmpty()) {
            throw FlipRefused.conflict("pinned to legacy (the new backend does not implement it): "
                    + String.join(", ", pinnedNamed), Map.of("routes", pinnedNamed));
        }
        if (stage.isPresent() && stage.get().stage() == CutoverStage.SHADOW) {
            List<String> unsafe = routes.stream().filter(r -> !r.retrySafe()).map(Route::id).toList();
            if (!unsafe.isEmpty()) {
                throw FlipRefused.conflict("SHADOW is only allowed for retry-safe routes: shadowing "
                        + String.join(", ", unsafe) + " would send each request to both backends, which share "
                        + "one database, and write twice", Map.of("routes", unsafe));
            }
        }
    }

    private interface Planner {
        Map<String, FeatureState> writes(Map<String, FeatureState> before);
    }

    private FlipOutcome execute(String actor, FlipSource source, String scope, String reason, Long undoes,
                                boolean dryRun, Planner planner) {
        FlipOutcome outcome = guarded(() -> tx.execute(status -> {
            if (!dryRun) {
                audit.lockFlips();
            }
            Map<String, FeatureState> before = store.loadAll();
            Map<String, FeatureState> writes = planner.writes(before);
            List<FeatureChange> changes = new ArrayList<>();
            Map<String, FeatureState> after = new HashMap<>(before);
            writes.forEach((feature, state) -> {
                String from = text(feature, before.get(feature));
                String to = text(feature, state);
                if (!from.equals(to)) {
                    changes.add(new FeatureChange(feature, from, to));
                    after.put(feature, state);
                }
            });
            Instant now = clock.instant();
            StageSnapshot was = cache.snapshotOf(before, now);
            StageSnapshot will = cache.snapshotOf(after, now);
            refuseSplitUnits(was, will, writes.keySet());
            List<FlipOutcome.RouteChange> routes = routeChanges(was, will);
            if (dryRun || changes.isEmpty()) {
                status.setRollbackOnly();
                return new FlipOutcome(null, dryRun, now, actor, source, scope, reason, undoes, changes, routes);
            }
            for (FeatureChange change : changes) {
                store.write(after.get(change.feature()));
            }
            long id = audit.record(actor, source, scope, reason, undoes, changes);
            return new FlipOutcome(id, false, now, actor, source, scope, reason, undoes, changes, routes);
        }));
        if (outcome.flip() != null) {
            cache.refreshNow();
            log.info("flip #{} by {} ({}): {} {} - {}", outcome.flip(), actor, source, scope,
                    outcome.changes().stream().map(c -> c.feature() + " " + c.from() + " -> " + c.to()).toList(),
                    reason);
        }
        return outcome;
    }

    private void refuseSplitUnits(StageSnapshot was, StageSnapshot will, Set<String> written) {
        Map<String, List<Route>> units = new TreeMap<>();
        for (Route route : catalogue.all()) {
            if (route.stateUnit() != null) {
                units.computeIfAbsent(route.stateUnit(), u -> new ArrayList<>()).add(route);
            }
        }
        for (Map.Entry<String, List<Route>> unit : units.entrySet()) {
            List<Route> siblings = unit.getValue();
            boolean touched = siblings.stream().anyMatch(r -> !serving(was.effective(r)).equals(serving(will.effective(r))));
            long distinct = siblings.stream().map(r -> serving(will.effective(r))).distinct().count();
            if (touched && distinct > 1) {
                List<String> ids = siblings.stream().map(Route::id).toList();
                List<String> missing = siblings.stream().filter(r -> !written.contains(r.featureName()))
                        .map(Route::id).toList();
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("unit", unit.getKey());
                details.put("siblings", ids);
                details.put("missing", missing);
                throw FlipRefused.conflict("routes sharing the legacy state unit '" + unit.getKey()
                        + "' must move together; name all of them: " + String.join(", ", ids), details);
            }
        }
    }

    /** Who answers: SHADOW is answered by legacy, and canaries of different shares are different. */
    private static String serving(Effective effective) {
        CutoverStage stage = effective.servingStage();
        return stage == CutoverStage.CANARY ? "CANARY " + effective.stage().percentage() : stage.name();
    }

    private List<FlipOutcome.RouteChange> routeChanges(StageSnapshot was, StageSnapshot will) {
        List<FlipOutcome.RouteChange> out = new ArrayList<>();
        for (Route route : catalogue.all()) {
            Effective a = was.effective(route);
            Effective b = will.effective(route);
            if (!a.stage().equals(b.stage()) || !Objects.equals(a.governedBy(), b.governedBy())) {
                out.add(new FlipOutcome.RouteChange(route.id(), route.key(), a.stage().toString(), b.stage().toString(),
                        a.target(), b.target()));
            }
        }
        return out;
    }

    /** The audit text of a feature's state; a group without a stored state is LEGACY. */
    private static String text(String feature, FeatureState state) {
        Optional<RouteStage> setting = StageCodec.decode(state);
        if (setting.isEmpty() && feature.startsWith("GROUP_")) {
            return RouteStage.LEGACY.toString();
        }
        return StageText.of(setting);
    }

    private static <T> T guarded(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessException | TransactionException e) {
            throw new FlipRefused(503, "the flag store is unreachable; nothing was changed ("
                    + e.getMostSpecificCause().getMessage() + ")", Map.of());
        }
    }
}
