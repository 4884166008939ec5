package dev.cellmonitor.cutover.gateway.ops;

import org.springframework.stereotype.Component;
import org.togglz.core.Feature;
import org.togglz.core.repository.FeatureState;
import org.togglz.core.repository.StateRepository;

import dev.cellmonitor.cutover.gateway.stages.StageCache;

/**
 * The Togglz state repository the starter's FeatureManager (and so the Togglz actuator endpoint) uses: reads
 * come from this replica's flag cache; writes go through the {@link FlipService}, so a change made with
 * {@code POST /actuator/togglz/{name}} obeys the same rules and is audited (source ACTUATOR).
 */
@Component
class AuditedStateRepository implements StateRepository {

    private final StageCache cache;
    private final FlipService flips;

    AuditedStateRepository(StageCache cache, FlipService flips) {
        this.cache = cache;
        this.flips = flips;
    }

    @Override
    public FeatureState getFeatureState(Feature feature) {
        FeatureState state = cache.current().state(feature.name());
        return state == null ? null : state.copy();
    }

    @Override
    public void setFeatureState(FeatureState state) {
        try {
            flips.applyExternal(state, FlipSource.ACTUATOR, "togglz-actuator");
        } catch (FlipRefused refused) {
            throw new IllegalArgumentException(refused.getMessage(), refused);
        }
    }
}
