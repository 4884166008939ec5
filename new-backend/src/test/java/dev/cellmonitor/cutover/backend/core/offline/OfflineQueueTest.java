package dev.cellmonitor.cutover.backend.core.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The retry path, which the default (never failing) mock send does not reach. */
class OfflineQueueTest {

    private static final JsonNode EVENT = JsonMapper.builder().build().readTree("{\"event_type\":\"x\"}");

    @Test
    void aFailedImmediateSendQueuesTheEventAndMarksTheQueueOffline() {
        OfflineQueue queue = new OfflineQueue(new OfflineProperties(1.0, 10));
        queue.enqueue(EVENT, 1, false);
        Map<String, Object> status = queue.status();
        assertThat(status.get("is_online")).isEqualTo(false);
        assertThat(status.get("total_queued_events")).isEqualTo(1);
    }

    @Test
    void failedSendsBackOffAndExhaustedEventsMoveToTheFailedList() {
        SteppingClock clock = new SteppingClock();
        OfflineQueue queue = new OfflineQueue(new OfflineProperties(1.0, 10), clock);
        queue.enqueue(EVENT, 1, true);
        Map<String, Object> first = queue.sync();
        assertThat(first.get("failed_syncs")).isEqualTo(1);
        Map<String, Object> second = queue.sync();
        assertThat(second.get("skipped_events")).isEqualTo(1);
        assertThat(second.get("failed_syncs")).isEqualTo(0);

        for (int attempt = 0; attempt < 10 && queue.failedEvents().isEmpty(); attempt++) {
            clock.elapse();
            queue.sync();
        }
        assertThat(queue.failedEvents()).singleElement().satisfies(e -> {
            assertThat(e.get("retry_count")).isEqualTo(OfflineQueue.MAX_ATTEMPTS);
            assertThat(e.get("event_type")).isEqualTo("x");
        });
        assertThat(queue.status().get("total_queued_events")).isEqualTo(0);
    }

    @Test
    void aFullQueueRefusesEventsWithTheLegacyText() {
        OfflineQueue queue = new OfflineQueue(new OfflineProperties(0.0, 10));
        for (int i = 0; i < OfflineQueue.CAPACITY; i++) {
            queue.enqueue(EVENT, 1, true);
        }
        assertThatThrownBy(() -> queue.enqueue(EVENT, 1, false)).isInstanceOf(QueuedEvent.InvalidEvent.class)
                .hasMessage("507: Offline queue is full. Cannot store more events.");
    }

    @Test
    void keepsOnlyTheNewestFailedEvents() {
        SteppingClock clock = new SteppingClock();
        OfflineQueue queue = new OfflineQueue(new OfflineProperties(1.0, 2), clock);
        for (int i = 0; i < 3; i++) {
            queue.enqueue(EVENT, 1, true);
        }
        for (int attempt = 0; attempt < OfflineQueue.MAX_ATTEMPTS; attempt++) {
            clock.elapse();
            queue.sync();
        }
        assertThat(queue.failedEvents()).hasSize(2);
    }

    /** A clock the test moves past every back-off (at most 2^4 s). */
    private static final class SteppingClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void elapse() {
            now = now.plusSeconds(60);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
