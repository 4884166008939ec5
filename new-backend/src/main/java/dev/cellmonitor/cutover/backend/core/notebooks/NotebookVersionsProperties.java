package dev.cellmonitor.cutover.backend.core.notebooks;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Bounds of the in-memory notebook version store (the legacy's store grows without limit).
 *
 * @param maxNotebooks           notebook histories held at once; a commit for a further notebook is refused (507)
 * @param maxVersionsPerNotebook versions per history; further commits to it are refused (507)
 * @param maxBranches            branches held at once, of all notebooks; further branches are refused (507)
 * @param maxSnapshots           snapshots held at once; beyond it the oldest snapshot no version uses is dropped
 */
@ConfigurationProperties("cellmonitor.notebook-versions")
public record NotebookVersionsProperties(int maxNotebooks, int maxVersionsPerNotebook, int maxBranches,
                                         int maxSnapshots) {

    public NotebookVersionsProperties {
        maxNotebooks = maxNotebooks > 0 ? maxNotebooks : 1_000;
        maxVersionsPerNotebook = maxVersionsPerNotebook > 0 ? maxVersionsPerNotebook : 500;
        maxBranches = maxBranches > 0 ? maxBranches : 10_000;
        maxSnapshots = maxSnapshots > 0 ? maxSnapshots : 5_000;
    }
}
