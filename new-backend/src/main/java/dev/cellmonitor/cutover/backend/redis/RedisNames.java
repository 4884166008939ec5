package dev.cellmonitor.cutover.backend.redis;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Names of the legacy's Redis channels and keys. The prefix is empty in production (the legacy's own names,
 * so both sides see each other's messages); tests set one so that parallel runs on one Redis stay apart.
 */
@ConfigurationProperties("cellmonitor.redis")
public record RedisNames(String prefix) {

    public static final String PROGRESS_EVENTS = "progress_events";
    public static final String DASHBOARD_UPDATES = "dashboard_updates";
    public static final String NOTIFICATIONS = "notifications";
    public static final String HELP_REQUESTS = "help_requests";
    public static final String ERROR_ALERTS = "error_alerts";
    public static final String WORKER_HEARTBEAT_KEY = "worker:main_worker:heartbeat";

    public RedisNames {
        prefix = prefix == null ? "" : prefix;
    }

    public String channel(String legacyName) {
        return prefix + legacyName;
    }

    public String key(String legacyName) {
        return prefix + legacyName;
    }
}
