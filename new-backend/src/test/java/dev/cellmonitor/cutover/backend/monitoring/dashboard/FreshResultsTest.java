package dev.cellmonitor.cutover.backend.monitoring.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class FreshResultsTest {

    @Test
    void callersDuringAComputationShareTheNextOneNeverAnOlderOne() throws Exception {
        FreshResults<String, Integer> results = new FreshResults<>();
        AtomicInteger computations = new AtomicInteger();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        Thread first = Thread.ofVirtual().start(() -> results.get("k", () -> {
            firstStarted.countDown();
            await(releaseFirst);
            return computations.incrementAndGet();
        }));
        firstStarted.await();
        List<Integer> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> late = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            late.add(Thread.ofVirtual().start(() -> seen.add(results.get("k", computations::incrementAndGet))));
        }
        Thread.sleep(200);
        releaseFirst.countDown();
        first.join();
        for (Thread t : late) {
            t.join();
        }
        // the five late callers asked while computation 1 ran: they get a later one, and share it
        assertThat(seen).hasSize(5).allMatch(v -> v >= 2);
        assertThat(computations.get()).isLessThanOrEqualTo(3);
        assertThat(results.get("k", computations::incrementAndGet)).isEqualTo(computations.get());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
