package dev.cellmonitor.cutover.load.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HoldFiguresTest {

    private static List<Sample> posts(String phase, int count, int failed) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            boolean ok = i > failed;
            samples.add(new Sample(i, phase, "POST /api/v1/events", "core", Sample.UNLABELLED, ok ? 202 : 503, i, ok));
        }
        return samples;
    }

    @Test
    void perSecondFiguresCountOnlyTheHoldsPostsAndTheRowsStoredInIt() {
        List<Sample> samples = new ArrayList<>(posts("hold-200", 100, 2));
        samples.addAll(posts("warmup-200", 500, 0));

        HoldFigures hold = HoldFigures.of("hold-200", 200, 20, samples, 19_000);

        assertThat(hold.post().count()).isEqualTo(100);
        assertThat(hold.post().failed()).as("not 202").isEqualTo(2);
        assertThat(hold.post().p50()).isEqualTo(50);
        assertThat(hold.post().p99()).isEqualTo(99);
        assertThat(hold.acknowledgedEvents()).isEqualTo(98 * 200);
        assertThat(hold.acknowledgedPerSecond()).isEqualTo(980.0);
        assertThat(hold.persistedPerSecond()).isEqualTo(950.0);
        assertThat(hold.describe(Map.of("gatling", 0.25)))
                .startsWith("950 events/s persisted, 980 events/s acknowledged (202); POST p50 50 ms, p99 99 ms;"
                        + " 100 POSTs, 2 not 202; CPU in cores: gatling 0.25 of ");
    }

    @Test
    void rowsThatCouldNotBeCountedAreShownAsSuchNotAsZeroThroughput() {
        HoldFigures hold = HoldFigures.of("hold-20", 20, 10, posts("hold-20", 10, 0), -1);

        assertThat(hold.persistedCounted()).isFalse();
        assertThat(hold.describe(null)).startsWith("(not counted) events/s persisted, 20 events/s acknowledged")
                .endsWith("CPU in cores: not measured");
        assertThat(HoldFigures.table(List.of(hold), Map.of())).contains("persisted/s")
                .containsPattern("\\n20 +10 +- +20 ");
    }
}
