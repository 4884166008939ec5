package dev.cellmonitor.cutover.backend.influx;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The legacy's InfluxDB 2 ({@code cellmonitor.influx.*}, from its {@code INFLUXDB_*} variables), shared by the
 * worker's {@code student_progress} points and the dashboard's help/resolve points. Nothing is written to InfluxDB
 * and no health entry is reported unless {@code url} is set.
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
