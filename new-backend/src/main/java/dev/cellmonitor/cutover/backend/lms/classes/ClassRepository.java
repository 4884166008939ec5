package dev.cellmonitor.cutover.backend.lms.classes;

import java.sql.ResultSet;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import dev.cellmonitor.cutover.backend.lms.PartialUpdate;
import dev.cellmonitor.cutover.backend.web.LegacyTime;

/** The legacy's {@code classes} table, queried as its ORM does (lists without ORDER BY, so in heap order). */
@Repository
class ClassRepository {

    /**
     * {@code is_active} is nullable without a DDL default (the ORM supplies {@code true}); a row written without
     * it is read as the ORM would have created it instead of failing the response model like the legacy does.
     */
    private static final RowMapper<ClassResponse> ROW = (ResultSet rs, int n) -> new ClassResponse(
            rs.getString("name"),
            rs.getString("class_code"),
            rs.getString("description"),
            rs.getLong("id"),
            rs.getObject("is_active") == null || rs.getBoolean("is_active"),
            LegacyTime.zTime(rs.getObject("created_at", OffsetDateTime.class)),
            LegacyTime.zTime(rs.getObject("updated_at", OffsetDateTime.class)));

    private final NamedParameterJdbcTemplate jdbc;

    ClassRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ClassResponse> find(long id) {
        return jdbc.query("SELECT * FROM classes WHERE id = :id", new MapSqlParameterSource("id", id), ROW)
                .stream().findFirst();
    }

    boolean codeExists(String classCode) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM classes WHERE class_code = :code)",
                new MapSqlParameterSource("code", classCode), Boolean.class));
    }

    List<ClassResponse> list(long skip, long limit) {
        return jdbc.query("SELECT * FROM classes OFFSET :skip LIMIT :limit",
                new MapSqlParameterSource("skip", skip).addValue("limit", limit), ROW);
    }

    ClassResponse insert(String name, String classCode, String description) {
        return jdbc.queryForObject("""
                INSERT INTO classes (class_code, name, description, is_active)
                VALUES (:code, :name, :description, TRUE) RETURNING *""",
                new MapSqlParameterSource("code", classCode).addValue("name", name)
                        .addValue("description", description, Types.VARCHAR), ROW);
    }

    /** The updated row, or empty when the id is unknown or nothing changed. */
    Optional<ClassResponse> update(long id, PartialUpdate update) {
        return jdbc.query(update.sql(), update.params(id), ROW).stream().findFirst();
    }

    /** Why the class cannot be deleted (what still refers to it), or empty when nothing does. */
    Optional<String> dependents(long id) {
        return Optional.ofNullable(jdbc.queryForObject("""
                SELECT CASE WHEN EXISTS (SELECT 1 FROM class_assignments WHERE class_id = :id) THEN 'assignments'
                            WHEN EXISTS (SELECT 1 FROM student_classes WHERE class_id = :id) THEN 'enrolled students'
                       END""", new MapSqlParameterSource("id", id), String.class));
    }

    Optional<ClassResponse> delete(long id) {
        return jdbc.query("DELETE FROM classes WHERE id = :id RETURNING *", new MapSqlParameterSource("id", id), ROW)
                .stream().findFirst();
    }
}
