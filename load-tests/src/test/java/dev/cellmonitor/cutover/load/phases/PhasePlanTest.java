package dev.cellmonitor.cutover.load.phases;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PhasePlanTest {

    private final PhasePlan classroom = new PhasePlan(PhasePlan.CLOSED, "users", List.of(
            Phase.ramp("ramp-200", Duration.ofSeconds(60), 0, 200),
            Phase.plateau("plateau-200", Duration.ofSeconds(300), 200),
            Phase.ramp("ramp-350", Duration.ofSeconds(60), 200, 350),
            Phase.plateau("plateau-350", Duration.ofSeconds(300), 350)));

    @Test
    void placesEveryMomentOfTheRunInItsPhase() {
        assertThat(classroom.phaseAt(0)).isEqualTo("ramp-200");
        assertThat(classroom.phaseAt(59_999)).isEqualTo("ramp-200");
        assertThat(classroom.phaseAt(60_000)).isEqualTo("plateau-200");
        assertThat(classroom.phaseAt(420_000)).isEqualTo("plateau-350");
        assertThat(classroom.phaseAt(720_000)).isEqualTo(PhasePlan.AFTER);
        assertThat(classroom.length()).isEqualTo(Duration.ofSeconds(720));
        assertThat(classroom.startOf(classroom.phases().get(3))).isEqualTo(Duration.ofSeconds(420));
    }

    @Test
    void theTopPlateauIsTheJudgedPhaseWithMostLoad() {
        assertThat(classroom.topPlateau()).map(Phase::name).contains("plateau-350");
    }

    @Test
    void injectsOneStepPerPhase() {
        assertThat(classroom.closedSteps(level -> level * 0.9)).hasSize(4);
        PhasePlan open = new PhasePlan(PhasePlan.OPEN, "batches/s", List.of(
                Phase.ramp("ramp", Duration.ofSeconds(10), 1, 350), Phase.plateau("hold", Duration.ofSeconds(20), 350)));
        assertThat(open.openSteps()).hasSize(2);
    }
}
