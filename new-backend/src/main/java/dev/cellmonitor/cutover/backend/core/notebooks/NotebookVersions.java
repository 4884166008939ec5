package dev.cellmonitor.cutover.backend.core.notebooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import dev.cellmonitor.cutover.backend.web.ApiException;
import dev.cellmonitor.cutover.backend.web.LegacyTime;

/**
 * The legacy's process-local notebook "git": histories by notebook path, and versions, snapshots and branches
 * by id, with the legacy's counters. Every operation runs under one lock and answers plain maps built under it,
 * because branches and histories change in place. Bounded by {@link NotebookVersionsProperties}.
 */
@Component
class NotebookVersions {

    private final NotebookVersionsProperties limits;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, History> histories = new LinkedHashMap<>();
    private final Map<String, Version> versions = new HashMap<>();
    private final Map<String, Snapshot> snapshots = new LinkedHashMap<>();
    private final Map<String, Integer> snapshotUse = new HashMap<>();
    private final Map<String, Branch> branches = new HashMap<>();
    private final LocalDateTime started = LegacyTime.utcNow();
    private int totalNotebooks;
    private int totalVersions;
    private int totalCommits;
    private int totalBranches;

    NotebookVersions(NotebookVersionsProperties limits) {
        this.limits = limits;
    }

    /** Stores a snapshot (replacing one with identical content) and returns its map. */
    Map<String, Object> addSnapshot(Snapshot snapshot) {
        return locked(() -> {
            putSnapshot(snapshot);
            return snapshot.toMap();
        });
    }

    Map<String, Object> snapshot(String snapshotId) {
        return described(snapshots, snapshotId, Snapshot::toMap);
    }

    /** Commits the stored snapshot {@code snapshotId}; null when there is no such snapshot. */
    Version commitStored(String notebookPath, String snapshotId, String message, String authorId, String authorName,
                         String branchName) {
        return locked(() -> {
            Snapshot s = snapshots.get(snapshotId);
            return s == null ? null : commit(notebookPath, s, message, authorId, authorName, branchName);
        });
    }

    /** Stores a new snapshot and commits it. */
    Version commitNew(String notebookPath, Snapshot snapshot, String message, String authorId, String authorName,
                      String branchName) {
        return locked(() -> {
            putSnapshot(snapshot);
            return commit(notebookPath, snapshot, message, authorId, authorName, branchName);
        });
    }

    /**
     * The legacy's commit: the first commit of a path creates its history with a {@code main} branch, a commit
     * to an unknown branch name creates that branch, the parent is the branch's current version and the diffs
     * are taken against the parent's snapshot. Limits are checked before anything changes.
     */
    private Version commit(String notebookPath, Snapshot snapshot, String message, String authorId, String authorName,
                           String branchName) {
        History history = histories.get(notebookPath);
        boolean newHistory = history == null;
        boolean newBranch = newHistory ? !branchName.equals("main") : history.branch(branchName) == null;
        if (newHistory && histories.size() >= limits.maxNotebooks()) {
            throw full("Notebook version store is full: " + limits.maxNotebooks()
                    + " notebooks have histories; reset one to commit another notebook");
        }
        if (!newHistory && history.versions.size() >= limits.maxVersionsPerNotebook()) {
            throw full("Version limit reached for notebook: " + notebookPath + " (" + limits.maxVersionsPerNotebook()
                    + " versions); reset its history to commit again");
        }
        ensureBranchRoom((newHistory ? 1 : 0) + (newBranch ? 1 : 0));
        if (newHistory) {
            Branch main = Branch.empty("main", notebookPath, authorId);
            history = new History(notebookPath, main);
            histories.put(notebookPath, history);
            branches.put(main.branchId, main);
            totalNotebooks++;
            totalBranches++;
        }
        Branch branch = history.branch(branchName);
        if (branch == null) {
            branch = Branch.empty(branchName, notebookPath, authorId);
            history.branches.add(branch);
            branches.put(branch.branchId, branch);
            totalBranches++;
        }
        String parentId = branch.currentVersionId.isEmpty() ? null : branch.currentVersionId;
        Version parent = parentId == null ? null : versions.get(parentId);
        List<CellDiff> diffs = parent == null ? List.of() : SnapshotDiffs.diffs(parent.snapshot(), snapshot);
        Version version = new Version(newVersionId(snapshot, message, authorId), notebookPath, LegacyTime.utcNow(),
                history.nextVersionNumber(branchName), message, authorId, authorName, parentId,
                parent == null ? null : parent.versionNumber(), snapshot, diffs);
        versions.put(version.versionId(), version);
        snapshotUse.merge(snapshot.snapshotId(), 1, Integer::sum);
        history.record(version);
        branch.advance(version);
        totalVersions++;
        totalCommits++;
        return version;
    }

    /** SHA-256 of {@code "<snapshot>:<message>:<author>:<now>"}, first 12 hex digits: salted with the commit time. */
    private String newVersionId(Snapshot snapshot, String message, String authorId) {
        while (true) {
            String salted = snapshot.snapshotId() + ":" + message + ":" + authorId + ":"
                    + LegacyTime.naive(LegacyTime.utcNow());
            try {
                String id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(salted.getBytes(StandardCharsets.UTF_8))).substring(0, 12);
                if (!versions.containsKey(id)) {
                    return id;
                }
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
            }
        }
    }

    Map<String, Object> history(String notebookPath) {
        return described(histories, notebookPath, History::toMap);
    }

    Map<String, Object> version(String versionId) {
        return described(versions, versionId, Version::toMap);
    }

    /** The version a branch of a notebook points at; null when there is none. */
    Map<String, Object> latest(String notebookPath, String branchName) {
        return locked(() -> {
            History h = histories.get(notebookPath);
            Branch b = h == null ? null : h.branch(branchName);
            if (b == null || b.currentVersionId.isEmpty()) {
                return null;
            }
            Version v = versions.get(b.currentVersionId);
            return v == null ? null : v.toMap();
        });
    }

    /**
     * A branch from an existing version (of any notebook); it joins the notebook's history if there is one.
     * Null when the source version does not exist.
     */
    Map<String, Object> createBranch(String notebookPath, String branchName, String fromVersionId, String authorId,
                                     String description) {
        return locked(() -> {
            Version source = versions.get(fromVersionId);
            if (source == null) {
                return null;
            }
            ensureBranchRoom(1);
            Branch branch = Branch.from(source, branchName, notebookPath, authorId, description);
            branches.put(branch.branchId, branch);
            History h = histories.get(notebookPath);
            if (h != null) {
                h.branches.add(branch);
            }
            totalBranches++;
            return branch.toMap();
        });
    }

    Map<String, Object> branch(String branchId) {
        return described(branches, branchId, Branch::toMap);
    }

    /** Compares two versions of any notebooks; null when either is unknown. */
    Map<String, Object> compare(String fromVersionId, String toVersionId) {
        return locked(() -> {
            Version from = versions.get(fromVersionId);
            Version to = versions.get(toVersionId);
            if (from == null || to == null) {
                return null;
            }
            List<CellDiff> diffs = SnapshotDiffs.diffs(from.snapshot(), to.snapshot());
            double similarity = SnapshotDiffs.similarity(from.snapshot(), to.snapshot());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("comparison_id", UUID.randomUUID().toString());
            out.put("compared_at", LegacyTime.naive(LegacyTime.utcNow()));
            out.put("from_version_id", fromVersionId);
            out.put("to_version_id", toVersionId);
            out.put("from_version_number", from.versionNumber());
            out.put("to_version_number", to.versionNumber());
            out.put("cell_diffs", diffs.stream().map(CellDiff::toMap).toList());
            out.put("summary", SnapshotDiffs.summary(diffs));
            out.put("similarity_score", similarity);
            out.put("change_significance", SnapshotDiffs.significance(diffs, similarity));
            out.put("recommended_actions", SnapshotDiffs.recommendations(diffs, similarity));
            return out;
        });
    }

    Map<String, Object> stats() {
        return locked(() -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("total_notebooks", totalNotebooks);
            out.put("total_versions", totalVersions);
            out.put("total_commits", totalCommits);
            out.put("total_branches", totalBranches);
            out.put("last_cleanup", LegacyTime.naive(started));
            out.put("system_health", totalVersions > 0 ? "healthy" : "idle");
            out.put("average_versions_per_notebook", totalVersions / (double) Math.max(totalNotebooks, 1));
            out.put("average_branches_per_notebook", totalBranches / (double) Math.max(totalNotebooks, 1));
            return out;
        });
    }

    /**
     * Drops a notebook's history with its versions, their snapshots (by id, even if another notebook's version
     * has the same content, as in the legacy) and its branches. Commit counts stay. Unknown paths are a no-op.
     */
    void reset(String notebookPath) {
        locked(() -> {
            History h = histories.remove(notebookPath);
            if (h != null) {
                for (Version v : h.versions) {
                    versions.remove(v.versionId());
                    snapshots.remove(v.snapshot().snapshotId());
                    snapshotUse.computeIfPresent(v.snapshot().snapshotId(), (id, n) -> n > 1 ? n - 1 : null);
                }
                h.branches.forEach(b -> branches.remove(b.branchId));
                totalNotebooks--;
                totalVersions -= h.versions.size();
                totalBranches -= h.branches.size();
            }
            return null;
        });
    }

    /** Stores a snapshot as the newest one, dropping the oldest snapshots no version uses beyond the limit. */
    private void putSnapshot(Snapshot snapshot) {
        snapshots.remove(snapshot.snapshotId());
        snapshots.put(snapshot.snapshotId(), snapshot);
        Iterator<String> oldest = snapshots.keySet().iterator();
        while (snapshots.size() > limits.maxSnapshots() && oldest.hasNext()) {
            if (!snapshotUse.containsKey(oldest.next())) {
                oldest.remove();
            }
        }
        if (snapshots.size() > limits.maxSnapshots()) {
            snapshots.remove(snapshot.snapshotId());
            throw full("Notebook snapshot store is full: " + limits.maxSnapshots()
                    + " snapshots are in use by versions; reset a notebook history first");
        }
    }

    private void ensureBranchRoom(int needed) {
        if (branches.size() + needed > limits.maxBranches()) {
            throw full("Notebook branch store is full: " + limits.maxBranches()
                    + " branches exist; reset a notebook history first");
        }
    }

    private static ApiException full(String detail) {
        return new ApiException(HttpStatus.INSUFFICIENT_STORAGE, detail);
    }

    /** The map of one stored item, or null; built under the lock because branches and histories change in place. */
    private <T> Map<String, Object> described(Map<String, T> items, String key, Function<T, Map<String, Object>> toMap) {
        return locked(() -> {
            T item = items.get(key);
            return item == null ? null : toMap.apply(item);
        });
    }

    private <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
