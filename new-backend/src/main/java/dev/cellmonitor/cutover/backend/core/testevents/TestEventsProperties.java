package dev.cellmonitor.cutover.backend.core.testevents;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits of the test-event store.
 *
 * @param retention how long an event is kept (the legacy's 10 minutes)
 * @param maxEvents how many events the store holds at most across all test ids; the legacy has no limit
 */
@ConfigurationProperties("cellmonitor.test-events")
public record TestEventsProperties(Duration retention, int maxEvents) {

    public TestEventsProperties {
        if (retention == null || retention.isNegative() || retention.isZero()) {
            retention = Duration.ofMinutes(10);
        }
        if (maxEvents <= 0) {
            maxEvents = 10_000;
        }
    }
}
