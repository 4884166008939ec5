package dev.cellmonitor.cutover.gateway.stages;

import java.util.Optional;

import org.togglz.core.activation.Parameter;
import org.togglz.core.activation.ParameterBuilder;
import org.togglz.core.repository.FeatureState;
import org.togglz.core.spi.ActivationStrategy;
import org.togglz.core.user.FeatureUser;
import org.togglz.core.user.SimpleFeatureUser;

import dev.cellmonitor.cutover.flags.CanaryBucket;
import dev.cellmonitor.cutover.flags.RouteStage;
import dev.cellmonitor.cutover.flags.StageCodec;

/**
 * The Togglz strategy behind every cutover feature ({@value StageCodec#STRATEGY_ID}): "active" means the new
 * backend answers this request. Togglz's own {@code gradual} strategy needs a logged-in user name, which a
 * WebFlux gateway has not got; this one is keyed by the request: the {@link FeatureUser} is built from the
 * request's user key ({@link #requestUser}), and the canary share is sticky through {@link CanaryBucket}.
 */
public class CutoverStageStrategy implements ActivationStrategy {

    /** The user attribute holding the canary salt; without it the feature's name is the salt. */
    public static final String SALT = "cutover.salt";

    public static FeatureUser requestUser(String userKey, String salt) {
        return new SimpleFeatureUser(userKey).setAttribute(SALT, salt);
    }

    @Override
    public String getId() {
        return StageCodec.STRATEGY_ID;
    }

    @Override
    public String getName() {
        return "Cutover stage (request-keyed, sticky canary)";
    }

    @Override
    public boolean isActive(FeatureState state, FeatureUser user) {
        Optional<RouteStage> decoded = StageCodec.decode(state);
        if (decoded.isEmpty()) {
            return false;
        }
        RouteStage stage = decoded.get();
        return switch (stage.stage()) {
            case LEGACY, SHADOW -> false;
            case NEW -> true;
            case CANARY -> {
                if (user == null || user.getName() == null) {
                    yield false;
                }
                Object salt = user.getAttribute(SALT);
                yield CanaryBucket.selects(stage.percentage(),
                        salt != null ? salt.toString() : state.getFeature().name(), user.getName());
            }
        };
    }

    @Override
    public Parameter[] getParameters() {
        return new Parameter[] {
                ParameterBuilder.create(StageCodec.PARAM_STAGE).label("Stage").matching("(?i)LEGACY|SHADOW|CANARY|NEW")
                        .description("LEGACY, SHADOW (retry-safe routes only), CANARY or NEW").optional(),
                ParameterBuilder.create(StageCodec.PARAM_PERCENTAGE).label("Canary percentage")
                        .matching("\\d{1,3}").description("0-100, CANARY only").optional()
        };
    }
}
