package dev.cellmonitor.cutover.backend.monitoring.instructorws;

import org.springframework.jdbc.core.JdbcTemplate;

/** Instructors as the legacy's seed script makes them (status offline, no history). */
public final class InstructorSeed {

    private InstructorSeed() {
    }

    public static int insert(JdbcTemplate jdbc, String email, boolean active) {
        return jdbc.queryForObject("""
                INSERT INTO instructors (email, password_hash, name, role, is_active, status, status_updated_at, created_at)
                VALUES (?, '$2b$12$notarealhashnotarealhashnotarealhashnotarealhashnot', 'テスト講師', 'instructor', ?,
                        'OFFLINE', now(), now()) RETURNING id""", Integer.class, email, active);
    }
}
