package dev.cellmonitor.cutover.catalogue;

import java.util.Locale;

/** The four cutover groups of the legacy API (ENDPOINTS.tsv). */
public enum RouteGroup {
    CORE, LMS, ADMIN, MONITORING;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RouteGroup of(String key) {
        return valueOf(key.trim().toUpperCase(Locale.ROOT));
    }
}
