package dev.cellmonitor.cutover.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway's own settings ({@code cellmonitor.gateway.*}); the defaults fit a single machine with the
 * legacy on :8000 and the new backend on :8001.
 *
 * @param legacyUrl      base URL of the legacy FastAPI service
 * @param newBackendUrl  base URL of the new Java backend
 * @param pinnedToLegacy route ids that always stay on legacy whatever their flags say (the new backend does
 *                       not implement them); flips naming them are refused
 * @param trustedProxies addresses or CIDR blocks of proxies whose {@code X-Forwarded-For} is believed when the
 *                       canary looks for the client address
 * @param flags          flag store cache
 * @param ops            ops API credential
 * @param shadow         SHADOW stage limits
 * @param health         backend probes
 */
@ConfigurationProperties("cellmonitor.gateway")
public record GatewayProperties(
        @DefaultValue("http://127.0.0.1:8000") URI legacyUrl,
        @DefaultValue("http://127.0.0.1:8001") URI newBackendUrl,
        @DefaultValue("any-socket-io") List<String> pinnedToLegacy,
        @DefaultValue({"127.0.0.1/8", "::1/128"}) List<String> trustedProxies,
        @DefaultValue Flags flags,
        @DefaultValue Ops ops,
        @DefaultValue Shadow shadow,
        @DefaultValue Health health) {

    /**
     * @param refreshInterval how often each replica reloads every stage from the flag store (a flip is seen
     *                        by all replicas within this interval plus one query)
     */
    public record Flags(@DefaultValue("250ms") Duration refreshInterval) {
    }

    /**
     * @param token        the credential for the ops API and for write operations on the actuator
     * @param defaultActor recorded as "who" when a request names no actor
     */
    public record Ops(@DefaultValue("dev-ops-token") String token, @DefaultValue("ops") String defaultActor) {
    }

    /**
     * @param maxInFlight       copies to the new backend running at once; more are skipped (and counted)
     * @param maxBodyBytes      responses larger than this are not compared
     * @param timeout           how long the copy may take
     * @param recentMismatches  how many mismatches the ops API keeps for inspection
     */
    public record Shadow(@DefaultValue("64") int maxInFlight, @DefaultValue("262144") int maxBodyBytes,
                         @DefaultValue("5s") Duration timeout, @DefaultValue("50") int recentMismatches) {
    }

    /**
     * @param path    path probed on each backend for the gateway's health
     * @param timeout probe timeout
     */
    public record Health(@DefaultValue("/api/v1/health/live") String path, @DefaultValue("2s") Duration timeout) {
    }
}
