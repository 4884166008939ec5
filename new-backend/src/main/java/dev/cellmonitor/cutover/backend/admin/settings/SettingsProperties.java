package dev.cellmonitor.cutover.backend.admin.settings;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param cacheTtl how long {@link ConsecutiveErrorSettings} keeps a value read from the database: a change made
 *                 through the legacy or another replica takes effect in this backend's worker at most this late
 */
@ConfigurationProperties("cellmonitor.admin.settings")
public record SettingsProperties(Duration cacheTtl) {

    public SettingsProperties {
        if (cacheTtl == null || cacheTtl.isNegative()) {
            cacheTtl = Duration.ofSeconds(3);
        }
    }
}
