package dev.cellmonitor.cutover.backend.core.notebooks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The legacy's {@code CellDiff}: how one cell changed between two snapshots. */
record CellDiff(String cellId, String changeType, Cell oldContent, Cell newContent, List<String> lineDiffs,
                int linesAdded, int linesDeleted, int linesModified, Integer oldIndex, Integer newIndex) {

    static final String ADDED = "added";
    static final String MODIFIED = "modified";
    static final String DELETED = "deleted";
    static final String MOVED = "moved";

    Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cell_id", cellId);
        out.put("change_type", changeType);
        out.put("old_content", oldContent == null ? null : oldContent.toMap());
        out.put("new_content", newContent == null ? null : newContent.toMap());
        out.put("line_diffs", lineDiffs);
        out.put("lines_added", linesAdded);
        out.put("lines_deleted", linesDeleted);
        out.put("lines_modified", linesModified);
        out.put("old_index", oldIndex);
        out.put("new_index", newIndex);
        return out;
    }

    static long count(List<CellDiff> diffs, String type) {
        return diffs.stream().filter(d -> d.changeType().equals(type)).count();
    }
}
