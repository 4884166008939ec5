package dev.cellmonitor.cutover.gateway.stages;

import org.togglz.core.repository.FeatureState;

import dev.cellmonitor.cutover.catalogue.Route;
import dev.cellmonitor.cutover.flags.CutoverStage;
import dev.cellmonitor.cutover.flags.RouteStage;

/**
 * The stage a route is actually served with, after group inheritance, route override, pinning and the
 * retry-safe rule for SHADOW.
 *
 * @param governedBy     the feature whose state decides (a route's own feature, its group's, or {@code pinned})
 * @param governingState that feature's Togglz state, evaluated per request by {@link CutoverStageStrategy}
 * @param salt           canary salt: the route's state unit (so siblings put a user on the same side) or the
 *                       governing feature's name
 * @param note           why the effective stage differs from the governing flag, if it does
 */
public record Effective(Route route, RouteStage stage, String governedBy, FeatureState governingState, String salt,
                        String note) {

    public static final String PINNED = "pinned";

    /** The stage that decides which backend answers: SHADOW is answered by legacy like LEGACY. */
    public CutoverStage servingStage() {
        return stage.stage() == CutoverStage.SHADOW ? CutoverStage.LEGACY : stage.stage();
    }

    /** Human-readable target: who answers, and who else sees the request. */
    public String target() {
        return switch (stage.stage()) {
            case LEGACY -> "legacy";
            case SHADOW -> "legacy (shadowed to new)";
            case CANARY -> stage.percentage() + "% new, " + (100 - stage.percentage()) + "% legacy (sticky)";
            case NEW -> "new";
        };
    }
}
