package dev.cellmonitor.cutover.gateway.stages;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.togglz.core.spi.FeatureProvider;

import dev.cellmonitor.cutover.catalogue.RouteCatalogue;
import dev.cellmonitor.cutover.flags.CutoverFeatures;

/** The route catalogue and the Togglz pieces the starter picks up (features, the request-keyed strategy). */
@Configuration(proxyBeanMethods = false)
class FlagConfiguration {

    @Bean
    RouteCatalogue routeCatalogue() {
        return RouteCatalogue.load();
    }

    /** Declared as a provider (not {@code togglz.features}) so every feature is listed once. */
    @Bean
    FeatureProvider cutoverFeatures(RouteCatalogue catalogue) {
        return new CutoverFeatures(catalogue);
    }

    @Bean
    CutoverStageStrategy cutoverStageStrategy() {
        return new CutoverStageStrategy();
    }
}
