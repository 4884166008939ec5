package dev.cellmonitor.cutover.backend.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code BACKEND_CORS_ORIGINS}: {@code *} (the legacy's default) or a comma-separated list. */
@ConfigurationProperties("cellmonitor.cors")
public record CorsProperties(List<String> origins) {

    public CorsProperties {
        origins = origins == null || origins.isEmpty() ? List.of("*") : origins.stream().map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
    }

    boolean enabled() {
        return !origins.isEmpty();
    }

    boolean any() {
        return origins.contains("*");
    }

    boolean allows(String origin) {
        return any() || origins.contains(origin);
    }
}
