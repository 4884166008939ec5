package dev.cellmonitor.cutover.load.phases;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

import dev.cellmonitor.cutover.load.Knobs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchSizePlanTest {

    private final BatchSizePlan issue = new BatchSizePlan(List.of(1, 20, 200), 50, Duration.ofSeconds(60),
            Duration.ofSeconds(20));

    @Test
    void eachBatchSizeWarmsUpUnjudgedThenHoldsJudgedWithTheSameClients() {
        PhasePlan plan = issue.plan();

        assertThat(plan.model()).isEqualTo(PhasePlan.CLOSED);
        assertThat(plan.phases()).extracting(Phase::name)
                .containsExactly("warmup-1", "hold-1", "warmup-20", "hold-20", "warmup-200", "hold-200");
        assertThat(plan.phases()).extracting(Phase::judged).containsExactly(false, true, false, true, false, true);
        assertThat(plan.phases()).allSatisfy(p -> {
            assertThat(p.from()).isEqualTo(50);
            assertThat(p.isRamp()).isFalse();
        });
        assertThat(plan.length()).isEqualTo(Duration.ofSeconds(240));
        assertThat(plan.phaseAt(80_000)).isEqualTo("warmup-20");
        assertThat(plan.closedSteps(level -> level)).hasSize(6);
        assertThat(issue.holds()).containsExactly(Map.entry(1, "hold-1"), Map.entry(20, "hold-20"),
                Map.entry(200, "hold-200"));
    }

    @Test
    void everyPhasePostsItsBatchSizeAndUsersFinishingAfterTheEndPostTheLast() {
        ToIntFunction<String> sizes = issue.lookup();

        assertThat(sizes.applyAsInt("warmup-20")).isEqualTo(20);
        assertThat(sizes.applyAsInt("hold-20")).isEqualTo(20);
        assertThat(sizes.applyAsInt("hold-1")).isEqualTo(1);
        assertThat(sizes.applyAsInt(PhasePlan.AFTER)).isEqualTo(200);
        assertThat(issue.largest()).isEqualTo(200);
    }

    @Test
    void aZeroWarmUpLeavesOnlyTheHolds() {
        PhasePlan plan = new BatchSizePlan(List.of(200, 20), 10, Duration.ZERO, Duration.ofSeconds(5)).plan();

        assertThat(plan.phases()).extracting(Phase::name).containsExactly("hold-200", "hold-20");
    }

    @Test
    void readsTheBatchSizesFromTheSettingsOrASingleBatchSize() {
        BatchSizePlan defaults = BatchSizePlan.from(Knobs.of(Map.of()));
        assertThat(defaults.batchSizes()).containsExactly(1, 20, 200);
        assertThat(defaults.clients()).isEqualTo(50);
        assertThat(defaults.warmUp()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.hold()).isEqualTo(Duration.ofSeconds(20));

        BatchSizePlan listed = BatchSizePlan.from(Knobs.of(Map.of("batchSizes", "200, 20", "clients", "8",
                "warmUp", "30s", "hold", "1m")));
        assertThat(listed.batchSizes()).containsExactly(200, 20);
        assertThat(listed.clients()).isEqualTo(8);
        assertThat(listed.hold()).isEqualTo(Duration.ofMinutes(1));

        assertThat(BatchSizePlan.from(Knobs.of(Map.of("batchSize", "200"))).batchSizes()).containsExactly(200);
        assertThat(BatchSizePlan.from(Knobs.of(Map.of("batchSize", "20", "batchSizes", "1,200"))).batchSizes())
                .containsExactly(1, 200);
    }

    @Test
    void refusesListsThatWouldNameTwoPhasesAlikeOrPostNothing() {
        Duration s = Duration.ofSeconds(1);
        assertThatThrownBy(() -> new BatchSizePlan(List.of(20, 20), 5, s, s)).hasMessageContaining("each batch size once");
        assertThatThrownBy(() -> new BatchSizePlan(List.of(0), 5, s, s)).hasMessageContaining("at least one event");
        assertThatThrownBy(() -> new BatchSizePlan(List.of(), 5, s, s)).hasMessageContaining("at least one batch size");
        assertThatThrownBy(() -> new BatchSizePlan(List.of(1), 0, s, s)).hasMessageContaining("clients");
        assertThatThrownBy(() -> new BatchSizePlan(List.of(1), 5, s, Duration.ZERO)).hasMessageContaining("hold");
        assertThatThrownBy(() -> BatchSizePlan.from(Knobs.of(Map.of("batchSizes", "1;20"))))
                .hasMessageContaining("not a list");
    }
}
