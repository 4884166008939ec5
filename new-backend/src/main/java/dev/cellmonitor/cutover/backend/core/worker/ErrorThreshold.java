package dev.cellmonitor.cutover.backend.core.worker;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The active {@code system_settings} row {@code consecutive_error_threshold} (CONTRACT.md §7.4), re-read at most
 * every {@code cellmonitor.worker.threshold-cache-ttl}, so a change made through either backend's admin API takes
 * effect within seconds. 3 when the row is absent or unreadable, as in the legacy.
 */
@Component
class ErrorThreshold {

    static final int LEGACY_DEFAULT = 3;
    private static final Logger log = LoggerFactory.getLogger(ErrorThreshold.class);

    private final JdbcTemplate jdbc;
    private final long ttlNanos;
    private volatile int value = LEGACY_DEFAULT;
    private volatile long readAt = Long.MIN_VALUE;

    ErrorThreshold(JdbcTemplate jdbc, WorkerProperties properties) {
        this.jdbc = jdbc;
        this.ttlNanos = properties.thresholdCacheTtl().toNanos();
    }

    int current() {
        long now = System.nanoTime();
        if (readAt == Long.MIN_VALUE || now - readAt >= ttlNanos) {
            value = read();
            readAt = now;
        }
        return value;
    }

    private int read() {
        try {
            List<String> rows = jdbc.queryForList("SELECT setting_value FROM system_settings"
                    + " WHERE setting_key = 'consecutive_error_threshold' AND is_active = true", String.class);
            return rows.isEmpty() ? LEGACY_DEFAULT : pythonInt(rows.getFirst());
        } catch (RuntimeException e) {
            log.warn("consecutive_error_threshold unreadable, keeping {}: {}", value, e.toString());
            return value;
        }
    }

    /** Python's {@code int(str)}: surrounding whitespace, a sign and underscores between digits are fine. */
    static int pythonInt(String text) {
        String s = text.strip();
        if (s.matches("[+-]?\\d+(_\\d+)*")) {
            try {
                return Integer.parseInt(s.replace("_", ""));
            } catch (NumberFormatException tooBig) {
                return LEGACY_DEFAULT;
            }
        }
        return LEGACY_DEFAULT;
    }
}
