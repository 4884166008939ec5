package dev.cellmonitor.cutover.backend.lms.assignments;

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

/** The legacy's {@code class_assignments} table, queried as its ORM does (lists without ORDER BY). */
@Repository
class AssignmentRepository {

    private static final RowMapper<AssignmentResponse> ROW = (ResultSet rs, int n) -> new AssignmentResponse(
            rs.getLong("class_id"),
            rs.getLong("notebook_id"),
            rs.getString("title"),
            rs.getString("description"),
            LegacyTime.zTime(rs.getObject("due_date", OffsetDateTime.class)),
            rs.getObject("points", Double.class),
            rs.getLong("id"),
            LegacyTime.zTime(rs.getObject("created_at", OffsetDateTime.class)),
            LegacyTime.zTime(rs.getObject("updated_at", OffsetDateTime.class)));

    private final NamedParameterJdbcTemplate jdbc;

    AssignmentRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<AssignmentResponse> find(long id) {
        return jdbc.query("SELECT * FROM class_assignments WHERE id = :id", new MapSqlParameterSource("id", id), ROW)
                .stream().findFirst();
    }

    List<AssignmentResponse> list(long skip, long limit, Long classId) {
        MapSqlParameterSource params = new MapSqlParameterSource("skip", skip).addValue("limit", limit);
        String where = "";
        if (classId != null) {
            where = " WHERE class_id = :classId";
            params.addValue("classId", classId);
        }
        return jdbc.query("SELECT * FROM class_assignments" + where + " OFFSET :skip LIMIT :limit", params, ROW);
    }

    AssignmentResponse insert(long classId, long notebookId, String title, String description,
                              OffsetDateTime dueDate, Double points) {
        return jdbc.queryForObject("""
                INSERT INTO class_assignments (class_id, notebook_id, title, description, due_date, points)
                VALUES (:classId, :notebookId, :title, :description, :dueDate, :points) RETURNING *""",
                new MapSqlParameterSource("classId", classId).addValue("notebookId", notebookId)
                        .addValue("title", title).addValue("description", description, Types.VARCHAR)
                        .addValue("dueDate", dueDate, Types.TIMESTAMP_WITH_TIMEZONE)
                        .addValue("points", points, Types.DOUBLE), ROW);
    }

    /** The updated row, or empty when the id is unknown or nothing changed. */
    Optional<AssignmentResponse> update(long id, PartialUpdate update) {
        return jdbc.query(update.sql(), update.params(id), ROW).stream().findFirst();
    }

    boolean hasSubmissions(long id) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM assignment_submissions WHERE assignment_id = :id)",
                new MapSqlParameterSource("id", id), Boolean.class));
    }

    Optional<AssignmentResponse> delete(long id) {
        return jdbc.query("DELETE FROM class_assignments WHERE id = :id RETURNING *",
                new MapSqlParameterSource("id", id), ROW).stream().findFirst();
    }
}
