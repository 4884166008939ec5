package dev.cellmonitor.cutover.parity.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs a shell command ({@code sh -c}) before each scenario, e.g. a script that drops and recreates the
 * legacy database, flushes Redis and restarts the process. The command sees {@code PARITY_SCENARIO} and
 * {@code PARITY_SEED} (the seed list, one entry per line); a non-zero exit stops the run.
 */
public record ShellResetHook(String command, Duration timeout) implements ResetHook {

    @Override
    public void reset(Scenario scenario) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true);
        pb.environment().put("PARITY_SCENARIO", scenario.name());
        pb.environment().put("PARITY_SEED", String.join("\n", scenario.seed()));
        Process p = pb.start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IOException("reset command timed out after " + timeout + ": " + command);
        }
        if (p.exitValue() != 0) {
            throw new IOException("reset command exited " + p.exitValue() + ": " + command + "\n"
                    + new String(output, StandardCharsets.UTF_8));
        }
    }
}
