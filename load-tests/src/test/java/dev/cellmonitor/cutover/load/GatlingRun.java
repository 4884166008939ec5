package dev.cellmonitor.cutover.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import dev.cellmonitor.cutover.load.report.RunSummary;

/**
 * Runs a simulation in this JVM the way {@code mvn gatling:test} runs it in a fork, with the given settings
 * as system properties, and finds the run it wrote.
 */
final class GatlingRun {

    /**
     * @param exitCode Gatling's: 0 passed, 2 an assertion (a gate) failed, anything else a crash
     * @param directory the run's report directory (HTML report, summary, request log)
     */
    record Result(int exitCode, Path directory) {

        RunSummary summary() {
            return RunSummary.read(directory);
        }
    }

    private GatlingRun() {
    }

    static synchronized Result run(Class<?> simulation, Path resultsDir, Map<String, String> settings) throws IOException {
        Map<String, String> previous = new HashMap<>();
        Map<String, String> all = new HashMap<>(settings);
        all.put("resultsDir", resultsDir.toString());
        all.forEach((k, v) -> previous.put(k, System.setProperty(k, v)));
        try {
            Files.createDirectories(resultsDir);
            int code = io.gatling.app.Gatling$.MODULE$.fromArgs(new String[] {
                "-s", simulation.getName(), "-rf", resultsDir.toString(), "-rd", "load-tests self-test"});
            return new Result(code, newest(resultsDir, simulation).orElseThrow(
                    () -> new IllegalStateException("Gatling wrote no run under " + resultsDir)));
        } finally {
            previous.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
    }

    private static Optional<Path> newest(Path resultsDir, Class<?> simulation) throws IOException {
        String prefix = simulation.getSimpleName().toLowerCase(java.util.Locale.ROOT) + "-";
        try (Stream<Path> dirs = Files.list(resultsDir)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith(prefix))
                    .max(Comparator.comparing(d -> d.toFile().lastModified()));
        }
    }
}
