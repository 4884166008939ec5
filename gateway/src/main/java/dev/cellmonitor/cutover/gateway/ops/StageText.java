package dev.cellmonitor.cutover.gateway.ops;

import java.util.Locale;
import java.util.Optional;

import org.togglz.core.Feature;
import org.togglz.core.repository.FeatureState;

import dev.cellmonitor.cutover.flags.CutoverStage;
import dev.cellmonitor.cutover.flags.RouteStage;
import dev.cellmonitor.cutover.flags.StageCodec;

/**
 * The text form of a feature's setting used by the ops API and the audit: {@code LEGACY}, {@code SHADOW},
 * {@code CANARY 25%}, {@code NEW}, or {@code INHERIT} for a route that follows its group.
 */
final class StageText {

    static final String INHERIT = "INHERIT";

    private StageText() {
    }

    static String of(Optional<RouteStage> setting) {
        return setting.map(RouteStage::toString).orElse(INHERIT);
    }

    static String of(FeatureState state) {
        return of(StageCodec.decode(state));
    }

    /** Parses {@link #of} output, or a stage name plus a separate percentage as the API takes it. */
    static Optional<RouteStage> parse(String text, Integer percentage) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.equals(INHERIT)) {
            return Optional.empty();
        }
        if (t.startsWith("CANARY") && t.length() > "CANARY".length()) {
            String pct = t.substring("CANARY".length()).replace("%", "").trim();
            return Optional.of(RouteStage.canary(Integer.parseInt(pct)));
        }
        CutoverStage stage = CutoverStage.valueOf(t);
        if (stage == CutoverStage.CANARY) {
            if (percentage == null) {
                throw new IllegalArgumentException("CANARY needs a percentage (0-100)");
            }
            return Optional.of(RouteStage.canary(percentage));
        }
        return Optional.of(new RouteStage(stage, 0));
    }

    static FeatureState encode(Feature feature, Optional<RouteStage> setting) {
        return setting.map(s -> StageCodec.encode(feature, s)).orElseGet(() -> StageCodec.inherit(feature));
    }
}
