package dev.cellmonitor.cutover.backend.monitoring.dashboard;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The dashboard's SQL: set-based reads of the read model plus the executions the tailer has not applied yet
 * ("pending": above the high-water mark or in its gaps, both found through the primary key), so answers are
 * exact at any moment and never scan {@code cell_executions}.
 */
@Component
class DashboardQueries {

    /** Executions not in the read model yet; two primary-key lookups, never a scan. */
    private static final String PENDING = """
            mark AS (SELECT high_water FROM cutover_dash_tailer WHERE name = 'cell_executions'),
            pending AS (
                SELECT e.id, e.student_id, e.notebook_id, e.cell_id, e.executed_at, e.status, e.duration,
                       e.is_significant_error, e.consecutive_error_count
                FROM cell_executions e WHERE e.id > coalesce((SELECT high_water FROM mark), 0)
                UNION ALL
                SELECT e.id, e.student_id, e.notebook_id, e.cell_id, e.executed_at, e.status, e.duration,
                       e.is_significant_error, e.consecutive_error_count
                FROM cell_executions e WHERE e.id IN (SELECT execution_id FROM cutover_dash_tailer_gaps)
            )""";

    private final DashboardDatabase database;

    DashboardQueries(DashboardDatabase database) {
        this.database = database;
    }

    private NamedParameterJdbcTemplate jdbc() {
        return database.jdbc();
    }

    record FlaggedRow(long id, int cellId, Instant executedAt, int consecutiveCount) {
    }

    /** A student with the 10 newest executions whose significant-error flag is set, newest first. */
    record StudentRow(int id, String email, String name, String teamName, OffsetDateTime latestSessionStart,
                      long executions, long errors, String currentNotebook, boolean requestingHelp,
                      List<FlaggedRow> flagged) {
    }

    /**
     * Every student with what the overview shows, in one statement: help requests decided by the newest
     * help/help_stop since {@code helpSince}, counts from the read model plus the pending rows.
     */
    List<StudentRow> students(Instant helpSince) {
        return jdbc().query("WITH " + PENDING + """
                ,
                pending_stats AS (
                    SELECT student_id, count(*) AS executions, count(*) FILTER (WHERE status = 'error') AS errors
                    FROM pending GROUP BY student_id
                ),
                pending_newest AS (
                    SELECT DISTINCT ON (student_id) student_id, executed_at, id, notebook_id
                    FROM pending ORDER BY student_id, executed_at DESC NULLS LAST, id DESC
                ),
                latest_session AS (
                    SELECT student_id, max(start_time) AS started FROM sessions GROUP BY student_id
                ),
                help AS (
                    SELECT DISTINCT ON (student_email) student_email, kind
                    FROM cutover_help_events WHERE occurred_at >= :helpSince
                    ORDER BY student_email, occurred_at DESC, id DESC
                ),
                flagged AS (
                    SELECT e.id, e.student_id, e.cell_id, e.executed_at, e.consecutive_error_count
                    FROM cutover_dash_significant g JOIN cell_executions e ON e.id = g.execution_id
                    WHERE e.is_significant_error
                    UNION
                    SELECT p.id, p.student_id, p.cell_id, p.executed_at, p.consecutive_error_count
                    FROM pending p WHERE p.is_significant_error
                ),
                ranked AS (
                    SELECT f.*, row_number() OVER (PARTITION BY student_id
                                                   ORDER BY executed_at DESC NULLS LAST, id DESC) AS rn
                    FROM flagged f
                ),
                newest_flagged AS (
                    SELECT student_id,
                           string_agg(concat_ws(',', id, cell_id, coalesce(consecutive_error_count, 0),
                                                (extract(epoch FROM executed_at) * 1000000)::bigint), ';' ORDER BY rn) AS rows
                    FROM ranked WHERE rn <= 10 GROUP BY student_id
                )
                SELECT s.id, s.email, s.name, t.team_name, ls.started,
                       coalesce(st.executions, 0) + coalesce(ps.executions, 0) AS executions,
                       coalesce(st.errors, 0) + coalesce(ps.errors, 0) AS errors,
                       (SELECT n.path FROM notebooks n WHERE n.id = CASE
                            WHEN pn.id IS NOT NULL AND (st.last_execution_id IS NULL
                                 OR coalesce(pn.executed_at, '-infinity') > coalesce(st.last_executed_at, '-infinity')
                                 OR (coalesce(pn.executed_at, '-infinity') = coalesce(st.last_executed_at, '-infinity')
                                     AND pn.id > st.last_execution_id))
                            THEN pn.notebook_id ELSE st.last_notebook_id END) AS notebook,
                       coalesce(h.kind = 'help', false) AS help,
                       nf.rows AS flagged
                FROM students s
                LEFT JOIN teams t ON t.id = s.team_id
                LEFT JOIN latest_session ls ON ls.student_id = s.id
                LEFT JOIN cutover_dash_student_stats st ON st.student_id = s.id
                LEFT JOIN pending_stats ps ON ps.student_id = s.id
                LEFT JOIN pending_newest pn ON pn.student_id = s.id
                LEFT JOIN help h ON h.student_email = s.email
                LEFT JOIN newest_flagged nf ON nf.student_id = s.id
                ORDER BY s.id""", Map.of("helpSince", utc(helpSince)), (rs, n) -> new StudentRow(
                rs.getInt("id"), rs.getString("email"), rs.getString("name"), rs.getString("team_name"),
                rs.getObject("started", OffsetDateTime.class), rs.getLong("executions"), rs.getLong("errors"),
                rs.getString("notebook"), rs.getBoolean("help"), flagged(rs.getString("flagged"))));
    }

    private static List<FlaggedRow> flagged(String rows) {
        if (rows == null || rows.isEmpty()) {
            return List.of();
        }
        List<FlaggedRow> result = new java.util.ArrayList<>();
        for (String row : rows.split(";")) {
            String[] f = row.split(",");
            long micros = Long.parseLong(f[3]);
            result.add(new FlaggedRow(Long.parseLong(f[0]), Integer.parseInt(f[1]),
                    Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L),
                    Integer.parseInt(f[2])));
        }
        return result;
    }

    record Bucket(Instant start, long executions, long errors, double durationSum, long durationCount) {
    }

    record Activity(List<Bucket> buckets, List<Instant> helpRequests) {
    }

    /** Executions per 5-minute bucket from {@code bucketsFrom} on, and the help requests since {@code helpFrom}. */
    Activity activity(Instant bucketsFrom, Instant helpFrom) {
        List<Bucket> buckets = new java.util.ArrayList<>();
        List<Instant> helps = new java.util.ArrayList<>();
        jdbc().query("WITH " + PENDING + """
                SELECT false AS help, bucket_start, sum(executions) AS executions, sum(errors) AS errors,
                       sum(duration_sum) AS duration_sum, sum(duration_count) AS duration_count
                FROM (
                    SELECT bucket_start, executions, errors, duration_sum, duration_count
                    FROM cutover_dash_activity WHERE bucket_start >= :from
                    UNION ALL
                    SELECT to_timestamp(floor(extract(epoch FROM executed_at) / 300) * 300), count(*),
                           count(*) FILTER (WHERE status = 'error'), coalesce(sum(duration) FILTER (WHERE duration > 0), 0),
                           count(*) FILTER (WHERE duration > 0)
                    FROM pending WHERE executed_at >= :from GROUP BY 1
                ) b
                GROUP BY bucket_start
                UNION ALL
                SELECT true, occurred_at, 0, 0, 0, 0 FROM cutover_help_events WHERE kind = 'help' AND occurred_at >= :helpFrom
                ORDER BY 2""", Map.of("from", utc(bucketsFrom), "helpFrom", utc(helpFrom)), rs -> {
            Instant at = rs.getObject("bucket_start", OffsetDateTime.class).toInstant();
            if (rs.getBoolean("help")) {
                helps.add(at);
            } else {
                buckets.add(new Bucket(at, rs.getLong("executions"), rs.getLong("errors"), rs.getDouble("duration_sum"),
                        rs.getLong("duration_count")));
            }
        });
        return new Activity(buckets, helps);
    }

    /** Students with an execution since {@code from}. */
    long activeUsers(Instant from) {
        Long n = jdbc().queryForObject("WITH " + PENDING + """
                SELECT count(*) FROM (
                    SELECT student_id FROM cutover_dash_student_stats WHERE last_executed_at >= :from
                    UNION
                    SELECT student_id FROM pending WHERE executed_at >= :from
                ) u""", Map.of("from", utc(from)), Long.class);
        return n == null ? 0 : n;
    }

    long totalStudents() {
        Long n = jdbc().queryForObject("SELECT count(*) FROM students", Map.of(), Long.class);
        return n == null ? 0 : n;
    }

    /** Sessions without an end that started since {@code since}. */
    long activeSessions(Instant since) {
        Long n = jdbc().queryForObject("SELECT count(*) FROM sessions WHERE end_time IS NULL AND start_time >= :since",
                Map.of("since", utc(since)), Long.class);
        return n == null ? 0 : n;
    }

    record Student(int id, String email, String name, String teamName) {
    }

    Optional<Student> student(String email) {
        return jdbc().query("""
                SELECT s.id, s.email, s.name, t.team_name FROM students s LEFT JOIN teams t ON t.id = s.team_id
                WHERE s.email = :email""", Map.of("email", email),
                (rs, n) -> new Student(rs.getInt("id"), rs.getString("email"), rs.getString("name"),
                        rs.getString("team_name"))).stream().findFirst();
    }

    record Execution(int cellId, Double duration, String status, OffsetDateTime executedAt, String output,
                     String errorMessage, String code, Integer cellIndex, String cellType, Integer executionCount) {
    }

    /** The student's newest executions (by execution time). */
    List<Execution> recentExecutions(int studentId, int limit) {
        return jdbc().query("WITH " + PENDING + """
                ,
                candidates AS (
                    (SELECT execution_id AS id FROM cutover_dash_student_executions WHERE student_id = :student
                     ORDER BY executed_at DESC NULLS LAST, execution_id DESC LIMIT :limit)
                    UNION
                    SELECT id FROM pending WHERE student_id = :student
                )
                SELECT e.cell_id, e.duration, e.status, e.executed_at, e.output, e.error_message, e.code_content,
                       e.cell_index, e.cell_type, e.execution_count
                FROM cell_executions e WHERE e.id IN (SELECT id FROM candidates)
                ORDER BY e.executed_at DESC NULLS LAST, e.id DESC LIMIT :limit""",
                new MapSqlParameterSource().addValue("student", studentId).addValue("limit", limit),
                (rs, n) -> new Execution(rs.getInt("cell_id"), (Double) rs.getObject("duration"), rs.getString("status"),
                        rs.getObject("executed_at", OffsetDateTime.class), rs.getString("output"),
                        rs.getString("error_message"), rs.getString("code_content"), (Integer) rs.getObject("cell_index"),
                        rs.getString("cell_type"), (Integer) rs.getObject("execution_count")));
    }

    record SessionRow(int id, String sessionId, OffsetDateTime start, OffsetDateTime end, Boolean active) {
    }

    List<SessionRow> sessions(int studentId, int limit) {
        return jdbc().query("""
                SELECT id, session_id, start_time, end_time, is_active FROM sessions WHERE student_id = :student
                ORDER BY start_time DESC NULLS LAST LIMIT :limit""",
                new MapSqlParameterSource().addValue("student", studentId).addValue("limit", limit),
                (rs, n) -> new SessionRow(rs.getInt("id"), rs.getString("session_id"),
                        rs.getObject("start_time", OffsetDateTime.class), rs.getObject("end_time", OffsetDateTime.class),
                        (Boolean) rs.getObject("is_active")));
    }

    /** The legacy's help_stop of dismiss-help, as a help event. */
    void recordHelpStop(String email) {
        jdbc().update("""
                INSERT INTO cutover_help_events (student_email, kind, occurred_at, source)
                VALUES (:email, 'help_stop', now(), 'dismiss-help')""", Map.of("email", email));
    }

    /**
     * The legacy's resolve-error: the student's flagged executions get count 0 and flag false. The flagged rows
     * are found through the read model and the pending rows, which together hold every flagged row.
     */
    int resolveSignificantErrors(int studentId) {
        Integer updated = database.transactions().execute(tx -> {
            int n = jdbc().update("WITH " + PENDING + """
                    UPDATE cell_executions SET consecutive_error_count = 0, is_significant_error = false
                    WHERE id IN (
                        SELECT execution_id FROM cutover_dash_significant WHERE student_id = :student
                        UNION ALL
                        SELECT id FROM pending WHERE student_id = :student
                    ) AND is_significant_error""", Map.of("student", studentId));
            jdbc().update("""
                    DELETE FROM cutover_dash_significant g USING cell_executions e
                    WHERE g.student_id = :student AND e.id = g.execution_id AND NOT coalesce(e.is_significant_error, false)""",
                    Map.of("student", studentId));
            return n;
        });
        return updated == null ? 0 : updated;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
