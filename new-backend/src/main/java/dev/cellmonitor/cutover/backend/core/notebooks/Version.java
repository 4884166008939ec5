package dev.cellmonitor.cutover.backend.core.notebooks;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cellmonitor.cutover.backend.web.LegacyTime;

/** The legacy's {@code NotebookVersion}: a committed snapshot with its diffs against the parent version. */
record Version(String versionId, String notebookPath, LocalDateTime createdAt, String versionNumber,
               String commitMessage, String authorId, String authorName, String parentVersionId,
               String parentVersionNumber, Snapshot snapshot, List<CellDiff> diffs) {

    Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version_id", versionId);
        out.put("notebook_path", notebookPath);
        out.put("created_at", LegacyTime.naive(createdAt));
        out.put("version_number", versionNumber);
        out.put("status", "committed");
        out.put("commit_message", commitMessage);
        out.put("author_id", authorId);
        out.put("author_name", authorName);
        out.put("parent_version_id", parentVersionId);
        out.put("parent_version_number", parentVersionNumber);
        out.put("snapshot", snapshot.toMap());
        out.put("diffs", diffs.stream().map(CellDiff::toMap).toList());
        out.put("total_changes", diffs.size());
        out.put("cells_added", CellDiff.count(diffs, CellDiff.ADDED));
        out.put("cells_deleted", CellDiff.count(diffs, CellDiff.DELETED));
        out.put("cells_modified", CellDiff.count(diffs, CellDiff.MODIFIED));
        out.put("cells_moved", CellDiff.count(diffs, CellDiff.MOVED));
        out.put("tags", List.of());
        out.put("metadata", Map.of());
        return out;
    }
}
