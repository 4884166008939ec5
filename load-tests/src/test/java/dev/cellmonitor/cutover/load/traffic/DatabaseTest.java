package dev.cellmonitor.cutover.load.traffic;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseTest {

    private static Database.Count<Long> reads(Long... counts) {
        Queue<Long> queue = new ArrayDeque<>(List.of(counts));
        return () -> queue.size() > 1 ? queue.poll() : queue.peek();
    }

    @Test
    void aSettledCountStopsAsSoonAsTheExpectedRowsAreThere() throws Exception {
        assertThat(Database.settled(reads(100L, 200L), rows -> rows, 100, Duration.ofSeconds(5), Duration.ZERO))
                .isEqualTo(100);
    }

    @Test
    void aSettledCountWaitsWhileTheWorkerStillStoresAndStopsWhenItNoLongerGrows() throws Exception {
        assertThat(Database.settled(reads(10L, 50L, 90L, 90L, 95L), rows -> rows, 100, Duration.ofSeconds(5),
                Duration.ZERO)).isEqualTo(90);
    }

    @Test
    void aSettledCountGivesUpAfterTheWait() throws Exception {
        assertThat(Database.settled(reads(10L, 20L, 30L), rows -> rows, 100, Duration.ZERO, Duration.ZERO))
                .isEqualTo(10);
    }
}
