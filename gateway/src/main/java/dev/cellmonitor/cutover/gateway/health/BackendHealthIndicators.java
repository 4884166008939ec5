package dev.cellmonitor.cutover.gateway.health;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Mono;

import dev.cellmonitor.cutover.gateway.GatewayProperties;
import dev.cellmonitor.cutover.gateway.resilience.BackendGuards;
import dev.cellmonitor.cutover.gateway.routing.Backend;

/**
 * {@code legacyBackend} and {@code newBackend}: each probes its backend's liveness path and shows its circuit
 * breaker. An unreachable backend is DEGRADED, not DOWN: the gateway itself still works (the other backend's
 * routes, fallbacks, flips), and a load balancer that took every gateway replica out because a backend is down
 * would turn a partial outage into a total one. The detail says what clients see meanwhile.
 */
@Configuration(proxyBeanMethods = false)
class BackendHealthIndicators {

    @Bean
    ReactiveHealthIndicator legacyBackend(GatewayProperties properties, BackendGuards guards) {
        return probe(properties.legacyUrl(), properties.health(), guards, Backend.LEGACY,
                "requests served by legacy get 502 {\"detail\": ...} until it answers again");
    }

    @Bean
    ReactiveHealthIndicator newBackend(GatewayProperties properties, BackendGuards guards) {
        return probe(properties.newBackendUrl(), properties.health(), guards, Backend.NEW,
                "safe requests for the new backend are answered by legacy, unsafe ones get 503 {\"detail\": ...}");
    }

    private static ReactiveHealthIndicator probe(URI base, GatewayProperties.Health settings, BackendGuards guards,
                                                 Backend backend, String effect) {
        WebClient client = WebClient.builder().baseUrl(base.toString()).build();
        Duration timeout = settings.timeout();
        return () -> {
            long start = System.nanoTime();
            return client.get().uri(settings.path()).exchangeToMono(response -> response.releaseBody()
                            .thenReturn(response.statusCode().value()))
                    .timeout(timeout)
                    .map(status -> (status < 500 ? Health.up() : degraded(effect)).withDetail("probeStatus", status))
                    .onErrorResume(e -> Mono.just(degraded(effect).withDetail("error", e.toString())))
                    .map(health -> health.withDetail("url", base.toString())
                            .withDetail("probe", settings.path())
                            .withDetail("probeMs", Duration.ofNanos(System.nanoTime() - start).toMillis())
                            .withDetail("circuitBreaker", guards.breaker(backend).getState().name())
                            .build());
        };
    }

    private static Health.Builder degraded(String effect) {
        return Health.status(GatewayStatus.DEGRADED).withDetail("effect", effect);
    }
}
