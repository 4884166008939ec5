package dev.cellmonitor.cutover.gateway.stages;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.togglz.core.repository.FeatureState;

import dev.cellmonitor.cutover.catalogue.RouteCatalogue;
import dev.cellmonitor.cutover.gateway.GatewayProperties;

/**
 * This replica's copy of the flag store. A background thread reloads every stage at the configured interval
 * (250 ms by default), so a flip made on any replica is routed here within about that long. When the store
 * cannot be read the last known snapshot stays in force, requests keep flowing, and {@link #status()} says
 * the copy is stale (health reports it).
 * <p>
 * The first load happens at start-up and must succeed: a replica that never saw the flags cannot know which
 * routes are on the new backend, and guessing "all legacy" would disagree with its siblings.
 */
@Component
public class StageCache implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(StageCache.class);

    private final FlagStore store;
    private final RouteCatalogue catalogue;
    private final Set<String> pinned;
    private final Clock clock;
    private final ScheduledExecutorService refresher;

    private volatile StageSnapshot current;
    private volatile Instant lastSuccess;
    private volatile Instant failingSince;
    private volatile String lastError;

    public StageCache(FlagStore store, RouteCatalogue catalogue, GatewayProperties properties) {
        this.store = store;
        this.catalogue = catalogue;
        this.pinned = Set.copyOf(new HashSet<>(properties.pinnedToLegacy()));
        this.clock = Clock.systemUTC();
        refreshNow();
        if (current == null) {
            throw new IllegalStateException("the flag store could not be read at start-up: " + lastError);
        }
        long every = Math.max(20, properties.flags().refreshInterval().toMillis());
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "flag-refresh");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refreshNow, every, every, TimeUnit.MILLISECONDS);
    }

    /** Reloads now; also called after a local flip so this replica does not wait for the next tick. */
    public synchronized void refreshNow() {
        try {
            Map<String, FeatureState> states = store.loadAll();
            Instant now = clock.instant();
            current = snapshotOf(states, now);
            lastSuccess = now;
            if (failingSince != null) {
                log.info("flag store reachable again after {}", Duration.between(failingSince, now));
            }
            failingSince = null;
            lastError = null;
        } catch (RuntimeException e) {
            if (failingSince == null) {
                failingSince = clock.instant();
                log.warn("flag store unreachable, keeping the stages loaded at {}: {}", lastSuccess, e.toString());
            }
            lastError = e.getMessage();
        }
    }

    /** A snapshot of the given states with this replica's catalogue and pinning; used to check a flip's result. */
    public StageSnapshot snapshotOf(Map<String, FeatureState> states, Instant at) {
        return new StageSnapshot(catalogue, pinned, states, at);
    }

    public StageSnapshot current() {
        return current;
    }

    public Status status() {
        return new Status(failingSince == null, lastSuccess, failingSince, lastError);
    }

    /**
     * @param reachable    the last refresh worked
     * @param lastSuccess  when the stages in force were read
     * @param failingSince when refreshes started failing (null while reachable)
     */
    public record Status(boolean reachable, Instant lastSuccess, Instant failingSince, String lastError) {
    }

    @Override
    public void destroy() {
        refresher.shutdownNow();
    }
}
