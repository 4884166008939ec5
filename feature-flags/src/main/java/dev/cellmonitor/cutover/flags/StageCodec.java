package dev.cellmonitor.cutover.flags;

import java.util.Locale;
import java.util.Optional;

import org.togglz.core.Feature;
import org.togglz.core.repository.FeatureState;

/**
 * Stores a {@link RouteStage} in a Togglz {@link FeatureState}, so the stage lives in any Togglz state
 * repository (JDBC for the gateway) and shows in the Togglz actuator endpoint:
 * enabled = the new backend takes some traffic; strategy {@value #STRATEGY_ID} with parameters
 * {@code stage} and {@code percentage}. A state without a {@code stage} parameter (or no state at all) means
 * "no override": a route then follows its group.
 */
public final class StageCodec {

    public static final String STRATEGY_ID = "cutover-stage";
    public static final String PARAM_STAGE = "stage";
    public static final String PARAM_PERCENTAGE = "percentage";

    private StageCodec() {
    }

    public static FeatureState encode(Feature feature, RouteStage stage) {
        FeatureState state = new FeatureState(feature, stage.stage() != CutoverStage.LEGACY);
        state.setStrategyId(STRATEGY_ID);
        state.setParameter(PARAM_STAGE, stage.stage().name());
        state.setParameter(PARAM_PERCENTAGE, Integer.toString(stage.percentage()));
        return state;
    }

    /** The state that removes a route's override. */
    public static FeatureState inherit(Feature feature) {
        FeatureState state = new FeatureState(feature, false);
        state.setStrategyId(STRATEGY_ID);
        return state;
    }

    public static Optional<RouteStage> decode(FeatureState state) {
        if (state == null || state.getParameter(PARAM_STAGE) == null) {
            return Optional.empty();
        }
        CutoverStage stage = CutoverStage.valueOf(state.getParameter(PARAM_STAGE).trim().toUpperCase(Locale.ROOT));
        String pct = state.getParameter(PARAM_PERCENTAGE);
        int percentage = pct == null || pct.isBlank() ? 0 : Integer.parseInt(pct.trim());
        return Optional.of(new RouteStage(stage, percentage));
    }
}
