package dev.cellmonitor.cutover.backend.core.notebooks;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;

/**
 * The legacy's comparison of two snapshots: cell diffs matched by cell id, a similarity score, the change
 * significance and the recommended actions. The legacy lists diffs in hash-set order; here the old snapshot's
 * cells come first, then the added ones (the recordings compare diffs as a set).
 */
final class SnapshotDiffs {

    /** Cell metadata keys whose change makes a cell "modified", as in the legacy. */
    private static final List<String> IMPORTANT_METADATA = List.of("tags", "collapsed", "scrolled");

    private SnapshotDiffs() {
    }

    static List<CellDiff> diffs(Snapshot from, Snapshot to) {
        Map<String, Cell> oldCells = byId(from);
        Map<String, Cell> newCells = byId(to);
        Map<String, Integer> oldIndex = indexById(from);
        Map<String, Integer> newIndex = indexById(to);
        Set<String> ids = new LinkedHashSet<>(oldCells.keySet());
        ids.addAll(newCells.keySet());
        List<CellDiff> diffs = new ArrayList<>();
        for (String id : ids) {
            Cell before = oldCells.get(id);
            Cell after = newCells.get(id);
            if (before != null && after != null) {
                if (different(before, after)) {
                    diffs.add(modified(id, before, after, oldIndex.get(id), newIndex.get(id)));
                }
            } else if (before != null) {
                diffs.add(new CellDiff(id, CellDiff.DELETED, before, null, List.of(), 0, before.lineCount(), 0, null, null));
            } else {
                diffs.add(new CellDiff(id, CellDiff.ADDED, null, after, List.of(), after.lineCount(), 0, 0, null, null));
            }
        }
        return diffs;
    }

    /** A changed cell; one whose position changed carries both indexes, and is "moved" if its source is unchanged. */
    private static CellDiff modified(String id, Cell before, Cell after, int oldIndex, int newIndex) {
        List<String> oldLines = before.source();
        List<String> newLines = after.source();
        int added = (int) newLines.stream().filter(l -> !oldLines.contains(l)).count();
        int deleted = (int) oldLines.stream().filter(l -> !newLines.contains(l)).count();
        int modified = Math.min(oldLines.size(), newLines.size())
                - Math.max(0, oldLines.size() + newLines.size() - added - deleted);
        List<String> lineDiffs = Difflib.unifiedDiff(oldLines, newLines, "cell_" + id + "_old", "cell_" + id + "_new");
        boolean moved = oldIndex != newIndex;
        String type = moved && oldLines.equals(newLines) ? CellDiff.MOVED : CellDiff.MODIFIED;
        return new CellDiff(id, type, before, after, lineDiffs, added, deleted, modified,
                moved ? oldIndex : null, moved ? newIndex : null);
    }

    private static boolean different(Cell a, Cell b) {
        if (!a.cellType().equals(b.cellType()) || !a.source().equals(b.source())) {
            return true;
        }
        return IMPORTANT_METADATA.stream().anyMatch(key -> !pythonEquals(a.metadataValue(key), b.metadataValue(key)));
    }

    /** Python's {@code ==} on parsed JSON: numbers by value ({@code 1 == 1.0 == True}), absent equals null. */
    static boolean pythonEquals(JsonNode a, JsonNode b) {
        boolean aNone = a == null || a.isNull();
        boolean bNone = b == null || b.isNull();
        if (aNone || bNone) {
            return aNone && bNone;
        }
        if ((a.isNumber() || a.isBoolean()) && (b.isNumber() || b.isBoolean())) {
            return numeric(a) == numeric(b);
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!pythonEquals(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject()) {
            if (!Set.copyOf(a.propertyNames()).equals(Set.copyOf(b.propertyNames()))) {
                return false;
            }
            Iterator<String> names = a.propertyNames().iterator();
            while (names.hasNext()) {
                String name = names.next();
                if (!pythonEquals(a.get(name), b.get(name))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static double numeric(JsonNode v) {
        return v.isBoolean() ? (v.booleanValue() ? 1 : 0) : v.doubleValue();
    }

    /** 0.2 x cell-count similarity + 0.3 x line-count similarity + 0.5 x difflib ratio of the joined sources. */
    static double similarity(Snapshot from, Snapshot to) {
        double cells = 1.0 - Math.abs(from.totalCells() - to.totalCells())
                / (double) Math.max(Math.max(from.totalCells(), to.totalCells()), 1);
        double lines = 1.0 - Math.abs(from.totalLines() - to.totalLines())
                / (double) Math.max(Math.max(from.totalLines(), to.totalLines()), 1);
        String fromText = text(from);
        String toText = text(to);
        double content;
        if (fromText.isEmpty() && toText.isEmpty()) {
            content = 1.0;
        } else if (fromText.isEmpty() || toText.isEmpty()) {
            content = 0.0;
        } else {
            content = Difflib.ratio(fromText, toText);
        }
        double score = cells * 0.2 + lines * 0.3 + content * 0.5;
        return Math.max(0.0, Math.min(1.0, score));
    }

    private static String text(Snapshot s) {
        return s.cells().stream().map(c -> String.join(" ", c.source())).collect(Collectors.joining("\n"));
    }

    static Map<String, Object> summary(List<CellDiff> diffs) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total_changes", diffs.size());
        out.put("cells_added", CellDiff.count(diffs, CellDiff.ADDED));
        out.put("cells_deleted", CellDiff.count(diffs, CellDiff.DELETED));
        out.put("cells_modified", CellDiff.count(diffs, CellDiff.MODIFIED));
        out.put("cells_moved", CellDiff.count(diffs, CellDiff.MOVED));
        out.put("lines_added", diffs.stream().mapToInt(CellDiff::linesAdded).sum());
        out.put("lines_deleted", diffs.stream().mapToInt(CellDiff::linesDeleted).sum());
        out.put("lines_modified", diffs.stream().mapToInt(CellDiff::linesModified).sum());
        return out;
    }

    static String significance(List<CellDiff> diffs, double similarity) {
        int changes = diffs.size();
        int added = diffs.stream().mapToInt(CellDiff::linesAdded).sum();
        int deleted = diffs.stream().mapToInt(CellDiff::linesDeleted).sum();
        if (changes > 10 || added > 100 || deleted > 100 || similarity < 0.3) {
            return "breaking";
        }
        if (changes > 3 || added > 20 || deleted > 20 || similarity < 0.7) {
            return "major";
        }
        return "minor";
    }

    static List<String> recommendations(List<CellDiff> diffs, double similarity) {
        int changes = diffs.size();
        int added = diffs.stream().mapToInt(CellDiff::linesAdded).sum();
        int deleted = diffs.stream().mapToInt(CellDiff::linesDeleted).sum();
        List<String> out = new ArrayList<>();
        if (changes == 0) {
            out.add("No changes detected between versions");
        }
        if (added > deleted * 2) {
            out.add("Significant code expansion detected - consider reviewing for complexity");
        }
        if (deleted > added * 2) {
            out.add("Significant code reduction detected - verify functionality is preserved");
        }
        if (similarity < 0.5) {
            out.add("Major structural changes detected - thorough testing recommended");
        }
        if (changes > 20) {
            out.add("Many changes detected - consider breaking into smaller commits");
        }
        if (out.isEmpty()) {
            out.add("Changes appear reasonable and well-structured");
        }
        return out;
    }

    private static Map<String, Cell> byId(Snapshot s) {
        Map<String, Cell> out = new LinkedHashMap<>();
        s.cells().forEach(c -> out.put(c.cellId(), c));
        return out;
    }

    private static Map<String, Integer> indexById(Snapshot s) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int i = 0; i < s.cells().size(); i++) {
            out.put(s.cells().get(i).cellId(), i);
        }
        return out;
    }
}
