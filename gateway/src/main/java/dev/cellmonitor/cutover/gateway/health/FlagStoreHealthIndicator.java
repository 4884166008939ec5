package dev.cellmonitor.cutover.gateway.health;

import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import dev.cellmonitor.cutover.gateway.stages.StageCache;

/**
 * {@code flagStore}: UP while this replica's flag cache refreshes; DEGRADED when the store cannot be read (the
 * gateway keeps routing with the stages it last read, shown with their age, and flips are refused).
 */
@Component("flagStoreHealthIndicator")
class FlagStoreHealthIndicator implements HealthIndicator {

    private final StageCache cache;

    FlagStoreHealthIndicator(StageCache cache) {
        this.cache = cache;
    }

    @Override
    public Health health() {
        StageCache.Status status = cache.status();
        Health.Builder health = status.reachable() ? Health.up() : Health.status(GatewayStatus.DEGRADED);
        health.withDetail("stagesLoadedAt", String.valueOf(status.lastSuccess()));
        if (status.lastSuccess() != null) {
            health.withDetail("stagesAgeMs", Duration.between(status.lastSuccess(), Instant.now()).toMillis());
        }
        if (!status.reachable()) {
            health.withDetail("unreachableSince", String.valueOf(status.failingSince()))
                    .withDetail("error", String.valueOf(status.lastError()))
                    .withDetail("effect", "routing with the last known stages; flips are refused until it is back");
        }
        return health.build();
    }
}
