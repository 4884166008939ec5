package dev.cellmonitor.cutover.load.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class CpuMeterTest {

    private static void process(Path proc, long pid, String comm, long utime, long stime) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(String.valueOf(pid)));
        Files.writeString(dir.resolve("comm"), comm + "\n");
        Files.writeString(dir.resolve("stat"), pid + " (" + comm + ") S 1 " + pid + " " + pid
                + " 0 -1 4194560 100 0 0 0 " + utime + " " + stime + " 0 0 20 0 30 0 500 0 0\n");
    }

    @Test
    void readsUserPlusSystemTicksEvenWhenTheCommandNameHoldsSpacesAndParentheses(@TempDir Path proc) throws IOException {
        process(proc, 42, "odd (name) x", 1200, 34);

        assertThat(new Processes(proc).cpuTicks(42)).hasValue(1234);
        assertThat(new Processes(proc).cpuTicks(43)).isEmpty();
    }

    @Test
    void findsProcessesByCommandNameAndReadsTheMachinesBusyTime(@TempDir Path proc) throws IOException {
        process(proc, 10, "postgres", 1, 1);
        process(proc, 11, "postgres", 1, 1);
        process(proc, 12, "java", 1, 1);
        Files.writeString(proc.resolve("stat"), "cpu  100 5 50 800 20 3 2 0 0 0\ncpu0 50 2 25 400 10 1 1 0 0 0\n");

        Processes processes = new Processes(proc);
        assertThat(processes.named("postgres")).containsExactlyInAnyOrder(10L, 11L);
        assertThat(processes.machineTicks()).hasValueSatisfying(t -> assertThat(t).containsExactly(160, 980));
    }

    @Test
    void coresUsedAreTicksPerSecondOverTheWindowPerParty() {
        long second = 1_000_000_000L;
        CpuMeter.Reading from = new CpuMeter.Reading(0, Map.of(
                "gatling", Map.of(1L, 1000L),
                "postgres", Map.of(2L, 500L, 3L, 700L),
                "new", Map.of(4L, 50L)));
        CpuMeter.Reading to = new CpuMeter.Reading(20 * second, Map.of(
                "gatling", Map.of(1L, 1500L),
                // pid 3 ended in between (its last ticks are lost), pid 5 started in between (all of its ticks count)
                "postgres", Map.of(2L, 900L, 5L, 200L),
                "machine", Map.of(0L, 4000L)));

        Map<String, Double> cores = CpuMeter.coresUsed(from, to);

        assertThat(cores).containsOnlyKeys("gatling", "postgres");
        assertThat(cores.get("gatling")).isEqualTo(0.25);
        assertThat(cores.get("postgres")).isEqualTo(0.3);
        assertThat(CpuMeter.describe(Map.of("gatling", 0.25))).startsWith("gatling 0.25 of ").endsWith(" cores");
    }
}
