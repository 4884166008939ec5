package dev.cellmonitor.cutover.backend.core.worker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.cellmonitor.cutover.backend.admin.status.InstructorStatus;
import dev.cellmonitor.cutover.backend.admin.status.InstructorStatusService;
import dev.cellmonitor.cutover.backend.core.events.EventData;
import dev.cellmonitor.cutover.backend.core.worker.ErrorStreaks.Pair;
import dev.cellmonitor.cutover.backend.core.worker.Identities.CellKey;
import dev.cellmonitor.cutover.backend.web.ApiException;

/**
 * The legacy worker's event router (CONTRACT.md §7.3) for a whole batch in one transaction: look-ups and inserts
 * are set-based (arrays + {@code unnest}), ids come from {@link Identities} when known, and the order of events
 * inside the batch is kept wherever it matters (consecutive errors, help flags, cell content).
 *
 * <p>Foreign keys: PostgreSQL checks the legacy schema's foreign keys row by row, four look-ups and row locks per
 * execution row, which costs several times the insert itself. When the database user may set
 * {@code session_replication_role} ({@code set-based-reference-checks}), the transaction turns the per-row checks
 * off and does the same check once per referenced row instead: it locks every student, team, notebook, cell and
 * session it references {@code FOR KEY SHARE} (what the per-row check locks) and fails, like a foreign-key
 * violation, if one is missing. The schema and the guarantee stay the same.
 */
final class BatchWriter {

    private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

    /**
     * The legacy's {@code execution_id} is a random uuid4 string; a random key lands anywhere in its unique index,
     * which on a large table costs more than the rest of the row (cache misses, page splits, full-page WAL images).
     * A version-7 UUID (RFC 9562: unix milliseconds first, then random bits) has the same text form and type but
     * appends at the right edge of the index. docs/divergences.md, CE-6. Made here rather than in SQL: PostgreSQL's
     * {@code gen_random_uuid()} reads the kernel's random source for every row (~3 us a row on the writer's
     * connection, which is the pipeline's bottleneck); the id only has to be unique, not unpredictable.
     */
    private static final TimeBasedEpochGenerator EXECUTION_IDS =
            Generators.timeBasedEpochGenerator(ThreadLocalRandom.current());

    private final DataSource dataSource;
    private final Identities ids = new Identities();
    private final ErrorStreaks.Memory streakMemory = new ErrorStreaks.Memory();
    private long catchUpsSkipped;
    private final ErrorThreshold threshold;
    private final InstructorStatusService instructorStatus;
    private boolean setBasedReferenceChecks;

    BatchWriter(DataSource dataSource, ErrorThreshold threshold, InstructorStatusService instructorStatus,
            boolean setBasedReferenceChecks) {
        this.dataSource = dataSource;
        this.threshold = threshold;
        this.instructorStatus = instructorStatus;
        this.setBasedReferenceChecks = setBasedReferenceChecks;
    }

    /** What became of one event, for the publications that follow the commit. */
    record Outcome(WorkerEvent event, boolean handled, String studentName, boolean significant) {
    }

    void initialize() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                ErrorStreaks.initialize(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
            if (setBasedReferenceChecks) {
                try (java.sql.Statement s = c.createStatement()) {
                    s.execute("SELECT set_config('session_replication_role', 'replica', true)");
                    log.info("foreign keys of the worker's inserts are checked once per referenced row");
                } catch (SQLException e) {
                    setBasedReferenceChecks = false;
                    log.info("the database user may not set session_replication_role ({}): foreign keys are checked"
                            + " row by row", e.getMessage());
                } finally {
                    c.rollback();
                }
            }
        }
    }

    /** Writes the events in one transaction; on any failure nothing is kept. */
    List<Outcome> write(List<WorkerEvent> events) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Tx tx = new Tx(c, events);
                List<Outcome> outcomes = tx.run();
                c.commit();
                tx.remember();
                if (tx.streaks != null) {
                    streakMemory.committed(tx.streaks);
                    catchUpsSkipped += tx.exclusive ? 1 : 0;
                }
                ids.trim();
                runInstructorHandlers(events);
                return outcomes;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                streakMemory.forget();
                if (isStaleReference(e)) {
                    // a row we had cached is gone (deleted under us): forget everything we know and let the caller retry
                    ids.clear();
                }
                throw e;
            }
        }
    }

    /**
     * The instructor handlers (only reachable through messages published to Redis directly) set an instructor
     * {@code in_session} through the admin status service, so the status history is written one way whoever
     * changes it; each change is its own transaction, after the batch's commit. An unknown instructor is skipped.
     */
    private void runInstructorHandlers(List<WorkerEvent> events) {
        for (WorkerEvent e : events) {
            String type = e.type();
            Optional<Integer> instructor = Routing.STUDENT_SESSION_START.equals(type) ? Optional.ofNullable(e.instructorId())
                    : Routing.INSTRUCTOR_ASSIGNMENT.equals(type) ? instructorStatus.firstAvailable() : Optional.empty();
            instructor.ifPresent(id -> {
                try {
                    instructorStatus.changeStatus(id, InstructorStatus.IN_SESSION, null);
                } catch (ApiException notFound) {
                    log.debug("{}: instructor {} not changed: {}", type, id, notFound.detail());
                } catch (RuntimeException failed) {
                    log.warn("{}: instructor {} not set in_session: {}", type, id, failed.toString());
                }
            });
        }
    }

    /** Whether foreign keys are checked once per referenced row (else PostgreSQL checks them row by row). */
    boolean setBasedReferenceChecks() {
        return setBasedReferenceChecks;
    }

    /** Committed transactions that took their streaks from this writer's memory, without a catch-up query. */
    long catchUpsSkipped() {
        return catchUpsSkipped;
    }

    void forgetIdentities() {
        ids.clear();
        streakMemory.forget();
    }

    private static boolean isStaleReference(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23503".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            log.debug("rollback failed", e);
        }
    }

    /** The work of one transaction. */
    private final class Tx {
        private final Connection c;
        private final List<WorkerEvent> events;
        private final Map<String, Integer> teams = new HashMap<>();
        private final Map<String, Identities.Student> students = new HashMap<>();
        private final Map<String, Integer> notebooks = new HashMap<>();
        private final Map<CellKey, Identities.Cell> cells = new HashMap<>();
        private final Map<Integer, Integer> sessions = new HashMap<>();
        /** Rows this transaction makes other rows point to, for the set-based foreign-key check. */
        private final Set<Integer> refTeams = new HashSet<>();
        private final Set<Integer> refStudents = new HashSet<>();
        private final Set<Integer> refNotebooks = new HashSet<>();
        private final Set<Integer> refCells = new HashSet<>();
        private final Set<Integer> refSessions = new HashSet<>();
        /** Cells whose content the final statement updates, and the position of that update's count. */
        private final Set<Integer> updatedCells = new HashSet<>();
        private int contentUpdates = -1;
        private List<Long> executionIds = List.of();
        private Long watermark;
        /** Loaded together with the prelude when every id was cached, else when the executions are inserted. */
        private ErrorStreaks.Session streaks;
        /** This writer is the only one writing cell_executions: the streaks come from its memory, no catch-up. */
        private boolean exclusive;

        Tx(Connection c, List<WorkerEvent> events) {
            this.c = c;
            this.events = events;
        }

        List<Outcome> run() throws SQLException {
            List<WorkerEvent> handled = new ArrayList<>();
            for (WorkerEvent e : events) {
                if (isHandled(e)) {
                    handled.add(e);
                }
            }
            int executions = (int) handled.stream().filter(e -> Routing.CELL_EXECUTED.equals(e.type())).count();
            prelude(executions, handled);
            resolveStudents(handled);
            resolveNotebooksAndCells(handled);
            resolveSessions(handled);
            updateHelp(handled);
            CombinedStatement write = new CombinedStatement();
            Map<WorkerEvent, Boolean> significant = insertExecutions(handled, write);
            updateCellContents(handled, write);
            int firstReference = checkReferences(write);
            long[] counts = write.execute(c);
            verifyReferences(counts, firstReference);

            Set<WorkerEvent> handledSet = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            handledSet.addAll(handled);
            List<Outcome> outcomes = new ArrayList<>(events.size());
            for (WorkerEvent e : events) {
                boolean ok = handledSet.contains(e);
                Identities.Student s = ok ? students.get(e.email()) : null;
                outcomes.add(new Outcome(e, ok, s == null ? null : s.name(), Boolean.TRUE.equals(significant.get(e))));
            }
            return outcomes;
        }

        /**
         * The transaction's first statement: the sequences (to notice a database reset under the cache), the switch
         * to set-based foreign-key checks, the ids of the execution rows, the consecutive-error watermark lock and,
         * when this writer has been the only one lately, the newest row (to tell whether it still is).
         */
        private void prelude(int executions, List<WorkerEvent> handled) throws SQLException {
            StringBuilder sql = new StringBuilder("SELECT (SELECT last_value FROM teams_id_seq),"
                    + " (SELECT last_value FROM students_id_seq), (SELECT last_value FROM notebooks_id_seq),"
                    + " (SELECT last_value FROM cells_id_seq), (SELECT last_value FROM sessions_id_seq)");
            if (setBasedReferenceChecks) {
                sql.append(", set_config('session_replication_role', 'replica', true)");
            }
            // a writer that has been the only one lately most likely needs no catch-up, only the newest row to be sure
            boolean likelyExclusive = executions > 0 && streakMemory.likelyExclusive();
            if (executions > 0) {
                sql.append(", ARRAY(SELECT nextval('cell_executions_id_seq') FROM generate_series(1, ?)), ")
                        .append(ErrorStreaks.LOCK_WATERMARK);
            }
            if (likelyExclusive) {
                sql.append(", (SELECT coalesce(max(id), 0) FROM cell_executions)");
            }
            // otherwise, when every id is known already, the catch-up rides along in the same round trip
            Set<Pair> pairs = executions > 0 && !likelyExclusive ? cachedPairs(handled) : null;
            if (pairs != null) {
                sql.append(";\n").append(ErrorStreaks.CATCH_UP);
            }
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                if (executions > 0) {
                    ps.setInt(1, executions);
                }
                if (pairs != null) {
                    ErrorStreaks.bindCatchUp(c, ps, 2, pairs);
                }
                ps.execute();
                try (ResultSet rs = ps.getResultSet()) {
                    rs.next();
                    boolean reset = ids.verify(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5)});
                    if (reset) {
                        streakMemory.forget();
                    }
                    if (reset && pairs != null) {
                        // the ids the catch-up was asked about may belong to other rows now
                        throw new SQLException("the database was reset under the cached ids", "23503");
                    }
                    if (executions > 0) {
                        int at = setBasedReferenceChecks ? 7 : 6;
                        List<Long> allocated = new ArrayList<>(executions);
                        for (Object id : (Object[]) rs.getArray(at).getArray()) {
                            allocated.add(((Number) id).longValue());
                        }
                        allocated.sort(null);
                        executionIds = allocated;
                        long w = rs.getLong(at + 1);
                        watermark = rs.wasNull() ? null : w;
                        exclusive = streakMemory.allocated(allocated, watermark,
                                likelyExclusive ? rs.getLong(at + 2) : null);
                    }
                }
                if (pairs != null) {
                    ps.getMoreResults();
                    try (ResultSet rs = ps.getResultSet()) {
                        streaks = ErrorStreaks.read(c, watermark, pairs, rs);
                    }
                }
            }
        }

        /** The (student, cell) pairs of the executions when every one of them is cached, else null. */
        private Set<Pair> cachedPairs(List<WorkerEvent> handled) {
            Set<Pair> pairs = new HashSet<>();
            for (WorkerEvent e : handled) {
                if (!Routing.CELL_EXECUTED.equals(e.type())) {
                    continue;
                }
                Identities.Student student = ids.students.get(e.email());
                Integer notebook = ids.notebooks.get(e.data().notebookPath());
                Identities.Cell cell = notebook == null ? null : ids.cells.get(new CellKey(notebook, e.data().cellId()));
                if (student == null || cell == null || !ids.sessions.containsKey(student.id())) {
                    return null;
                }
                pairs.add(new Pair(student.id(), cell.id()));
            }
            return pairs;
        }

        private static final String[] REFERENCED = {"teams", "students", "notebooks", "cells", "sessions"};

        /**
         * With set-based checks: every row this transaction points to is locked like a foreign-key check locks it
         * (part of the final statement); returns the position of the first count, or -1.
         */
        private int checkReferences(CombinedStatement write) throws SQLException {
            if (!setBasedReferenceChecks) {
                return -1;
            }
            List<Set<Integer>> refs = references();
            int first = -1;
            for (int i = 0; i < REFERENCED.length; i++) {
                int at = write.select("SELECT id FROM " + REFERENCED[i] + " WHERE id = ANY(?) FOR KEY SHARE",
                        ErrorStreaks.array(c, "integer", new ArrayList<>(refs.get(i))));
                first = i == 0 ? at : first;
            }
            return first;
        }

        /** A missing row fails the transaction like a foreign-key violation (the caller forgets its cache, retries). */
        private void verifyReferences(long[] counts, int first) throws SQLException {
            if (contentUpdates >= 0 && counts[contentUpdates] != updatedCells.size()) {
                throw new SQLException("a cell row no longer exists", "23503");
            }
            if (first < 0) {
                return;
            }
            List<Set<Integer>> refs = references();
            for (int i = 0; i < REFERENCED.length; i++) {
                if (counts[first + i] != refs.get(i).size()) {
                    throw new SQLException("a referenced " + REFERENCED[i] + " row no longer exists", "23503");
                }
            }
        }

        /** What the foreign-key check locks; cells whose content is updated are locked by the update itself. */
        private List<Set<Integer>> references() {
            Set<Integer> cellsToLock = new HashSet<>(refCells);
            cellsToLock.removeAll(updatedCells);
            return List.of(refTeams, refStudents, refNotebooks, cellsToLock, refSessions);
        }

        /** The router's requirements: a type, an e-mail, and for cell_executed a notebook and a cell. */
        private boolean isHandled(WorkerEvent e) {
            String type = e.type();
            if (type == null || Routing.isInstructorHandler(type) || !e.hasEmail()) {
                return false;
            }
            if (Routing.CELL_EXECUTED.equals(type)) {
                EventData d = e.data();
                if (!WorkerEvent.truthy(d.notebookPath()) || !WorkerEvent.truthy(d.cellId())) {
                    return false;
                }
                if (!fitsInt(d.cellIndex()) || !fitsInt(d.executionCount())) {
                    // the legacy worker fails on this insert (integer columns) and drops the event after its retries
                    log.warn("dropping cell_executed event {} of {}: cellIndex/executionCount out of integer range",
                            d.eventId(), d.emailAddress());
                    return false;
                }
            }
            return true;
        }

        private static boolean fitsInt(Long v) {
            return v == null || (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE);
        }

        // ---- students and teams -------------------------------------------------------------------------------

        private void resolveStudents(List<WorkerEvent> handled) throws SQLException {
            Map<String, EventData> firstByEmail = new LinkedHashMap<>();
            for (WorkerEvent e : handled) {
                firstByEmail.putIfAbsent(e.email(), e.data());
            }
            Set<String> missing = new TreeSet<>(known(firstByEmail.keySet(), ids.students, students));
            if (missing.isEmpty()) {
                return;
            }
            selectStudents(missing);
            missing.removeAll(students.keySet());
            if (missing.isEmpty()) {
                return;
            }
            Set<String> teamNames = new TreeSet<>();
            for (String email : missing) {
                String team = firstByEmail.get(email).teamName();
                if (WorkerEvent.truthy(team)) {
                    teamNames.add(team);
                }
            }
            resolveTeams(teamNames);
            List<String> emails = new ArrayList<>();
            List<String> names = new ArrayList<>();
            List<Integer> teamIds = new ArrayList<>();
            for (String email : missing) {
                EventData first = firstByEmail.get(email);
                emails.add(email);
                names.add(first.userName());
                Integer teamId = WorkerEvent.truthy(first.teamName()) ? teams.get(first.teamName()) : null;
                teamIds.add(teamId);
                if (teamId != null) {
                    refTeams.add(teamId);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO students (email, name, team_id, is_requesting_help)"
                    + " SELECT e, n, t, false FROM unnest(?::varchar[], ?::varchar[], ?::int[]) AS v(e, n, t)"
                    + " ON CONFLICT (email) DO NOTHING RETURNING id, email, name")) {
                ps.setObject(1, ErrorStreaks.array(c, "varchar", emails));
                ps.setObject(2, ErrorStreaks.array(c, "varchar", names));
                ps.setObject(3, ErrorStreaks.array(c, "integer", teamIds));
                readStudents(ps);
            }
            missing.removeAll(students.keySet());
            if (!missing.isEmpty()) {
                selectStudents(missing); // created meanwhile by another writer
            }
        }

        private void selectStudents(Set<String> emails) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, email, name FROM students WHERE email = ANY(?)")) {
                ps.setObject(1, ErrorStreaks.array(c, "varchar", new ArrayList<>(emails)));
                readStudents(ps);
            }
        }

        private void readStudents(PreparedStatement ps) throws SQLException {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    students.put(rs.getString(2), new Identities.Student(rs.getInt(1), rs.getString(3)));
                }
            }
        }

        private void resolveTeams(Set<String> names) throws SQLException {
            resolveNamed(names, ids.teams, teams, "SELECT id, team_name FROM teams WHERE team_name = ANY(?)",
                    "INSERT INTO teams (team_name, description) SELECT t, t || 'の説明' FROM unnest(?::varchar[]) AS t"
                            + " ON CONFLICT (team_name) DO NOTHING RETURNING id, team_name");
        }

        // ---- notebooks and cells ------------------------------------------------------------------------------

        private void resolveNotebooksAndCells(List<WorkerEvent> handled) throws SQLException {
            Set<String> paths = new TreeSet<>();
            for (WorkerEvent e : handled) {
                if (Routing.CELL_EXECUTED.equals(e.type())) {
                    paths.add(e.data().notebookPath());
                }
            }
            if (paths.isEmpty()) {
                return;
            }
            resolveNamed(paths, ids.notebooks, notebooks, "SELECT id, path FROM notebooks WHERE path = ANY(?)",
                    "INSERT INTO notebooks (path, name) SELECT p, substring(p from '[^/]*$') FROM unnest(?::varchar[]) AS p"
                            + " ON CONFLICT (path) DO NOTHING RETURNING id, path");
            resolveCells(handled);
        }

        /**
         * Ids of rows with a unique text key (teams by name, notebooks by path): cached, else looked up, else created
         * ({@code insert} takes the missing keys as one array and returns id and key); a row another writer created
         * meanwhile is looked up again.
         */
        private void resolveNamed(Set<String> keys, Map<String, Integer> cache, Map<String, Integer> into, String select,
                String insert) throws SQLException {
            Set<String> missing = new TreeSet<>(known(keys, cache, into));
            if (missing.isEmpty()) {
                return;
            }
            readNamed(select, missing, into);
            missing.removeAll(into.keySet());
            if (missing.isEmpty()) {
                return;
            }
            readNamed(insert, missing, into);
            missing.removeAll(into.keySet());
            if (!missing.isEmpty()) {
                readNamed(select, missing, into);
            }
        }

        private void resolveCells(List<WorkerEvent> handled) throws SQLException {
            Map<CellKey, EventData> firstByCell = new TreeMap<>(Comparator.comparingInt(CellKey::notebookId)
                    .thenComparing(CellKey::cellId));
            for (WorkerEvent e : handled) {
                if (Routing.CELL_EXECUTED.equals(e.type())) {
                    firstByCell.putIfAbsent(cellKey(e.data()), e.data());
                }
            }
            List<CellKey> missing = known(firstByCell.keySet(), ids.cells, cells);
            if (missing.isEmpty()) {
                return;
            }
            selectCells(missing);
            missing.removeIf(cells::containsKey);
            if (missing.isEmpty()) {
                return;
            }
            // cells have no unique key: serialise their creation among this toolkit's writers, then look again
            lockCreation("'cell:' || k.n || ':' || k.cid", "unnest(?::int[], ?::varchar[]) AS k(n, cid)",
                    ErrorStreaks.array(c, "integer", missing.stream().map(CellKey::notebookId).toList()),
                    ErrorStreaks.array(c, "varchar", missing.stream().map(CellKey::cellId).toList()));
            selectCells(missing);
            missing.removeIf(cells::containsKey);
            if (missing.isEmpty()) {
                return;
            }
            List<String> cellIds = new ArrayList<>();
            List<Integer> notebookIds = new ArrayList<>();
            List<String> types = new ArrayList<>();
            List<Integer> positions = new ArrayList<>();
            List<String> contents = new ArrayList<>();
            for (CellKey key : missing) {
                EventData first = firstByCell.get(key);
                cellIds.add(key.cellId());
                notebookIds.add(key.notebookId());
                refNotebooks.add(key.notebookId());
                types.add(WorkerEvent.truthy(first.cellType()) ? first.cellType() : "code");
                positions.add(first.cellIndex() == null ? null : first.cellIndex().intValue());
                contents.add(first.code());
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cells (cell_id, notebook_id, cell_type, \"position\", content)"
                    + " SELECT * FROM unnest(?::varchar[], ?::int[], ?::varchar[], ?::int[], ?::text[])"
                    + " RETURNING id, notebook_id, cell_id, content")) {
                ps.setObject(1, ErrorStreaks.array(c, "varchar", cellIds));
                ps.setObject(2, ErrorStreaks.array(c, "integer", notebookIds));
                ps.setObject(3, ErrorStreaks.array(c, "varchar", types));
                ps.setObject(4, ErrorStreaks.array(c, "integer", positions));
                ps.setObject(5, ErrorStreaks.array(c, "text", contents));
                readCells(ps);
            }
        }

        private void selectCells(List<CellKey> keys) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT c.id, c.notebook_id, c.cell_id, c.content FROM cells c"
                    + " JOIN unnest(?::int[], ?::varchar[]) AS k(n, cid) ON c.notebook_id = k.n AND c.cell_id = k.cid"
                    + " ORDER BY c.id")) {
                ps.setObject(1, ErrorStreaks.array(c, "integer", keys.stream().map(CellKey::notebookId).toList()));
                ps.setObject(2, ErrorStreaks.array(c, "varchar", keys.stream().map(CellKey::cellId).toList()));
                readCells(ps);
            }
        }

        private void readCells(PreparedStatement ps) throws SQLException {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // the legacy takes the first row when a race left duplicates
                    cells.putIfAbsent(new CellKey(rs.getInt(2), rs.getString(3)),
                            new Identities.Cell(rs.getInt(1), rs.getString(4)));
                }
            }
        }

        private CellKey cellKey(EventData d) {
            return new CellKey(notebooks.get(d.notebookPath()), d.cellId());
        }

        /**
         * Transaction-scoped advisory locks on {@code 'cutover.' || key} for every row of {@code from}: rows without a
         * unique key are created by one of this toolkit's writers at a time (the caller looks again once it holds them).
         */
        private void lockCreation(String key, String from, Object... arrays) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended('cutover.' || "
                    + key + ", 0)) FROM " + from)) {
                for (int i = 0; i < arrays.length; i++) {
                    ps.setObject(i + 1, arrays[i]);
                }
                ps.executeQuery().close();
            }
        }

        // ---- sessions -----------------------------------------------------------------------------------------

        private void resolveSessions(List<WorkerEvent> handled) throws SQLException {
            Set<Integer> wanted = new TreeSet<>();
            for (WorkerEvent e : handled) {
                if (Routing.opensSession(e.type())) {
                    wanted.add(students.get(e.email()).id());
                }
            }
            List<Integer> missing = known(wanted, ids.sessions, sessions);
            if (missing.isEmpty()) {
                return;
            }
            selectSessions(missing);
            missing.removeIf(sessions::containsKey);
            if (missing.isEmpty()) {
                return;
            }
            // one open session per student, which the table does not enforce: as for cells
            lockCreation("'session:' || s", "unnest(?::int[]) AS s", ErrorStreaks.array(c, "integer", missing));
            selectSessions(missing);
            missing.removeIf(sessions::containsKey);
            if (missing.isEmpty()) {
                return;
            }
            refStudents.addAll(missing);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sessions (session_id, student_id, is_active)"
                    + " SELECT gen_random_uuid()::text, s, true FROM unnest(?::int[]) AS s RETURNING student_id, id")) {
                ps.setObject(1, ErrorStreaks.array(c, "integer", missing));
                readPairs(ps, sessions);
            }
        }

        private void selectSessions(List<Integer> studentIds) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT ON (student_id) student_id, id FROM sessions"
                    + " WHERE student_id = ANY(?) AND end_time IS NULL AND is_active = true ORDER BY student_id, id")) {
                ps.setObject(1, ErrorStreaks.array(c, "integer", studentIds));
                readPairs(ps, sessions);
            }
        }

        // ---- cell_executions ----------------------------------------------------------------------------------

        private Map<WorkerEvent, Boolean> insertExecutions(List<WorkerEvent> handled, CombinedStatement write)
                throws SQLException {
            List<WorkerEvent> executed = handled.stream().filter(e -> Routing.CELL_EXECUTED.equals(e.type())).toList();
            Map<WorkerEvent, Boolean> significant = new java.util.IdentityHashMap<>();
            if (executed.isEmpty()) {
                return significant;
            }
            Set<Pair> pairs = new HashSet<>();
            for (WorkerEvent e : executed) {
                pairs.add(new Pair(students.get(e.email()).id(), cells.get(cellKey(e.data())).id()));
            }
            ErrorStreaks.Session streaks = this.streaks != null ? this.streaks
                    : exclusive ? streakMemory.session(c, pairs) : ErrorStreaks.begin(c, watermark, pairs);
            this.streaks = streaks;
            int limit = threshold.current();

            int n = executed.size();
            List<Integer> rowIds = new ArrayList<>(n);
            List<String> executionUuids = new ArrayList<>(n);
            List<Integer> notebookIds = new ArrayList<>(n);
            List<Integer> cellIds = new ArrayList<>(n);
            List<Integer> studentIds = new ArrayList<>(n);
            List<Integer> sessionIds = new ArrayList<>(n);
            List<Integer> counts = new ArrayList<>(n);
            List<String> statuses = new ArrayList<>(n);
            List<Double> durations = new ArrayList<>(n);
            List<String> errors = new ArrayList<>(n);
            List<String> outputs = new ArrayList<>(n);
            List<String> codes = new ArrayList<>(n);
            List<Integer> indexes = new ArrayList<>(n);
            List<String> types = new ArrayList<>(n);
            List<Integer> consecutive = new ArrayList<>(n);
            List<Boolean> flags = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                WorkerEvent e = executed.get(i);
                EventData d = e.data();
                int student = students.get(e.email()).id();
                CellKey key = cellKey(d);
                int cell = cells.get(key).id();
                long id = executionIds.get(i);
                boolean error = Boolean.TRUE.equals(d.hasError());
                int count = streaks.record(new Pair(student, cell), id, error);
                boolean flagged = error && count >= limit;
                significant.put(e, flagged);

                rowIds.add((int) id);
                executionUuids.add(EXECUTION_IDS.generate().toString());
                notebookIds.add(key.notebookId());
                cellIds.add(cell);
                studentIds.add(student);
                sessionIds.add(sessions.get(student));
                refNotebooks.add(key.notebookId());
                refCells.add(cell);
                refStudents.add(student);
                refSessions.add(sessions.get(student));
                counts.add(d.executionCount() == null ? null : d.executionCount().intValue());
                statuses.add(error ? "error" : "success");
                Double ms = d.executionDurationMs();
                durations.add(ms == null || ms == 0 ? null : ms / 1000);
                errors.add(d.errorMessage());
                outputs.add(d.result());
                codes.add(d.code());
                indexes.add(d.cellIndex() == null ? null : d.cellIndex().intValue());
                types.add(d.cellType());
                consecutive.add(error ? count : 0);
                flags.add(flagged);
            }
            write.modify("""
                    INSERT INTO cell_executions (id, execution_id, notebook_id, cell_id, student_id, session_id, executed_at,
                        execution_count, status, duration, error_message, output, code_content, cell_index, cell_type,
                        consecutive_error_count, is_significant_error)
                    SELECT id, eid, nb, ce, st, se, clock_timestamp(), cnt, status, dur, err, out, code,
                        idx, ctype, cec, sig
                    FROM unnest(?::int[], ?::varchar[], ?::int[], ?::int[], ?::int[], ?::int[], ?::int[], ?::varchar[],
                                ?::float8[], ?::text[], ?::text[], ?::text[], ?::int[], ?::varchar[], ?::int[], ?::boolean[])
                         AS v(id, eid, nb, ce, st, se, cnt, status, dur, err, out, code, idx, ctype, cec, sig)""",
                    ErrorStreaks.array(c, "integer", rowIds), ErrorStreaks.array(c, "varchar", executionUuids),
                    ErrorStreaks.array(c, "integer", notebookIds),
                    ErrorStreaks.array(c, "integer", cellIds), ErrorStreaks.array(c, "integer", studentIds),
                    ErrorStreaks.array(c, "integer", sessionIds), ErrorStreaks.array(c, "integer", counts),
                    ErrorStreaks.array(c, "varchar", statuses), ErrorStreaks.array(c, "float8", durations),
                    ErrorStreaks.array(c, "text", errors), ErrorStreaks.array(c, "text", outputs),
                    ErrorStreaks.array(c, "text", codes), ErrorStreaks.array(c, "integer", indexes),
                    ErrorStreaks.array(c, "varchar", types), ErrorStreaks.array(c, "integer", consecutive),
                    ErrorStreaks.array(c, "boolean", flags));
            streaks.addTo(write);
            return significant;
        }

        /** An existing cell takes the code of each later execution that brings non-empty, different code. */
        private void updateCellContents(List<WorkerEvent> handled, CombinedStatement write) throws SQLException {
            Map<CellKey, String> finalContent = new LinkedHashMap<>();
            for (WorkerEvent e : handled) {
                if (!Routing.CELL_EXECUTED.equals(e.type())) {
                    continue;
                }
                CellKey key = cellKey(e.data());
                String current = finalContent.containsKey(key) ? finalContent.get(key) : cells.get(key).content();
                String code = e.data().code();
                if (WorkerEvent.truthy(code) && !code.equals(current)) {
                    finalContent.put(key, code);
                } else if (!finalContent.containsKey(key)) {
                    finalContent.put(key, current);
                }
            }
            List<Integer> cellIds = new ArrayList<>();
            List<String> contents = new ArrayList<>();
            finalContent.forEach((key, content) -> {
                Identities.Cell known = cells.get(key);
                if (!java.util.Objects.equals(known.content(), content)) {
                    cellIds.add(known.id());
                    contents.add(content);
                    cells.put(key, new Identities.Cell(known.id(), content));
                }
            });
            if (cellIds.isEmpty()) {
                return;
            }
            // no "content IS DISTINCT FROM" filter: every listed row must be there, which the count then proves (and
            // the update locks it more strongly than the foreign-key check would)
            contentUpdates = write.modify("UPDATE cells SET content = v.content FROM unnest(?::int[], ?::text[])"
                    + " AS v(id, content) WHERE cells.id = v.id",
                    ErrorStreaks.array(c, "integer", cellIds), ErrorStreaks.array(c, "text", contents));
            updatedCells.addAll(cellIds);
        }

        // ---- help / help_stop ---------------------------------------------------------------------------------

        private void updateHelp(List<WorkerEvent> handled) throws SQLException {
            Map<Integer, Boolean> flags = new TreeMap<>();
            List<String> emails = new ArrayList<>();
            List<String> kinds = new ArrayList<>();
            List<Timestamp> times = new ArrayList<>();
            for (WorkerEvent e : handled) {
                String type = e.type();
                if (!Routing.HELP.equals(type) && !Routing.HELP_STOP.equals(type)) {
                    continue;
                }
                flags.put(students.get(e.email()).id(), Routing.HELP.equals(type));
                emails.add(e.email());
                kinds.add(type);
                OffsetDateTime at = EventTime.parse(e.data().eventTime());
                times.add(at == null ? null : Timestamp.from(at.toInstant()));
            }
            if (flags.isEmpty()) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE students SET is_requesting_help = v.f, updated_at = now()"
                    + " FROM unnest(?::int[], ?::boolean[]) AS v(id, f) WHERE students.id = v.id")) {
                ps.setObject(1, ErrorStreaks.array(c, "integer", new ArrayList<>(flags.keySet())));
                ps.setObject(2, ErrorStreaks.array(c, "boolean", new ArrayList<>(flags.values())));
                ps.executeUpdate();
            }
            // the dashboard's help window: the event time like the legacy's InfluxDB point, else now
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cutover_help_events (student_email, kind, occurred_at, source)"
                    + " SELECT e, k, coalesce(t, clock_timestamp()), 'worker'"
                    + " FROM unnest(?::varchar[], ?::varchar[], ?::timestamptz[]) AS v(e, k, t)")) {
                ps.setObject(1, ErrorStreaks.array(c, "varchar", emails));
                ps.setObject(2, ErrorStreaks.array(c, "varchar", kinds));
                ps.setObject(3, ErrorStreaks.array(c, "timestamptz", times));
                ps.executeUpdate();
            }
        }

        // ---- instructor handlers (only reachable through messages published to Redis directly) ----------------

        // ---- helpers ------------------------------------------------------------------------------------------

        /** Copies what the cache knows of {@code keys} into this transaction's map; returns the keys it does not know. */
        private static <K, V> List<K> known(java.util.Collection<K> keys, Map<K, V> cache, Map<K, V> into) {
            List<K> missing = new ArrayList<>();
            for (K key : keys) {
                V value = cache.get(key);
                if (value != null) {
                    into.put(key, value);
                } else {
                    missing.add(key);
                }
            }
            return missing;
        }

        private void readNamed(String select, Set<String> keys, Map<String, Integer> into) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(select)) {
                ps.setObject(1, ErrorStreaks.array(c, "varchar", new ArrayList<>(keys)));
                readIds(ps, into);
            }
        }

        private static void readIds(PreparedStatement ps, Map<String, Integer> into) throws SQLException {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    into.put(rs.getString(2), rs.getInt(1));
                }
            }
        }

        private static void readPairs(PreparedStatement ps, Map<Integer, Integer> into) throws SQLException {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    into.putIfAbsent(rs.getInt(1), rs.getInt(2));
                }
            }
        }

        /** After the commit: what this transaction resolved is safe to remember. */
        void remember() {
            teams.forEach(ids::rememberTeam);
            students.forEach(ids::rememberStudent);
            notebooks.forEach(ids::rememberNotebook);
            cells.forEach(ids::rememberCell);
            sessions.forEach(ids::rememberSession);
        }
    }
}
