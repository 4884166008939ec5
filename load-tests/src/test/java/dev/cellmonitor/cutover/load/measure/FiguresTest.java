package dev.cellmonitor.cutover.load.measure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class FiguresTest {

    @Test
    void percentilesAreNearestRank() {
        List<Sample> samples = new ArrayList<>();
        for (int ms = 1; ms <= 100; ms++) {
            samples.add(new Sample(ms, "p", "GET /x", "core", "new", 200, ms, ms != 100));
        }
        Figures f = Figures.of(samples, 10);
        assertThat(f.count()).isEqualTo(100);
        assertThat(f.p50()).isEqualTo(50);
        assertThat(f.p95()).isEqualTo(95);
        assertThat(f.p99()).isEqualTo(99);
        assertThat(f.max()).isEqualTo(100);
        assertThat(f.failed()).isEqualTo(1);
        assertThat(f.failedPercent()).isEqualTo(1.0);
        assertThat(f.perSecond()).isEqualTo(10.0);
    }

    @Test
    void theRequestLogReadsBackWhatItWrote(@TempDir Path dir) {
        RequestLog log = new RequestLog();
        log.add(new Sample(1795913646011L, "plateau-350", "GET /api/v1/dashboard/students/{email}/activity", "admin",
                "legacy", 200, 12, true));
        log.add(new Sample(1795913646012L, "after", "POST /api/v1/events", "core", Sample.UNLABELLED, 0, 60000, false));
        log.write(dir.resolve(RequestLog.FILE));
        assertThat(RequestLog.read(dir.resolve(RequestLog.FILE))).isEqualTo(log.snapshot());
    }
}
