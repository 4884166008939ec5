package dev.cellmonitor.cutover.backend.core.notebooks;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.cellmonitor.cutover.backend.web.LegacyTime;

/** The legacy's {@code NotebookBranch}; its version pointer moves with every commit on it. */
final class Branch {

    final String branchId = UUID.randomUUID().toString();
    final String branchName;
    final String notebookPath;
    final LocalDateTime createdAt = LegacyTime.utcNow();
    final String createdBy;
    final String description;
    final String branchedFromVersionId;
    String currentVersionId;
    String currentVersionNumber;
    int totalVersions;
    LocalDateTime lastCommitAt;

    private Branch(String branchName, String notebookPath, String createdBy, String description,
                   String branchedFromVersionId, String currentVersionId, String currentVersionNumber) {
        this.branchName = branchName;
        this.notebookPath = notebookPath;
        this.createdBy = createdBy;
        this.description = description;
        this.branchedFromVersionId = branchedFromVersionId;
        this.currentVersionId = currentVersionId;
        this.currentVersionNumber = currentVersionNumber;
    }

    /** A branch a commit creates (or the history's {@code main}): no version yet. */
    static Branch empty(String branchName, String notebookPath, String createdBy) {
        return new Branch(branchName, notebookPath, createdBy, null, null, "", "");
    }

    /** A branch created from an existing version, which becomes its current version. */
    static Branch from(Version source, String branchName, String notebookPath, String createdBy, String description) {
        return new Branch(branchName, notebookPath, createdBy, description, source.versionId(), source.versionId(),
                source.versionNumber());
    }

    void advance(Version version) {
        currentVersionId = version.versionId();
        currentVersionNumber = version.versionNumber();
        totalVersions++;
        lastCommitAt = LegacyTime.utcNow();
    }

    Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("branch_id", branchId);
        out.put("branch_name", branchName);
        out.put("notebook_path", notebookPath);
        out.put("created_at", LegacyTime.naive(createdAt));
        out.put("created_by", createdBy);
        out.put("description", description);
        out.put("current_version_id", currentVersionId);
        out.put("current_version_number", currentVersionNumber);
        out.put("parent_branch_id", null);
        out.put("parent_branch_name", null);
        out.put("branched_from_version_id", branchedFromVersionId);
        out.put("total_versions", totalVersions);
        out.put("last_commit_at", LegacyTime.naive(lastCommitAt));
        out.put("is_merged", false);
        out.put("merged_at", null);
        out.put("merged_into_branch_id", null);
        out.put("metadata", Map.of());
        return out;
    }
}
