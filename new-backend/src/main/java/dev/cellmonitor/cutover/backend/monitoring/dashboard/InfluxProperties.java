package dev.cellmonitor.cutover.backend.monitoring.dashboard;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The legacy's InfluxDB, bound to its own variables ({@code INFLUXDB_URL}, {@code INFLUXDB_TOKEN},
 * {@code INFLUXDB_ORG}, {@code INFLUXDB_BUCKET}). Without a URL nothing is written: the new dashboard needs no
 * InfluxDB; with one, dismiss-help and resolve-error also write the legacy's points so a legacy dashboard
 * reading InfluxDB stays right during the cutover.
 */
@ConfigurationProperties("cellmonitor.monitoring.influx")
public record InfluxProperties(String url, String token, String org, String bucket) {

    public InfluxProperties {
        url = url == null ? "" : url.trim();
        token = token == null ? "my-super-secret-token" : token;
        org = org == null || org.isBlank() ? "my-org" : org;
        bucket = bucket == null || bucket.isBlank() ? "progress_bucket" : bucket;
    }

    public boolean configured() {
        return !url.isEmpty();
    }
}
