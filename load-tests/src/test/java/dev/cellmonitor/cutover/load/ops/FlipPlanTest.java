package dev.cellmonitor.cutover.load.ops;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.cellmonitor.cutover.load.Knobs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlipPlanTest {

    @Test
    void readsTheStagesInOrder() {
        FlipPlan plan = FlipPlan.from(Knobs.of(Map.of("flip.group", "lms", "flip.hold", "20s")), "CANARY:25,NEW,LEGACY");
        assertThat(plan.steps()).containsExactly(new FlipPlan.Step("CANARY", 25), new FlipPlan.Step("NEW", null),
                new FlipPlan.Step("LEGACY", null));
        assertThat(plan.group()).isEqualTo("lms");
        assertThat(plan.length()).isEqualTo(Duration.ofSeconds(30 + 3 * 20));
    }

    @Test
    void aFlipBodyNamesAGroupOrARouteWithAReason() {
        FlipPlan plan = FlipPlan.from(Knobs.of(Map.of("flip.route", "get-classes")), "canary:10");
        assertThat(plan.flip(plan.steps().getFirst(), "why").body())
                .containsExactly(Map.entry("routes", List.of("get-classes")), Map.entry("stage", "CANARY"),
                        Map.entry("percentage", 10), Map.entry("reason", "why"));
        assertThat(FlipPlan.from(Knobs.of(Map.of()), "none").isEmpty()).isTrue();
    }

    @Test
    void refusesStagesItDoesNotKnow() {
        assertThatThrownBy(() -> FlipPlan.parse("CANARY")).hasMessageContaining("percentage");
        assertThatThrownBy(() -> FlipPlan.parse("BLUE")).hasMessageContaining("unknown stage");
        assertThat(FlipPlan.parse("new, legacy")).extracting(FlipPlan.Step::stage).isEqualTo(List.of("NEW", "LEGACY"));
    }
}
