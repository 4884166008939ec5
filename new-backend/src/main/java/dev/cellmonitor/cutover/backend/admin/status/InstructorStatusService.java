package dev.cellmonitor.cutover.backend.admin.status;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.cellmonitor.cutover.backend.web.ApiException;

/**
 * Instructor status changes with the legacy's side effects, and the status reads. Every writer of an instructor's
 * status (login, logout, the status routes, bulk updates, the instructor WebSocket) goes through
 * {@link #changeStatus}, so the history stays consistent whoever changes it.
 */
@Service
public class InstructorStatusService {

    static final String INSTRUCTOR_NOT_FOUND = "Instructor not found";
    static final String SESSION_NOT_FOUND = "Session not found";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    @Autowired
    public InstructorStatusService(JdbcTemplate jdbc) {
        this(jdbc, Clock.systemUTC());
    }

    InstructorStatusService(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Sets an instructor's status, in one transaction: closes the open history row ({@code ended_at} = now,
     * {@code duration_minutes} = whole elapsed minutes), opens a new one, and updates {@code instructors.status},
     * {@code current_session_id} (null when not given), {@code status_updated_at} (and {@code last_login_at} for
     * available/in-session). Changes of one instructor are serialised by a row lock.
     *
     * @param sessionId a {@code sessions.id}, or null
     * @return the status after the change
     * @throws ApiException 404 {@code Instructor not found} or 404 {@code Session not found}; nothing is written then
     */
    @Transactional
    public StatusSnapshot changeStatus(int instructorId, InstructorStatus status, Integer sessionId) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        if (jdbc.queryForList("SELECT id FROM instructors WHERE id = ? FOR UPDATE", Integer.class, instructorId).isEmpty()) {
            throw ApiException.notFound(INSTRUCTOR_NOT_FOUND);
        }
        if (sessionId != null && !sessionExists(sessionId)) {
            throw ApiException.notFound(SESSION_NOT_FOUND);
        }
        jdbc.update("""
                UPDATE instructor_status_history
                   SET ended_at = ?::timestamptz,
                       duration_minutes = trunc(extract(epoch FROM (?::timestamptz - started_at)) / 60)
                 WHERE instructor_id = ? AND ended_at IS NULL""", now, now, instructorId);
        jdbc.update("INSERT INTO instructor_status_history (instructor_id, status, started_at) "
                + "VALUES (?, ?::instructorstatus, ?::timestamptz)", instructorId, status.databaseName(), now);
        try {
            return jdbc.queryForObject("""
                    UPDATE instructors
                       SET status = ?::instructorstatus, current_session_id = ?, status_updated_at = ?::timestamptz,
                           last_login_at = CASE WHEN ? THEN ?::timestamptz ELSE last_login_at END, updated_at = now()
                     WHERE id = ?
                 RETURNING id, status::text AS status, current_session_id, status_updated_at""",
                    InstructorStatusService::snapshot,
                    status.databaseName(), sessionId, now, status.marksLogin(), now, instructorId);
        } catch (DataIntegrityViolationException e) {
            // the session was deleted after the check above
            throw ApiException.notFound(SESSION_NOT_FOUND);
        }
    }

    /**
     * The legacy worker's pick for {@code instructor_assignment}: the first of up to 10 active instructors (database
     * order) whose status is available; empty when none of those is.
     */
    @Transactional(readOnly = true)
    public Optional<Integer> firstAvailable() {
        return jdbc.query("SELECT id, status::text AS status FROM instructors WHERE is_active = true LIMIT 10",
                        (rs, row) -> InstructorStatus.AVAILABLE.databaseName().equals(rs.getString("status")) ? rs.getInt("id") : null)
                .stream().filter(java.util.Objects::nonNull).findFirst();
    }

    /** An instructor's current status (active or not); empty when there is no such instructor. */
    @Transactional(readOnly = true)
    public Optional<StatusSnapshot> current(long instructorId) {
        return jdbc.query("SELECT id, status::text AS status, current_session_id, status_updated_at FROM instructors WHERE id = ?",
                InstructorStatusService::snapshot, instructorId).stream().findFirst();
    }

    /** History rows newest first; empty when there is no such instructor. */
    @Transactional(readOnly = true)
    public Optional<List<StatusHistoryEntry>> history(long instructorId, long skip, long limit) {
        if (current(instructorId).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(jdbc.query("""
                SELECT id, instructor_id, status::text AS status, started_at, ended_at, duration_minutes
                  FROM instructor_status_history
                 WHERE instructor_id = ?
                 ORDER BY started_at DESC, id DESC
                OFFSET ? LIMIT ?""", (rs, n) -> new StatusHistoryEntry(rs.getInt("id"), rs.getInt("instructor_id"),
                InstructorStatus.fromDatabase(rs.getString("status")), instant(rs, "started_at"), instant(rs, "ended_at"),
                (Integer) rs.getObject("duration_minutes")), instructorId, skip, limit));
    }

    /** Whether a {@code sessions} row with this id exists (the FK target of {@code current_session_id}). */
    public boolean sessionExists(long sessionId) {
        return !jdbc.queryForList("SELECT 1 FROM sessions WHERE id = ?", Integer.class, sessionId).isEmpty();
    }

    private static StatusSnapshot snapshot(ResultSet rs, int row) throws SQLException {
        return new StatusSnapshot(rs.getInt("id"), InstructorStatus.fromDatabase(rs.getString("status")),
                (Integer) rs.getObject("current_session_id"), instant(rs, "status_updated_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
