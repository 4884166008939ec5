package dev.cellmonitor.cutover.backend.admin.settings;

import java.math.BigInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * The consecutive-error threshold the event worker applies ({@code is_significant_error = count >= threshold}),
 * read from {@code system_settings} like the legacy worker reads it (active row, typed value, default 3) and
 * cached for {@link SettingsProperties#cacheTtl()} so that a change made through either backend takes effect
 * within seconds without a query per event.
 */
@Component
public class ConsecutiveErrorSettings {

    public static final String THRESHOLD_KEY = "consecutive_error_threshold";
    public static final int DEFAULT_THRESHOLD = 3;

    private static final Logger log = LoggerFactory.getLogger(ConsecutiveErrorSettings.class);

    private record Cached(int threshold, long expiresAtNanos) {
    }

    private final SystemSettings settings;
    private final long ttlNanos;
    private volatile Cached cached;

    public ConsecutiveErrorSettings(SystemSettings settings, SettingsProperties properties) {
        this.settings = settings;
        this.ttlNanos = properties.cacheTtl().toNanos();
    }

    /** The current threshold; a stored value that is no integer counts as the default (the legacy worker fails then). */
    public int threshold() {
        Cached current = cached;
        long now = System.nanoTime();
        if (current != null && now - current.expiresAtNanos() < 0) {
            return current.threshold();
        }
        int value;
        try {
            value = load();
        } catch (DataAccessException e) {
            value = current != null ? current.threshold() : DEFAULT_THRESHOLD;
            log.warn("cannot read {}; using {}", THRESHOLD_KEY, value, e);
        }
        cached = new Cached(value, now + ttlNanos);
        return value;
    }

    /** Forgets the cached value, after this backend changed the setting. */
    void invalidate() {
        cached = null;
    }

    private int load() {
        return settings.findActive(THRESHOLD_KEY).map(setting -> {
            try {
                JsonNode typed = SettingValues.typed(setting);
                if (typed.isBoolean()) {
                    return typed.booleanValue() ? 1 : 0; // a Python bool compares as 0/1
                }
                if (typed.isIntegralNumber()) {
                    BigInteger n = typed.bigIntegerValue();
                    return n.max(BigInteger.valueOf(Integer.MIN_VALUE)).min(BigInteger.valueOf(Integer.MAX_VALUE)).intValue();
                }
            } catch (SettingValues.Unreadable e) {
                // falls through to the default below
            }
            log.warn("{} holds {} ({}), not an integer; using {}", THRESHOLD_KEY, setting.value(), setting.type(), DEFAULT_THRESHOLD);
            return DEFAULT_THRESHOLD;
        }).orElse(DEFAULT_THRESHOLD);
    }
}
