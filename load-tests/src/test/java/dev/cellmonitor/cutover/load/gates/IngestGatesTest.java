package dev.cellmonitor.cutover.load.gates;

import dev.cellmonitor.cutover.load.measure.Figures;
import dev.cellmonitor.cutover.load.measure.HoldFigures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IngestGatesTest {

    @Test
    void everyAcknowledgedEventStoredAndNothingElseIsNoLoss() {
        Gate gate = IngestGates.noLoss(1_200_000, 1_200_000L, null);

        assertThat(gate.passed()).isTrue();
        assertThat(gate.detail()).isEqualTo("1200000 rows of the run's students in cell_executions, 1200000 events"
                + " acknowledged (202)");
    }

    @Test
    void fewerRowsThanAcknowledgedEventsIsLoss() {
        Gate gate = IngestGates.noLoss(1000, 980L, null);

        assertThat(gate.passed()).isFalse();
        assertThat(gate.detail()).endsWith("20 acknowledged events were not stored (lost)");
    }

    @Test
    void rowsWithoutTheir202FailTooTheCountsMustMatch() {
        Gate gate = IngestGates.noLoss(1000, 1200L, null);

        assertThat(gate.passed()).isFalse();
        assertThat(gate.detail()).contains("200 rows stored without a 202");
    }

    @Test
    void rowsThatCouldNotBeCountedFailTheGate() {
        Gate gate = IngestGates.noLoss(1000, null, "database not reachable at jdbc:postgresql://x/y");

        assertThat(gate.passed()).isFalse();
        assertThat(gate.detail()).isEqualTo("rows not counted: database not reachable at jdbc:postgresql://x/y");
    }

    @Test
    void aHoldBelowTheThroughputLimitFailsAndOneAtItPasses() {
        Figures posts = new Figures(3500, 0, 280, 300, 400, 900, 175);
        HoldFigures at = new HoldFigures("hold-200", 200, 20, posts, 700_000);
        HoldFigures below = new HoldFigures("hold-200", 200, 20, posts, 600_000);

        assertThat(IngestGates.eventsPerSecond(at, 35_000).passed()).isTrue();
        Gate failed = IngestGates.eventsPerSecond(below, 35_000);
        assertThat(failed.passed()).isFalse();
        assertThat(failed.name()).isEqualTo("hold-200: events persisted per second");
        assertThat(failed.detail()).isEqualTo("30000 events/s persisted with batches of 200, limit 35000");
        assertThat(IngestGates.eventsPerSecond(new HoldFigures("hold-200", 200, 20, posts, -1), 35_000).passed())
                .isFalse();
    }
}
