package dev.cellmonitor.cutover.backend.admin.instructors;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import dev.cellmonitor.cutover.backend.admin.status.InstructorStatus;

/**
 * The {@code instructors} table. Writes keep the legacy ORM's habits: {@code updated_at} moves only when a
 * value really changes, a missing role becomes {@code instructor}, new instructors start offline and active.
 * Status columns are written only by {@link dev.cellmonitor.cutover.backend.admin.status.InstructorStatusService}.
 */
@Repository
public class Instructors {

    private static final String COLUMNS = "id, email, name, role, is_active, status::text AS status, current_session_id, "
            + "status_updated_at, last_login_at, created_at, updated_at";

    private final JdbcTemplate jdbc;

    public Instructors(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Instructor> findById(long id) {
        return first(jdbc.query("SELECT " + COLUMNS + " FROM instructors WHERE id = ?", Instructors::row, id));
    }

    /** Exact match, as the legacy compares e-mails. */
    public Optional<Instructor> findByEmail(String email) {
        return first(jdbc.query("SELECT " + COLUMNS + " FROM instructors WHERE email = ?", Instructors::row, email));
    }

    /** A page of instructors, optionally only (in)active ones; ordered by id (the legacy leaves it to the planner). */
    public List<Instructor> list(long skip, long limit, Boolean active) {
        List<Object> args = new ArrayList<>();
        String where = "";
        if (active != null) {
            where = " WHERE is_active = ?";
            args.add(active);
        }
        args.add(skip);
        args.add(limit);
        return jdbc.query("SELECT " + COLUMNS + " FROM instructors" + where + " ORDER BY id OFFSET ? LIMIT ?",
                Instructors::row, args.toArray());
    }

    /**
     * Inserts an active, offline instructor without a history row, as the legacy does.
     *
     * @throws org.springframework.dao.DuplicateKeyException when the e-mail is taken
     */
    public Instructor create(String email, String name, String role, String passwordHash) {
        return jdbc.queryForObject("INSERT INTO instructors (email, password_hash, name, role, is_active, status) "
                + "VALUES (?, ?, ?, ?, true, 'OFFLINE') RETURNING " + COLUMNS, Instructors::row,
                email, passwordHash, name, role == null ? "instructor" : role);
    }

    /** Fields to set; a field that is not given keeps its value, a given null sets NULL. */
    public record Changes(boolean setsName, String name, boolean setsRole, String role, boolean setsActive, Boolean active) {

        public static final Changes NONE = new Changes(false, null, false, null, false, null);

        public Changes withName(String value) {
            return new Changes(true, value, setsRole, role, setsActive, active);
        }

        public Changes withRole(String value) {
            return new Changes(setsName, name, true, value, setsActive, active);
        }

        public Changes withActive(Boolean value) {
            return new Changes(setsName, name, setsRole, role, true, value);
        }
    }

    /** Applies the given fields; empty when there is no such instructor. */
    @Transactional
    public Optional<Instructor> update(long id, Changes changes) {
        Optional<Instructor> current = first(jdbc.query("SELECT " + COLUMNS + " FROM instructors WHERE id = ? FOR UPDATE",
                Instructors::row, id));
        if (current.isEmpty()) {
            return current;
        }
        Instructor before = current.get();
        String name = changes.setsName() ? changes.name() : before.name();
        String role = changes.setsRole() ? changes.role() : before.role();
        Boolean active = changes.setsActive() ? changes.active() : before.active();
        if (Objects.equals(name, before.name()) && Objects.equals(role, before.role())
                && Objects.equals(active, before.active())) {
            return current;
        }
        return Optional.of(jdbc.queryForObject("UPDATE instructors SET name = ?, role = ?, is_active = ?, updated_at = now() "
                + "WHERE id = ? RETURNING " + COLUMNS, Instructors::row, name, role, active, id));
    }

    /** Soft delete; false when there is no such instructor. */
    @Transactional
    public boolean deactivate(long id) {
        return update(id, Changes.NONE.withActive(false)).isPresent();
    }

    /** The stored bcrypt hash. */
    public Optional<String> passwordHash(int id) {
        return first(jdbc.queryForList("SELECT password_hash FROM instructors WHERE id = ?", String.class, id));
    }

    public void updatePasswordHash(int id, String passwordHash) {
        jdbc.update("UPDATE instructors SET password_hash = ?, updated_at = now() WHERE id = ?", passwordHash, id);
    }

    private static <T> Optional<T> first(List<T> rows) {
        return rows.stream().findFirst();
    }

    private static Instructor row(ResultSet rs, int n) throws SQLException {
        return new Instructor(rs.getInt("id"), rs.getString("email"), rs.getString("name"), rs.getString("role"),
                (Boolean) rs.getObject("is_active"), InstructorStatus.fromDatabase(rs.getString("status")),
                (Integer) rs.getObject("current_session_id"), instant(rs, "status_updated_at"), instant(rs, "last_login_at"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
