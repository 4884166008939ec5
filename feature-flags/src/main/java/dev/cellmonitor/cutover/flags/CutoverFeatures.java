package dev.cellmonitor.cutover.flags;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.togglz.core.Feature;
import org.togglz.core.metadata.FeatureGroup;
import org.togglz.core.metadata.FeatureMetaData;
import org.togglz.core.metadata.SimpleFeatureGroup;
import org.togglz.core.repository.FeatureState;
import org.togglz.core.spi.FeatureProvider;
import org.togglz.core.util.NamedFeature;

import dev.cellmonitor.cutover.catalogue.Route;
import dev.cellmonitor.cutover.catalogue.RouteCatalogue;
import dev.cellmonitor.cutover.catalogue.RouteGroup;

/**
 * Togglz features for the cutover: one per group ({@code GROUP_CORE}...) holding the group's stage, and one
 * per catalogued route ({@link Route#featureName()}) holding an optional override. Declared as a
 * {@link FeatureProvider} rather than an enum, because the routes come from the catalogue.
 */
public final class CutoverFeatures implements FeatureProvider {

    private final Map<String, Meta> features = new LinkedHashMap<>();

    public CutoverFeatures(RouteCatalogue catalogue) {
        for (RouteGroup group : RouteGroup.values()) {
            Feature feature = groupFeature(group);
            features.put(feature.name(), new Meta(feature, "Group " + group.key(), group,
                    StageCodec.encode(feature, RouteStage.LEGACY), Map.of("kind", "group", "group", group.key())));
        }
        for (Route route : catalogue.all()) {
            Feature feature = new NamedFeature(route.featureName());
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("kind", "route");
            attributes.put("group", route.group().key());
            attributes.put("route", route.key());
            if (route.stateUnit() != null) {
                attributes.put("stateUnit", route.stateUnit());
            }
            features.put(feature.name(), new Meta(feature, route.key(), route.group(), StageCodec.inherit(feature),
                    Collections.unmodifiableMap(attributes)));
        }
    }

    public static Feature groupFeature(RouteGroup group) {
        return new NamedFeature("GROUP_" + group.name());
    }

    public static Feature routeFeature(Route route) {
        return new NamedFeature(route.featureName());
    }

    @Override
    public Set<Feature> getFeatures() {
        Set<Feature> out = new LinkedHashSet<>();
        features.values().forEach(m -> out.add(m.feature));
        return out;
    }

    @Override
    public FeatureMetaData getMetaData(Feature feature) {
        return features.get(feature.name());
    }

    private record Meta(Feature feature, String label, RouteGroup group, FeatureState defaultState,
                        Map<String, String> attributes) implements FeatureMetaData {

        @Override
        public String getLabel() {
            return label;
        }

        @Override
        public FeatureState getDefaultFeatureState() {
            return defaultState.copy();
        }

        @Override
        public Set<FeatureGroup> getGroups() {
            return Set.of(new SimpleFeatureGroup(group.key()));
        }

        @Override
        public Map<String, String> getAttributes() {
            return attributes;
        }
    }
}
