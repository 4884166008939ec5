package dev.cellmonitor.cutover.gateway.health;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Mono;

import dev.cellmonitor.cutover.gateway.GatewayProperties;
import dev.cellmonitor.cutover.gateway.resilience.BackendGuards;
import dev.cellmonitor.cutover.gateway.routing.Backend;

/**
 * {@code legacyBackend} and {@code newBackend}: each probes its backend's liveness path and shows its circuit
 * breaker. An unreachable legacy is DOWN (it serves everything not yet moved); an unreachable new backend is
 * DEGRADED, because the gateway falls back to legacy for safe requests.
 */
@Configuration(proxyBeanMethods = false)
class BackendHealthIndicators {

    @Bean
    ReactiveHealthIndicator legacyBackend(GatewayProperties properties, BackendGuards guards) {
        return probe(properties.legacyUrl(), properties.health(), guards, Backend.LEGACY, Status.DOWN);
    }

    @Bean
    ReactiveHealthIndicator newBackend(GatewayProperties properties, BackendGuards guards) {
        return probe(properties.newBackendUrl(), properties.health(), guards, Backend.NEW, GatewayStatus.DEGRADED);
    }

    private static ReactiveHealthIndicator probe(URI base, GatewayProperties.Health settings, BackendGuards guards,
                                                 Backend backend, Status whenDown) {
        WebClient client = WebClient.builder().baseUrl(base.toString()).build();
        Duration timeout = settings.timeout();
        return () -> {
            long start = System.nanoTime();
            return client.get().uri(settings.path()).exchangeToMono(response -> response.releaseBody()
                            .thenReturn(response.statusCode().value()))
                    .timeout(timeout)
                    .map(status -> (status < 500 ? Health.up() : Health.status(whenDown))
                            .withDetail("probeStatus", status))
                    .onErrorResume(e -> Mono.just(Health.status(whenDown).withDetail("error", e.toString())))
                    .map(health -> health.withDetail("url", base.toString())
                            .withDetail("probe", settings.path())
                            .withDetail("probeMs", Duration.ofNanos(System.nanoTime() - start).toMillis())
                            .withDetail("circuitBreaker", guards.breaker(backend).getState().name())
                            .build());
        };
    }
}
