package dev.cellmonitor.cutover.backend.core.notebooks;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cellmonitor.cutover.backend.web.LegacyTime;
import tools.jackson.databind.JsonNode;

/** The legacy's {@code NotebookSnapshot}: a notebook's cells at one moment, keyed by a content hash. */
record Snapshot(String snapshotId, String notebookPath, LocalDateTime createdAt, JsonNode notebookMetadata,
                JsonNode kernelSpec, List<Cell> cells) {

    int totalCells() {
        return cells.size();
    }

    int totalLines() {
        return cells.stream().mapToInt(Cell::lineCount).sum();
    }

    Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("snapshot_id", snapshotId);
        out.put("notebook_path", notebookPath);
        out.put("created_at", LegacyTime.naive(createdAt));
        out.put("notebook_metadata", notebookMetadata);
        out.put("kernel_spec", kernelSpec);
        out.put("cells", cells.stream().map(Cell::toMap).toList());
        out.put("total_cells", totalCells());
        out.put("total_lines", totalLines());
        out.put("total_characters", cells.stream().mapToInt(Cell::characterCount).sum());
        out.put("code_cells_count", cells.stream().filter(c -> c.cellType().equals("code")).count());
        out.put("markdown_cells_count", cells.stream().filter(c -> c.cellType().equals("markdown")).count());
        out.put("last_execution_time", null);
        out.put("execution_count", 0);
        return out;
    }
}
