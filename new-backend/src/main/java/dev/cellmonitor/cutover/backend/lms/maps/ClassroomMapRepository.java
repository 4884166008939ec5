package dev.cellmonitor.cutover.backend.lms.maps;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import dev.cellmonitor.cutover.backend.lms.maps.ClassroomMapViews.MapInfo;
import dev.cellmonitor.cutover.backend.lms.maps.ClassroomMapViews.Position;
import dev.cellmonitor.cutover.backend.web.LegacyTime;

/**
 * The legacy's {@code classroom_maps} and {@code team_positions}. Times are {@code timestamp without time zone}
 * holding UTC, as the legacy's {@code now()} in a UTC session writes them. At most one map is active: every new
 * map deactivates the others in the same transaction.
 */
@Repository
class ClassroomMapRepository {

    /** A team's requested place; the coordinates are already checked to lie in 0..100. */
    record Move(String team, double x, double y) {
    }

    private static final String UTC_NOW = "(now() AT TIME ZONE 'UTC')";

    private static final RowMapper<MapInfo> MAP = (ResultSet rs, int n) -> new MapInfo(
            rs.getString("original_filename"),
            rs.getString("uploaded_by"),
            rs.getLong("id"),
            rs.getString("image_filename"),
            rs.getString("image_url"),
            LegacyTime.naive(rs.getObject("uploaded_at", LocalDateTime.class)),
            rs.getBoolean("is_active"),
            rs.getObject("file_size_bytes", Integer.class),
            rs.getString("content_type"),
            List.of());

    /**
     * Coordinates the legacy stored outside 0..100 (it never checked them on write) are shown at the nearest
     * edge instead of failing the whole answer with a 500 as the legacy's response model does.
     */
    private static final RowMapper<Position> POSITION = (ResultSet rs, int n) -> new Position(
            rs.getString("team_name"),
            percent(rs.getBigDecimal("position_x")),
            percent(rs.getBigDecimal("position_y")),
            rs.getLong("id"),
            rs.getLong("map_id"),
            LegacyTime.naive(rs.getObject("updated_at", LocalDateTime.class)),
            rs.getString("updated_by"));

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;

    ClassroomMapRepository(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** The newest active map with its positions. */
    Optional<MapInfo> active() {
        return withPositions(jdbc.query(
                "SELECT * FROM classroom_maps WHERE is_active ORDER BY uploaded_at DESC, id DESC LIMIT 1",
                MAP)).stream().findFirst();
    }

    Optional<MapInfo> find(long id) {
        return withPositions(jdbc.query("SELECT * FROM classroom_maps WHERE id = :id",
                new MapSqlParameterSource("id", id), MAP)).stream().findFirst();
    }

    /** Active and inactive maps, newest first. */
    List<MapInfo> newest(long limit) {
        return withPositions(jdbc.query(
                "SELECT * FROM classroom_maps ORDER BY uploaded_at DESC, id DESC LIMIT :limit",
                new MapSqlParameterSource("limit", limit), MAP));
    }

    /** Inserts a map as the only active one. */
    MapInfo insertActive(String imageFilename, String originalFilename, String uploadedBy, long fileSizeBytes) {
        return tx.execute(status -> {
            jdbc.update("UPDATE classroom_maps SET is_active = FALSE WHERE is_active", Map.of());
            MapInfo inserted = jdbc.queryForObject("""
                    INSERT INTO classroom_maps (image_filename, image_url, original_filename, uploaded_at, uploaded_by,
                                                is_active, file_size_bytes, content_type)
                    VALUES (:file, :url, :original, %s, :by, TRUE, :size, 'image/jpeg') RETURNING *""".formatted(UTC_NOW),
                    new MapSqlParameterSource("file", imageFilename)
                            .addValue("url", imageFilename.isEmpty() ? "" : "/static/maps/" + imageFilename)
                            .addValue("original", originalFilename, Types.VARCHAR)
                            .addValue("by", uploadedBy, Types.VARCHAR)
                            .addValue("size", fileSizeBytes), MAP);
            return inserted;
        });
    }

    /** Deletes a map (its positions go with it) and answers the image file name it had. */
    Optional<String> delete(long id) {
        return jdbc.query("DELETE FROM classroom_maps WHERE id = :id RETURNING image_filename",
                new MapSqlParameterSource("id", id), (rs, n) -> rs.getString(1)).stream().findFirst();
    }

    /**
     * Places the teams in request order, in one transaction holding the map's row lock (so concurrent updates of
     * one map cannot create duplicate teams). A team's row is rewritten only when a value really changes, with
     * Python's exact float-to-decimal comparison, so {@code updated_at} moves as the legacy's ORM moves it.
     * {@code updatedBy} replaces the stored one only when non-empty. False when the map does not exist.
     */
    boolean place(long mapId, List<Move> moves, String updatedBy) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            MapSqlParameterSource map = new MapSqlParameterSource("map", mapId);
            if (jdbc.queryForList("SELECT id FROM classroom_maps WHERE id = :map FOR UPDATE", map, Long.class).isEmpty()) {
                return false;
            }
            for (Move move : moves) {
                MapSqlParameterSource params = new MapSqlParameterSource("map", mapId).addValue("team", move.team())
                        .addValue("x", decimal(move.x())).addValue("y", decimal(move.y()))
                        .addValue("by", updatedBy, Types.VARCHAR);
                List<Map<String, Object>> existing = jdbc.queryForList("""
                        SELECT id, position_x, position_y, updated_by FROM team_positions
                        WHERE map_id = :map AND team_name = :team ORDER BY id LIMIT 1""", params);
                if (existing.isEmpty()) {
                    jdbc.update("""
                            INSERT INTO team_positions (map_id, team_name, position_x, position_y, updated_at, updated_by)
                            VALUES (:map, :team, :x, :y, %s, :by)""".formatted(UTC_NOW), params);
                    continue;
                }
                Map<String, Object> row = existing.getFirst();
                boolean newAuthor = updatedBy != null && !updatedBy.isEmpty() && !updatedBy.equals(row.get("updated_by"));
                if (newAuthor || differs((BigDecimal) row.get("position_x"), move.x())
                        || differs((BigDecimal) row.get("position_y"), move.y())) {
                    jdbc.update("""
                            UPDATE team_positions SET position_x = :x, position_y = :y, updated_at = %s,
                                   updated_by = CASE WHEN :newAuthor THEN :by ELSE updated_by END
                            WHERE id = :id""".formatted(UTC_NOW),
                            params.addValue("id", row.get("id")).addValue("newAuthor", newAuthor));
                }
            }
            return true;
        }));
    }

    private List<MapInfo> withPositions(List<MapInfo> maps) {
        if (maps.isEmpty()) {
            return maps;
        }
        Map<Long, List<Position>> byMap = new LinkedHashMap<>();
        maps.forEach(m -> byMap.put(m.id(), new ArrayList<>()));
        jdbc.query("SELECT * FROM team_positions WHERE map_id IN (:ids) ORDER BY id",
                new MapSqlParameterSource("ids", byMap.keySet()), POSITION)
                .forEach(p -> byMap.get(p.mapId()).add(p));
        return maps.stream().map(m -> m.withPositions(List.copyOf(byMap.get(m.id())))).toList();
    }

    /** Python's {@code Decimal(stored) == float(new)}: exact, so 40.12 stored differs from the float 40.12. */
    private static boolean differs(BigDecimal stored, double value) {
        return stored == null || stored.compareTo(new BigDecimal(value)) != 0;
    }

    /** The decimal text Python sends for a float (its shortest repr); PostgreSQL rounds it to 2 places. */
    private static BigDecimal decimal(double value) {
        return new BigDecimal(Double.toString(value));
    }

    private static double percent(BigDecimal value) {
        return Math.clamp(value.doubleValue(), 0.0, 100.0);
    }
}
