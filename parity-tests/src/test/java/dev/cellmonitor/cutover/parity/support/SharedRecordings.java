package dev.cellmonitor.cutover.parity.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the legacy's public recordings are: {@code ${shared.dir}/legacy-api/recordings}. */
public final class SharedRecordings {

    private SharedRecordings() {
    }

    public static Path folder() {
        return Path.of(System.getProperty("shared.dir", "../../shared"), "legacy-api", "recordings");
    }

    /** The folder, or the test is skipped with a message saying where it looked. */
    public static Path require() {
        Path folder = folder();
        assumeTrue(Files.isDirectory(folder), "recordings folder not found at " + folder.toAbsolutePath()
                + " (set -Dshared.dir=<path of the shared folder>); skipping");
        return folder;
    }
}
