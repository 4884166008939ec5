package dev.cellmonitor.cutover.backend.core.testevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.cellmonitor.cutover.backend.web.ApiException;

class TestEventStoreTest {

    private static List<Map<String, Object>> events(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> (Map<String, Object>) new LinkedHashMap<String, Object>()).toList();
    }

    @Test
    void dropsEventsOlderThanTheRetentionBeforeReads() throws InterruptedException {
        TestEventStore store = new TestEventStore(new TestEventsProperties(Duration.ofMillis(50), 100));
        store.store("t", events(2));
        assertThat(store.events("t")).hasSize(2);
        Thread.sleep(120);
        assertThat(store.events("t")).isEmpty();
        assertThat(store.testIds()).isEmpty();
    }

    @Test
    void refusesStoresBeyondTheLimitWith507AndKeepsWhatItHas() {
        TestEventStore store = new TestEventStore(new TestEventsProperties(Duration.ofMinutes(10), 3));
        store.store("a", events(2));
        assertThatThrownBy(() -> store.store("b", events(2))).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status().value()).isEqualTo(507));
        assertThat(store.testIds()).containsExactly("a");
        assertThat(store.clear("a")).isEqualTo(2);
        store.store("b", events(3));
        assertThat(store.events("b")).hasSize(3);
    }
}
