package dev.cellmonitor.cutover.backend.core.worker;

import java.util.HashMap;
import java.util.Map;

/**
 * Ids of the rows events attach to (teams, students, notebooks, cells, active sessions), remembered so that a batch
 * of known students needs no look-ups. Used by the writer thread only. Entries are added after a commit, never
 * from a transaction that may still roll back. A database reset (sequences behind what was cached) empties the
 * cache; rows deleted without a reset surface as a foreign-key failure, after which the writer empties it and
 * retries.
 */
final class Identities {

    /** Beyond this many entries the maps are emptied rather than grown. */
    private static final int MAX_ENTRIES = 200_000;

    record Student(int id, String name) {
    }

    record CellKey(int notebookId, String cellId) {
    }

    /** A cell row and the content this worker last knew it to have. */
    record Cell(int id, String content) {
    }

    final Map<String, Integer> teams = new HashMap<>();
    final Map<String, Student> students = new HashMap<>();
    final Map<String, Integer> notebooks = new HashMap<>();
    final Map<CellKey, Cell> cells = new HashMap<>();
    /** student id -> id of the student's active session row */
    final Map<Integer, Integer> sessions = new HashMap<>();

    private final long[] highest = new long[5];

    /**
     * Empties the cache when the database was reset under it: {@code lastValues} are the current values of the
     * teams, students, notebooks, cells and sessions sequences, one of which is behind an id held here. True when it
     * emptied the cache.
     */
    boolean verify(long[] lastValues) {
        for (int i = 0; i < highest.length; i++) {
            if (lastValues[i] < highest[i]) {
                clear();
                return true;
            }
        }
        return false;
    }

    void rememberTeam(String name, int id) {
        teams.put(name, id);
        seen(0, id);
    }

    void rememberStudent(String email, Student student) {
        students.put(email, student);
        seen(1, student.id());
    }

    void rememberNotebook(String path, int id) {
        notebooks.put(path, id);
        seen(2, id);
    }

    void rememberCell(CellKey key, Cell cell) {
        cells.put(key, cell);
        seen(3, cell.id());
    }

    void rememberSession(int studentId, int sessionId) {
        sessions.put(studentId, sessionId);
        seen(4, sessionId);
    }

    void clear() {
        teams.clear();
        students.clear();
        notebooks.clear();
        cells.clear();
        sessions.clear();
        java.util.Arrays.fill(highest, 0);
    }

    void trim() {
        if (teams.size() + students.size() + notebooks.size() + cells.size() + sessions.size() > MAX_ENTRIES) {
            clear();
        }
    }

    private boolean isEmpty() {
        return teams.isEmpty() && students.isEmpty() && notebooks.isEmpty() && cells.isEmpty() && sessions.isEmpty();
    }

    private void seen(int table, long id) {
        highest[table] = Math.max(highest[table], id);
    }
}
