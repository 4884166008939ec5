package dev.cellmonitor.cutover.gateway.routing;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.cellmonitor.cutover.gateway.GatewayProperties;

/**
 * The gateway's routes as {@code /actuator/gateway/routes} lists them: requests the route catalogue knows
 * ({@code catalogue}, served by the stage of their route) and everything else ({@code legacy-unmatched}, sent to
 * legacy unchanged, so it answers its own 404s). Both start at the legacy URL; {@link CutoverFilter} picks the
 * backend per request.
 */
@Configuration(proxyBeanMethods = false)
class CutoverRoutes {

    @Bean
    RouteLocator cutoverRouteLocator(RouteLocatorBuilder builder, CatalogueMatcher matcher, GatewayProperties properties) {
        String legacy = properties.legacyUrl().toString();
        return builder.routes()
                .route("catalogue", r -> r.order(0).predicate(exchange -> matcher.match(exchange) != null).uri(legacy))
                .route("legacy-unmatched", r -> r.order(1).alwaysTrue().uri(legacy))
                .build();
    }
}
