package dev.cellmonitor.cutover.parity.run;

import java.util.List;

/**
 * Brings a side to the state a scenario starts from (Pact's "provider state"): FORMAT.md §1 asks for an empty
 * database, empty Redis, a fresh process (no in-memory state) and the seeded instructor. The tool cannot do that
 * to a process it does not own, so each side gets a hook: a shell command ({@link ShellResetHook}), an SQL file
 * ({@link SqlResetHook}), the built-in truncate-and-seed ({@link TruncateAndSeedReset}) or code (the CI test
 * restarts the in-process backend).
 */
@FunctionalInterface
public interface ResetHook {

    void reset(Scenario scenario) throws Exception;

    /** What the hook is resetting for: the scenario's name and the setup line's {@code seed} list. */
    record Scenario(String name, List<String> seed) {
    }

    static ResetHook none() {
        return s -> {
        };
    }

    default ResetHook then(ResetHook next) {
        return s -> {
            reset(s);
            next.reset(s);
        };
    }
}
