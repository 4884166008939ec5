package dev.cellmonitor.cutover.backend.core.worker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The worker's instructor handlers ({@code student_session_start}, {@code instructor_assignment}): set an instructor
 * {@code in_session} with the legacy's status-change side effects (CONTRACT.md §2.15): close the open history row,
 * open a new one, update the instructor.
 */
final class InstructorStatus {

    private InstructorStatus() {
    }

    /** The first of up to 10 active instructors (database order) that is available, if any. */
    static Integer firstAvailable(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, status::text FROM instructors WHERE is_active = true LIMIT 10");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if ("AVAILABLE".equals(rs.getString(2))) {
                    return rs.getInt(1);
                }
            }
        }
        return null;
    }

    static void startSession(Connection c, int instructorId) throws SQLException {
        try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM instructors WHERE id = ? FOR UPDATE")) {
            exists.setInt(1, instructorId);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
            }
        }
        try (PreparedStatement close = c.prepareStatement("""
                UPDATE instructor_status_history SET ended_at = now(),
                       duration_minutes = floor(extract(epoch FROM now() - started_at) / 60)::int
                WHERE id = (SELECT id FROM instructor_status_history WHERE instructor_id = ? AND ended_at IS NULL
                            ORDER BY id LIMIT 1)""");
             PreparedStatement open = c.prepareStatement("INSERT INTO instructor_status_history (instructor_id, status, started_at)"
                     + " VALUES (?, 'IN_SESSION', now())");
             PreparedStatement update = c.prepareStatement("UPDATE instructors SET status = 'IN_SESSION', current_session_id = NULL,"
                     + " status_updated_at = now(), last_login_at = now(), updated_at = now() WHERE id = ?")) {
            close.setInt(1, instructorId);
            close.executeUpdate();
            open.setInt(1, instructorId);
            open.executeUpdate();
            update.setInt(1, instructorId);
            update.executeUpdate();
        }
    }
}
