package dev.cellmonitor.cutover.backend.lms.submissions;

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

/** The legacy's {@code assignment_submissions} table, queried as its ORM does (lists without ORDER BY). */
@Repository
class SubmissionRepository {

    private static final RowMapper<SubmissionResponse> ROW = (ResultSet rs, int n) -> new SubmissionResponse(
            rs.getLong("assignment_id"),
            rs.getLong("student_id"),
            rs.getString("status"),
            rs.getObject("grade", Double.class),
            rs.getString("feedback"),
            rs.getLong("id"),
            LegacyTime.zTime(rs.getObject("submitted_at", OffsetDateTime.class)));

    private final NamedParameterJdbcTemplate jdbc;

    SubmissionRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<SubmissionResponse> find(long id) {
        return jdbc.query("SELECT * FROM assignment_submissions WHERE id = :id",
                new MapSqlParameterSource("id", id), ROW).stream().findFirst();
    }

    List<SubmissionResponse> list(long skip, long limit, Long assignmentId, Long studentId) {
        MapSqlParameterSource params = new MapSqlParameterSource("skip", skip).addValue("limit", limit);
        StringBuilder sql = new StringBuilder("SELECT * FROM assignment_submissions WHERE TRUE");
        if (assignmentId != null) {
            sql.append(" AND assignment_id = :assignmentId");
            params.addValue("assignmentId", assignmentId);
        }
        if (studentId != null) {
            sql.append(" AND student_id = :studentId");
            params.addValue("studentId", studentId);
        }
        return jdbc.query(sql.append(" OFFSET :skip LIMIT :limit").toString(), params, ROW);
    }

    SubmissionResponse insert(long assignmentId, long studentId, String status, Double grade, String feedback) {
        return jdbc.queryForObject("""
                INSERT INTO assignment_submissions (assignment_id, student_id, status, grade, feedback)
                VALUES (:assignmentId, :studentId, :status, :grade, :feedback) RETURNING *""",
                new MapSqlParameterSource("assignmentId", assignmentId).addValue("studentId", studentId)
                        .addValue("status", status).addValue("grade", grade, Types.DOUBLE)
                        .addValue("feedback", feedback, Types.VARCHAR), ROW);
    }

    /** The updated row, or empty when the id is unknown or nothing changed. */
    Optional<SubmissionResponse> update(long id, PartialUpdate update) {
        return jdbc.query(update.sql(), update.params(id), ROW).stream().findFirst();
    }

    Optional<SubmissionResponse> delete(long id) {
        return jdbc.query("DELETE FROM assignment_submissions WHERE id = :id RETURNING *",
                new MapSqlParameterSource("id", id), ROW).stream().findFirst();
    }
}
