package dev.cellmonitor.cutover.backend.monitoring.instructorws;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The status change in SQL, for the instructor socket, until the admin group's status service is on main
 * (the same statements: close the open history row, open a new one, update the instructor, under a row lock).
 */
@Component
class SqlStatusChanges implements StatusChanges {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    SqlStatusChanges(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public void change(int instructorId, String status, Integer sessionId) {
        String stored = status.toUpperCase(Locale.ROOT);
        boolean marksLogin = stored.equals("AVAILABLE") || stored.equals("IN_SESSION");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        try {
            transactions.executeWithoutResult(tx -> {
                if (jdbc.queryForList("SELECT id FROM instructors WHERE id = ? FOR UPDATE", Integer.class, instructorId).isEmpty()) {
                    throw new StatusChangeFailed("Instructor not found");
                }
                if (sessionId != null && jdbc.queryForList("SELECT id FROM sessions WHERE id = ?", Integer.class, sessionId).isEmpty()) {
                    throw new StatusChangeFailed("Session not found");
                }
                jdbc.update("""
                        UPDATE instructor_status_history
                           SET ended_at = ?, duration_minutes = trunc(extract(epoch FROM (?::timestamptz - started_at)) / 60)
                         WHERE instructor_id = ? AND ended_at IS NULL""", now, now, instructorId);
                jdbc.update("INSERT INTO instructor_status_history (instructor_id, status, started_at) VALUES (?, ?::instructorstatus, ?)",
                        instructorId, stored, now);
                jdbc.update("""
                        UPDATE instructors
                           SET status = ?::instructorstatus, current_session_id = ?, status_updated_at = ?,
                               last_login_at = CASE WHEN ? THEN ?::timestamptz ELSE last_login_at END, updated_at = now()
                         WHERE id = ?""", stored, sessionId, now, marksLogin, now, instructorId);
            });
        } catch (DataAccessException e) {
            throw new StatusChangeFailed(e.getMostSpecificCause().getMessage());
        }
    }
}
