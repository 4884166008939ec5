package dev.cellmonitor.cutover.backend.core.worker;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * InfluxDB 2 ({@code cellmonitor.influx.*}, from the legacy's {@code INFLUXDB_*} variables). Nothing is written to
 * InfluxDB and no health entry is reported unless {@code url} is set.
 */
@ConfigurationProperties("cellmonitor.influx")
public record InfluxProperties(String url, String token, String org, String bucket) {

    public InfluxProperties {
        url = url == null || url.isBlank() ? null : url.strip().replaceAll("/+$", "");
        token = token == null ? "" : token;
        org = org == null ? "my-org" : org;
        bucket = bucket == null ? "progress_bucket" : bucket;
    }

    public boolean enabled() {
        return url != null;
    }
}
