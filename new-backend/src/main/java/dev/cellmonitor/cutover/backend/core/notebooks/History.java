package dev.cellmonitor.cutover.backend.core.notebooks;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cellmonitor.cutover.backend.web.LegacyTime;

/**
 * The legacy's {@code VersionHistory} of one notebook path: its versions and branches in creation order. The
 * legacy computes {@code total_versions/total_branches/total_commits} once, when the history is created with
 * its {@code main} branch and no version, and never updates them: they always read 0, 1 and 0.
 */
final class History {

    final String notebookPath;
    final Branch main;
    final LocalDateTime createdAt = LegacyTime.utcNow();
    final List<Version> versions = new ArrayList<>();
    final List<Branch> branches = new ArrayList<>();
    LocalDateTime lastUpdatedAt = createdAt;
    String currentVersionId = "";

    History(String notebookPath, Branch main) {
        this.notebookPath = notebookPath;
        this.main = main;
        branches.add(main);
    }

    Branch branch(String name) {
        return branches.stream().filter(b -> b.branchName.equals(name)).findFirst().orElse(null);
    }

    /** {@code v<n>.0.0} on main, {@code <branch>-v<n>.0.0} elsewhere; n counts the branch's earlier versions by name. */
    String nextVersionNumber(String branchName) {
        long earlier = versions.stream().map(Version::versionNumber)
                .filter(n -> n.startsWith(branchName + "-") || (branchName.equals("main") && !n.contains("-")))
                .count();
        String number = "v" + (earlier + 1) + ".0.0";
        return branchName.equals("main") ? number : branchName + "-" + number;
    }

    void record(Version version) {
        versions.add(version);
        currentVersionId = version.versionId();
        lastUpdatedAt = LegacyTime.utcNow();
    }

    Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("notebook_path", notebookPath);
        out.put("created_at", LegacyTime.naive(createdAt));
        out.put("last_updated_at", LegacyTime.naive(lastUpdatedAt));
        out.put("versions", versions.stream().map(Version::toMap).toList());
        out.put("branches", branches.stream().map(Branch::toMap).toList());
        out.put("current_branch_id", main.branchId);
        out.put("current_version_id", currentVersionId);
        out.put("total_versions", 0);
        out.put("total_branches", 1);
        out.put("total_commits", 0);
        out.put("contributors", List.of());
        return out;
    }
}
