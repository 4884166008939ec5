package dev.cellmonitor.cutover.backend.core.offline;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Offline-sync settings.
 *
 * @param mockFailureRate share of mock sends (0..1) that fail, to exercise the retry path. The legacy fails 10 %
 *                        at random; the default here is 0 so that answers are deterministic
 * @param maxFailedEvents how many permanently failed events are kept for {@code GET /failed-events} (oldest
 *                        dropped first); the legacy keeps them without limit
 */
@ConfigurationProperties("cellmonitor.offline")
public record OfflineProperties(double mockFailureRate, int maxFailedEvents) {

    public OfflineProperties {
        if (mockFailureRate < 0 || mockFailureRate > 1 || Double.isNaN(mockFailureRate)) {
            throw new IllegalArgumentException("cellmonitor.offline.mock-failure-rate must be within 0..1, got "
                    + mockFailureRate);
        }
        if (maxFailedEvents <= 0) {
            maxFailedEvents = 1_000;
        }
    }
}
