package dev.cellmonitor.cutover.backend.core.worker;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Consecutive-error counting (CONTRACT.md §7.4) on the side table {@code cutover_error_streaks}: for an error, the
 * count is 1 + the number of leading errors among the 10 newest executions of that student and cell; a success
 * counts 0. The legacy computes it by scanning {@code cell_executions}, which has no usable index.
 *
 * <p>Rows other writers add to {@code cell_executions} (the legacy worker while both run) are applied at the start
 * of every transaction: everything above the watermark, plus a short look-back for rows whose ids were taken before
 * but committed after the last catch-up. A row is applied only if it is newer than the pair's
 * {@code last_execution_id}, so re-reading rows is harmless. The watermark row is locked for the transaction, which
 * serialises the writers of several backend instances.
 */
final class ErrorStreaks {

    static final int LOOKBACK = 500;
    private static final String WATERMARK = "error_streaks";
    private static final int PAGE = 20_000;

    /** The watermark row, locked for the rest of the transaction; part of the transaction's first statement. */
    static final String LOCK_WATERMARK = "(SELECT value FROM cutover_worker_state WHERE name = '" + WATERMARK + "' FOR UPDATE)";

    private ErrorStreaks() {
    }

    record Pair(int studentId, int cellId) {
    }

    private static final class State {
        int streak;
        long last;
        boolean dirty;

        State copy() {
            State s = new State();
            s.streak = streak;
            s.last = last;
            return s;
        }
    }

    /** Fills the table from the existing history when it has no watermark yet (first start on a legacy database). */
    static void initialize(Connection c) throws SQLException {
        if (lockWatermark(c) == null) {
            rebuild(c);
        }
    }

    private static void rebuild(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("LOCK TABLE cutover_error_streaks IN EXCLUSIVE MODE");
            s.execute("DELETE FROM cutover_error_streaks");
            s.execute("""
                    WITH recent AS (
                        SELECT id, student_id, cell_id, status,
                               row_number() OVER (PARTITION BY student_id, cell_id ORDER BY executed_at DESC, id DESC) AS rn
                        FROM cell_executions
                    ), per_pair AS (
                        SELECT student_id, cell_id,
                               coalesce(min(rn) FILTER (WHERE status <> 'error') - 1, count(*)) AS streak,
                               max(id) AS last_execution_id
                        FROM recent WHERE rn <= 10 GROUP BY student_id, cell_id
                    )
                    INSERT INTO cutover_error_streaks (student_id, cell_id, streak, last_execution_id)
                    SELECT student_id, cell_id, streak, last_execution_id FROM per_pair WHERE streak > 0""");
            s.execute("INSERT INTO cutover_worker_state (name, value) VALUES ('" + WATERMARK + "',"
                    + " coalesce((SELECT max(id) FROM cell_executions), 0))"
                    + " ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value");
        }
    }

    private static Long lockWatermark(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + LOCK_WATERMARK)) {
            rs.next();
            long v = rs.getLong(1);
            return rs.wasNull() ? null : v;
        }
    }

    /**
     * The catch-up and state query: rows above the (locked) watermark minus the look-back, the newest id, and the
     * stored streaks of those rows' pairs and of the pairs given as two arrays (student ids, cell ids). Reads the
     * watermark itself, so it can follow the locking statement in the same round trip.
     */
    static final String CATCH_UP = """
            WITH w AS (SELECT value FROM cutover_worker_state WHERE name = '%s'),
                 r AS (SELECT id, student_id, cell_id, status = 'error' AS err FROM cell_executions
                       WHERE id > (SELECT greatest(value - %d, 0) FROM w) ORDER BY id LIMIT %d),
                 p AS (SELECT student_id, cell_id FROM r UNION SELECT * FROM unnest(?::int[], ?::int[]))
            SELECT 0, coalesce(max(id), 0), 0, 0, 0 FROM cell_executions
            UNION ALL SELECT 1, id, student_id, cell_id, CASE WHEN err THEN 1 ELSE 0 END FROM r
            UNION ALL SELECT 2, s.last_execution_id, s.student_id, s.cell_id, s.streak
                      FROM cutover_error_streaks s JOIN p ON p.student_id = s.student_id AND p.cell_id = s.cell_id"""
            .formatted(WATERMARK, LOOKBACK, PAGE);

    /** Binds {@link #CATCH_UP}'s two parameters, starting at {@code index}. */
    static void bindCatchUp(Connection c, PreparedStatement ps, int index, Set<Pair> pairs) throws SQLException {
        List<Integer> students = new ArrayList<>(pairs.size());
        List<Integer> cells = new ArrayList<>(pairs.size());
        for (Pair p : pairs) {
            students.add(p.studentId());
            cells.add(p.cellId());
        }
        ps.setObject(index, array(c, "integer", students));
        ps.setObject(index + 1, array(c, "integer", cells));
    }

    /**
     * Applies rows other writers added since the last transaction and loads the state of the given pairs, in one
     * statement. {@code lockedWatermark} is the value read with {@link #LOCK_WATERMARK} in this transaction (null when
     * the table was never filled). Must run inside the caller's transaction.
     */
    static Session begin(Connection c, Long lockedWatermark, Set<Pair> pairs) throws SQLException {
        if (lockedWatermark == null) {
            rebuild(c);
            return begin(c, lockWatermark(c), pairs);
        }
        try (PreparedStatement ps = c.prepareStatement(CATCH_UP)) {
            bindCatchUp(c, ps, 1, pairs);
            try (ResultSet rs = ps.executeQuery()) {
                return read(c, lockedWatermark, pairs, rs);
            }
        }
    }

    /** {@link #begin} with the answer of {@link #CATCH_UP} already at hand. */
    static Session read(Connection c, Long lockedWatermark, Set<Pair> pairs, ResultSet rs) throws SQLException {
        if (lockedWatermark == null) {
            return begin(c, null, pairs);
        }
        long watermark = lockedWatermark;
        Session session = new Session(c);
        List<long[]> foreign = new ArrayList<>();
        long newest = 0;
        while (rs.next()) {
            int kind = rs.getInt(1);
            if (kind == 0) {
                newest = rs.getLong(2);
            } else if (kind == 1) {
                foreign.add(new long[] {rs.getLong(2), rs.getInt(3), rs.getInt(4), rs.getInt(5)});
            } else {
                State s = new State();
                s.last = rs.getLong(2);
                s.streak = rs.getInt(5);
                session.states.put(new Pair(rs.getInt(3), rs.getInt(4)), s);
            }
        }
        if (newest < watermark) {
            // cell_executions lost rows it had (a reset): start again from what is there now
            rebuild(c);
            return begin(c, lockWatermark(c), pairs);
        }
        foreign.sort((a, b) -> Long.compare(a[0], b[0]));
        apply(session, foreign);
        if (foreign.size() == PAGE) {
            // far behind (this backend was down while the legacy worker wrote): go on page by page
            session.watermark = foreign.getLast()[0];
            session.finish();
            return begin(c, session.watermark, pairs);
        }
        session.watermark = newest;
        return session;
    }

    private static void apply(Session session, List<long[]> rows) {
        for (long[] row : rows) {
            State s = session.states.computeIfAbsent(new Pair((int) row[1], (int) row[2]), p -> new State());
            if (row[0] <= s.last) {
                continue;
            }
            if (row[3] == 1) {
                s.streak = Math.min(s.streak + 1, 10);
                s.last = row[0];
                s.dirty = true;
            } else if (s.streak != 0) {
                s.streak = 0;
                s.last = row[0];
                s.dirty = true;
            }
        }
    }

    /** The streak state of one transaction. */
    static final class Session {
        private final Connection c;
        private final Map<Pair, State> states = new HashMap<>();
        private long watermark;

        private Session(Connection c) {
            this.c = c;
        }

        /** 1 + the streak for an error (and the streak grows), 0 for a success (and the streak resets). */
        int record(Pair pair, long executionId, boolean error) {
            State s = states.computeIfAbsent(pair, p -> new State());
            watermark = Math.max(watermark, executionId);
            if (error) {
                int count = Math.min(s.streak, 10) + 1;
                s.streak = Math.min(s.streak + 1, 10);
                s.last = executionId;
                s.dirty = true;
                return count;
            }
            if (s.streak != 0) {
                s.streak = 0;
                s.last = executionId;
                s.dirty = true;
            }
            return 0;
        }

        /** Adds writing what changed and moving the watermark to the transaction's final statement. */
        void addTo(CombinedStatement write) throws SQLException {
            List<List<?>> dirty = dirty();
            write.modify("INSERT INTO cutover_error_streaks (student_id, cell_id, streak, last_execution_id)"
                    + " SELECT * FROM unnest(?::int[], ?::int[], ?::int[], ?::bigint[]) ON CONFLICT (student_id, cell_id)"
                    + " DO UPDATE SET streak = EXCLUDED.streak, last_execution_id = EXCLUDED.last_execution_id",
                    array(c, "integer", dirty.get(0)), array(c, "integer", dirty.get(1)),
                    array(c, "integer", dirty.get(2)), array(c, "bigint", dirty.get(3)));
            write.modify("UPDATE cutover_worker_state SET value = ? WHERE name = '" + WATERMARK + "' AND value < ?",
                    watermark, watermark);
        }

        /** Writes what changed and moves the watermark now (catching up page by page). */
        void finish() throws SQLException {
            CombinedStatement write = new CombinedStatement();
            addTo(write);
            write.execute(c);
        }

        private List<List<?>> dirty() {
            List<Integer> students = new ArrayList<>();
            List<Integer> cells = new ArrayList<>();
            List<Integer> streaks = new ArrayList<>();
            List<Long> lasts = new ArrayList<>();
            states.entrySet().stream().filter(e -> e.getValue().dirty)
                    .sorted((a, b) -> a.getKey().studentId() != b.getKey().studentId()
                            ? Integer.compare(a.getKey().studentId(), b.getKey().studentId())
                            : Integer.compare(a.getKey().cellId(), b.getKey().cellId()))
                    .forEach(e -> {
                        students.add(e.getKey().studentId());
                        cells.add(e.getKey().cellId());
                        streaks.add(e.getValue().streak);
                        lasts.add(e.getValue().last);
                        e.getValue().dirty = false;
                    });
            return List.of(students, cells, streaks, lasts);
        }
    }

    /**
     * What one writer knows of the streaks between its transactions, so that while it is the only writer of
     * {@code cell_executions} a transaction needs no catch-up query (the look-back alone reads 500 rows). It is the
     * only writer when nobody else took an id from the sequence since its previous allocation, for at least
     * {@link #LOOKBACK} ids before this one (a row of another writer older than that would not be caught up either),
     * nobody moved the watermark and the newest row is its own. Any other sign clears it; states are copied into a
     * transaction and merged back only after its commit.
     */
    static final class Memory {
        private static final int MAX_PAIRS = 200_000;
        private final Map<Pair, State> states = new HashMap<>();
        private long nextId = -1;
        private long ownIds;
        private long watermark = -1;

        /** Whether the transaction about to run may skip the catch-up, as far as can be told before its ids are taken. */
        boolean likelyExclusive() {
            return watermark >= 0 && ownIds >= LOOKBACK;
        }

        /**
         * Notes this transaction's ids (sorted) and tells whether it is exclusive (see the class comment), given the
         * watermark it locked and the newest row of {@code cell_executions}, read only when {@link #likelyExclusive}
         * said so (null otherwise: it cannot be exclusive then).
         */
        boolean allocated(List<Long> ids, Long lockedWatermark, Long newest) {
            boolean contiguous = ids.getFirst() == nextId && ids.getLast() == nextId + ids.size() - 1;
            boolean exclusive = contiguous && ownIds >= LOOKBACK && lockedWatermark != null && newest != null
                    && lockedWatermark == watermark && newest == watermark;
            ownIds = contiguous ? ownIds + ids.size() : 0;
            nextId = ids.getLast() + 1;
            if (!exclusive) {
                forget();
            }
            return exclusive;
        }

        /** The transaction's state from memory; pairs it does not hold are read from the table. */
        Session session(Connection c, Set<Pair> pairs) throws SQLException {
            Session session = new Session(c);
            session.watermark = watermark;
            Set<Pair> missing = new HashSet<>();
            for (Pair p : pairs) {
                State known = states.get(p);
                if (known == null) {
                    missing.add(p);
                } else {
                    session.states.put(p, known.copy());
                }
            }
            if (!missing.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("SELECT s.student_id, s.cell_id, s.streak, s.last_execution_id"
                        + " FROM cutover_error_streaks s JOIN unnest(?::int[], ?::int[]) AS p(st, ce)"
                        + " ON s.student_id = p.st AND s.cell_id = p.ce")) {
                    bindCatchUp(c, ps, 1, missing);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            State st = new State();
                            st.streak = rs.getInt(3);
                            st.last = rs.getLong(4);
                            session.states.put(new Pair(rs.getInt(1), rs.getInt(2)), st);
                        }
                    }
                }
            }
            return session;
        }

        /** After the commit: the transaction's states and watermark are what the table holds now. */
        void committed(Session session) {
            if (states.size() + session.states.size() > MAX_PAIRS) {
                states.clear();
            }
            session.states.forEach((pair, state) -> states.put(pair, state.copy()));
            watermark = session.watermark;
        }

        void forget() {
            states.clear();
            watermark = -1;
        }
    }

    /**
     * A list as a statement parameter of the given SQL array type. Java arrays of the types pgJDBC sends in binary
     * ({@code setObject}): a text array literal would cost PostgreSQL a parse of every element, on the connection the
     * whole pipeline waits for. Other types go as {@link Array}.
     */
    static Object array(Connection c, String type, List<?> values) throws SQLException {
        return switch (type) {
            case "integer" -> values.toArray(new Integer[0]);
            case "bigint" -> values.toArray(new Long[0]);
            case "float8" -> values.toArray(new Double[0]);
            case "boolean" -> values.toArray(new Boolean[0]);
            case "text", "varchar" -> values.toArray(new String[0]);
            default -> c.createArrayOf(type, values.toArray());
        };
    }
}
