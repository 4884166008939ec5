package dev.cellmonitor.cutover.backend.monitoring.dashboard;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

/**
 * Keeps the dashboard's read model ({@code cutover_dash_*}, V50) in step with {@code cell_executions} by
 * following its primary key, so rows written by either worker are counted. Each pass runs in one transaction
 * that also moves the high-water mark, under a row lock that lets one replica at a time apply a batch.
 * <p>
 * Ids are assigned before commit, so a row can become visible after rows with larger ids: every id skipped
 * below the high-water mark is kept as a gap and rechecked on each pass until it shows up or is older than
 * {@code gap-timeout} (a sequence value that was never used). Readers add the rows above the mark and in the
 * gaps themselves ({@link DashboardQueries}), so what they show is exact even between passes.
 */
@Component
class ExecutionTailer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExecutionTailer.class);
    static final String NAME = "cell_executions";
    private static final int MAX_NEW_GAPS = 50_000;
    private static final long BUCKET_SECONDS = 300;

    private final DashboardDatabase database;
    private final DashboardProperties properties;
    private volatile boolean running;
    private Thread loop;

    ExecutionTailer(DashboardDatabase database, DashboardProperties properties) {
        this.database = database;
        this.properties = properties;
    }

    private record Row(long id, int studentId, int notebookId, OffsetDateTime executedAt, boolean error,
                       Double duration, boolean significant) {
    }

    /** One pass; the number of executions applied (0 when caught up or another replica holds the lock). */
    int pass() {
        return pass(true);
    }

    private int pass(boolean skipIfBusy) {
        Integer applied = database.transactions().execute(tx -> {
            NamedParameterJdbcTemplate jdbc = database.jdbc();
            List<Long> mark = jdbc.queryForList(
                    "SELECT high_water FROM cutover_dash_tailer WHERE name = :name FOR UPDATE"
                            + (skipIfBusy ? " SKIP LOCKED" : ""),
                    Map.of("name", NAME), Long.class);
            if (mark.isEmpty()) {
                // locked by another replica, or the row is gone (the whole schema was emptied): put it back
                jdbc.update("INSERT INTO cutover_dash_tailer (name) VALUES (:name) ON CONFLICT DO NOTHING", Map.of("name", NAME));
                return 0;
            }
            long highWater = rewindIfEmptied(jdbc, mark.get(0));
            List<Row> fresh = jdbc.query("""
                    SELECT id, student_id, notebook_id, executed_at, status, duration, is_significant_error
                    FROM cell_executions WHERE id > :hw ORDER BY id LIMIT :n""",
                    Map.of("hw", highWater, "n", properties.tailerBatchSize()), ExecutionTailer::row);
            List<Row> late = jdbc.query("""
                    SELECT id, student_id, notebook_id, executed_at, status, duration, is_significant_error
                    FROM cell_executions WHERE id IN (SELECT execution_id FROM cutover_dash_tailer_gaps)""",
                    Map.of(), ExecutionTailer::row);
            List<Row> rows = new ArrayList<>(fresh);
            rows.addAll(late);
            apply(jdbc, rows);
            if (!late.isEmpty()) {
                jdbc.update("DELETE FROM cutover_dash_tailer_gaps WHERE execution_id IN (:ids)",
                        Map.of("ids", late.stream().map(Row::id).toList()));
            }
            jdbc.update("DELETE FROM cutover_dash_tailer_gaps WHERE noticed_at < now() - make_interval(secs => :s)",
                    Map.of("s", properties.gapTimeout().toSeconds()));
            if (!fresh.isEmpty()) {
                long top = fresh.get(fresh.size() - 1).id();
                recordGaps(jdbc, highWater, fresh, top);
                jdbc.update("UPDATE cutover_dash_tailer SET high_water = :top, updated_at = now() WHERE name = :name",
                        Map.of("top", top, "name", NAME));
            }
            return rows.size();
        });
        return applied == null ? 0 : applied;
    }

    /**
     * When {@code cell_executions} was emptied or restarted below the mark (a reset of the legacy tables), the
     * read model describes rows that are gone: start it again from nothing.
     */
    private long rewindIfEmptied(NamedParameterJdbcTemplate jdbc, long highWater) {
        Long top = jdbc.queryForObject("SELECT max(id) FROM cell_executions", Map.of(), Long.class);
        if (highWater == 0 || (top != null && top >= highWater)) {
            return highWater;
        }
        log.warn("cell_executions ends below the dashboard tailer's mark ({} < {}): rebuilding the read model", top, highWater);
        jdbc.update("""
                TRUNCATE cutover_dash_tailer_gaps, cutover_dash_student_stats, cutover_dash_significant,
                    cutover_dash_student_executions, cutover_dash_activity""", Map.of());
        jdbc.update("UPDATE cutover_dash_tailer SET high_water = 0, updated_at = now() WHERE name = :name", Map.of("name", NAME));
        return 0;
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        Object duration = rs.getObject("duration");
        return new Row(rs.getLong("id"), rs.getInt("student_id"), rs.getInt("notebook_id"),
                rs.getObject("executed_at", OffsetDateTime.class), "error".equals(rs.getString("status")),
                duration == null ? null : ((Number) duration).doubleValue(), rs.getBoolean("is_significant_error"));
    }

    private void recordGaps(NamedParameterJdbcTemplate jdbc, long highWater, List<Row> fresh, long top) {
        Set<Long> seen = new HashSet<>();
        fresh.forEach(r -> seen.add(r.id()));
        List<Long> gaps = new ArrayList<>();
        for (long id = highWater + 1; id < top; id++) {
            if (!seen.contains(id)) {
                if (gaps.size() == MAX_NEW_GAPS) {
                    log.warn("more than {} unused execution ids below {}: not awaiting the rest", MAX_NEW_GAPS, top);
                    break;
                }
                gaps.add(id);
            }
        }
        if (!gaps.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO cutover_dash_tailer_gaps (execution_id) VALUES (:id) ON CONFLICT DO NOTHING",
                    gaps.stream().map(id -> new MapSqlParameterSource("id", id)).toArray(SqlParameterSource[]::new));
        }
    }

    private static final class StudentDelta {
        long executions;
        long errors;
        Row newest;
    }

    private static final class BucketDelta {
        long executions;
        long errors;
        double durationSum;
        long durationCount;
    }

    private void apply(NamedParameterJdbcTemplate jdbc, List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Map<Integer, StudentDelta> students = new LinkedHashMap<>();
        Map<Long, BucketDelta> buckets = new HashMap<>();
        for (Row row : rows) {
            StudentDelta s = students.computeIfAbsent(row.studentId(), k -> new StudentDelta());
            s.executions++;
            s.errors += row.error() ? 1 : 0;
            if (s.newest == null || newer(row, s.newest)) {
                s.newest = row;
            }
            if (row.executedAt() != null) {
                long bucket = Math.floorDiv(row.executedAt().toEpochSecond(), BUCKET_SECONDS) * BUCKET_SECONDS;
                BucketDelta b = buckets.computeIfAbsent(bucket, k -> new BucketDelta());
                b.executions++;
                b.errors += row.error() ? 1 : 0;
                if (row.duration() != null && row.duration() > 0) {
                    b.durationSum += row.duration();
                    b.durationCount++;
                }
            }
        }
        // one statement per table and pass: a row per statement cost more than the worker's own insert
        insertPerExecution(jdbc, """
                INSERT INTO cutover_dash_student_executions (student_id, execution_id, executed_at)
                SELECT * FROM unnest(?::int[], ?::bigint[], ?::timestamptz[])""", rows);
        List<Row> flagged = rows.stream().filter(Row::significant).toList();
        if (!flagged.isEmpty()) {
            insertPerExecution(jdbc, """
                    INSERT INTO cutover_dash_significant (student_id, execution_id, executed_at)
                    SELECT * FROM unnest(?::int[], ?::bigint[], ?::timestamptz[]) ON CONFLICT DO NOTHING""", flagged);
        }
        jdbc.batchUpdate("""
                INSERT INTO cutover_dash_student_stats AS s
                    (student_id, executions, errors, last_executed_at, last_execution_id, last_notebook_id)
                VALUES (:student, :executions, :errors, :at, :id, :notebook)
                ON CONFLICT (student_id) DO UPDATE SET
                    executions = s.executions + EXCLUDED.executions,
                    errors = s.errors + EXCLUDED.errors,
                    last_executed_at = CASE WHEN %1$s THEN EXCLUDED.last_executed_at ELSE s.last_executed_at END,
                    last_notebook_id = CASE WHEN %1$s THEN EXCLUDED.last_notebook_id ELSE s.last_notebook_id END,
                    last_execution_id = CASE WHEN %1$s THEN EXCLUDED.last_execution_id ELSE s.last_execution_id END
                """.formatted("""
                (s.last_execution_id IS NULL
                 OR coalesce(EXCLUDED.last_executed_at, '-infinity') > coalesce(s.last_executed_at, '-infinity')
                 OR (coalesce(EXCLUDED.last_executed_at, '-infinity') = coalesce(s.last_executed_at, '-infinity')
                     AND EXCLUDED.last_execution_id > s.last_execution_id))"""),
                students.entrySet().stream().map(e -> new MapSqlParameterSource()
                        .addValue("student", e.getKey()).addValue("executions", e.getValue().executions)
                        .addValue("errors", e.getValue().errors).addValue("at", e.getValue().newest.executedAt())
                        .addValue("id", e.getValue().newest.id()).addValue("notebook", e.getValue().newest.notebookId()))
                        .toArray(SqlParameterSource[]::new));
        jdbc.batchUpdate("""
                INSERT INTO cutover_dash_activity AS a (bucket_start, executions, errors, duration_sum, duration_count)
                VALUES (to_timestamp(:bucket), :executions, :errors, :sum, :count)
                ON CONFLICT (bucket_start) DO UPDATE SET
                    executions = a.executions + EXCLUDED.executions,
                    errors = a.errors + EXCLUDED.errors,
                    duration_sum = a.duration_sum + EXCLUDED.duration_sum,
                    duration_count = a.duration_count + EXCLUDED.duration_count""",
                buckets.entrySet().stream().map(e -> new MapSqlParameterSource()
                        .addValue("bucket", e.getKey()).addValue("executions", e.getValue().executions)
                        .addValue("errors", e.getValue().errors).addValue("sum", e.getValue().durationSum)
                        .addValue("count", e.getValue().durationCount))
                        .toArray(SqlParameterSource[]::new));
    }

    /**
     * Inserts (student, execution, executed_at) of every row with one statement over three arrays; the ids as Java
     * arrays, which pgJDBC sends in binary (no array literal for PostgreSQL to parse).
     */
    private static void insertPerExecution(NamedParameterJdbcTemplate jdbc, String sql, List<Row> rows) {
        jdbc.getJdbcOperations().update(connection -> {
            java.sql.PreparedStatement ps = connection.prepareStatement(sql);
            ps.setObject(1, rows.stream().map(Row::studentId).toArray(Integer[]::new));
            ps.setObject(2, rows.stream().map(Row::id).toArray(Long[]::new));
            ps.setArray(3, connection.createArrayOf("timestamptz", rows.stream()
                    .map(r -> r.executedAt() == null ? null : r.executedAt().toString()).toArray()));
            return ps;
        });
    }

    private static boolean newer(Row a, Row b) {
        if (a.executedAt() == null || b.executedAt() == null) {
            return b.executedAt() == null && (a.executedAt() != null || a.id() > b.id());
        }
        int byTime = a.executedAt().compareTo(b.executedAt());
        return byTime > 0 || (byTime == 0 && a.id() > b.id());
    }

    /** Passes until nothing is left above the mark, waiting for another replica's pass if need be. */
    int catchUp() {
        int total = 0;
        int applied;
        do {
            applied = pass(false);
            total += applied;
        } while (applied >= properties.tailerBatchSize());
        return total;
    }

    /** Forgets flagged executions that were resolved meanwhile (also by the legacy's resolve-error). */
    int pruneResolved() {
        return database.jdbc().update("""
                DELETE FROM cutover_dash_significant g USING cell_executions e
                WHERE e.id = g.execution_id AND NOT coalesce(e.is_significant_error, false)""", Map.of());
    }

    private void run() {
        long minute = java.time.Duration.ofMinutes(1).toNanos();
        long lastPrune = System.nanoTime() - minute;
        while (running) {
            try {
                if (System.nanoTime() - lastPrune >= minute) {
                    pruneResolved();
                    lastPrune = System.nanoTime();
                }
                int applied = pass();
                if (applied < properties.tailerBatchSize()) {
                    Thread.sleep(properties.tailerInterval());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("dashboard tailer pass failed: {}", e.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    @Override
    public void start() {
        if (!properties.tailerEnabled()) {
            return;
        }
        running = true;
        loop = Thread.ofVirtual().name("dashboard-tailer").start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        if (loop != null) {
            loop.interrupt();
            try {
                loop.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
