package dev.cellmonitor.cutover.backend.core.environment;

import java.time.Duration;

import org.springframework.stereotype.Component;

import dev.cellmonitor.cutover.backend.web.LegacyTime;

/**
 * Collects environment snapshots and remembers only the last one, as the legacy's collector does: a collection
 * is "full" when forced, when there is no previous snapshot, or when the previous one is over an hour old.
 */
@Component
class EnvironmentCollector {

    private static final Duration FULL_COLLECTION_AGE = Duration.ofHours(1);

    private EnvironmentSnapshot last;

    synchronized EnvironmentSnapshot collect(String notebookPath, String cellId, Long executionCount, boolean force) {
        boolean full = force || last == null
                || last.capturedAt().plus(FULL_COLLECTION_AGE).isBefore(LegacyTime.utcNow());
        last = EnvironmentSnapshot.collect(notebookPath, cellId, executionCount, full);
        return last;
    }
}
