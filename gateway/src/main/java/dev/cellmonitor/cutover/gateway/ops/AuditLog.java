package dev.cellmonitor.cutover.gateway.ops;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** The flip audit in PostgreSQL ({@code cutover.flip} and {@code cutover.flip_change}). */
@Component
class AuditLog {

    /** Serialises flips across replicas for the length of one transaction. */
    private static final long FLIP_LOCK = 0x63757430766572L;

    private final JdbcTemplate jdbc;

    AuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void lockFlips() {
        jdbc.query("SELECT pg_advisory_xact_lock(?)", rs -> { }, FLIP_LOCK);
    }

    long record(String actor, FlipSource source, String scope, String reason, Long undoes, List<FeatureChange> changes) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(c -> {
            var ps = c.prepareStatement(
                    "INSERT INTO cutover.flip (actor, source, scope, reason, undoes) VALUES (?, ?, ?, ?, ?)",
                    new String[] {"id"});
            ps.setString(1, actor);
            ps.setString(2, source.name());
            ps.setString(3, scope);
            ps.setString(4, reason);
            ps.setObject(5, undoes);
            return ps;
        }, key);
        long id = key.getKey().longValue();
        for (FeatureChange change : changes) {
            jdbc.update("INSERT INTO cutover.flip_change (flip_id, feature, from_state, to_state) VALUES (?, ?, ?, ?)",
                    id, change.feature(), change.from(), change.to());
        }
        return id;
    }

    List<AuditEntry> recent(int limit) {
        return entries("ORDER BY f.id DESC LIMIT " + Math.max(1, Math.min(limit, 1000)));
    }

    Optional<AuditEntry> byId(long id) {
        return entries("AND f.id = " + id).stream().findFirst();
    }

    /** The newest flip that is not an undo and was not undone: what "undo" reverts. */
    Optional<AuditEntry> lastUndoable() {
        return entries("AND f.undoes IS NULL AND NOT EXISTS (SELECT 1 FROM cutover.flip u WHERE u.undoes = f.id) "
                + "ORDER BY f.id DESC LIMIT 1").stream().findFirst();
    }

    private List<AuditEntry> entries(String whereOrderLimit) {
        Map<Long, AuditEntry> entries = new LinkedHashMap<>();
        jdbc.query("SELECT f.id, f.at, f.actor, f.source, f.scope, f.reason, f.undoes, "
                + "(SELECT u.id FROM cutover.flip u WHERE u.undoes = f.id) AS undone_by "
                + "FROM cutover.flip f WHERE true " + whereOrderLimit, rs -> {
                    Timestamp at = rs.getTimestamp("at");
                    long undoes = rs.getLong("undoes");
                    Long undoesOrNull = rs.wasNull() ? null : undoes;
                    long undoneBy = rs.getLong("undone_by");
                    Long undoneByOrNull = rs.wasNull() ? null : undoneBy;
                    entries.put(rs.getLong("id"), new AuditEntry(rs.getLong("id"), at.toInstant(), rs.getString("actor"),
                            FlipSource.valueOf(rs.getString("source")), rs.getString("scope"), rs.getString("reason"),
                            undoesOrNull, undoneByOrNull, new ArrayList<>()));
                });
        if (!entries.isEmpty()) {
            String ids = String.join(",", entries.keySet().stream().map(String::valueOf).toList());
            jdbc.query("SELECT flip_id, feature, from_state, to_state FROM cutover.flip_change WHERE flip_id IN ("
                    + ids + ") ORDER BY flip_id, feature", rs -> {
                        entries.get(rs.getLong(1)).changes()
                                .add(new FeatureChange(rs.getString(2), rs.getString(3), rs.getString(4)));
                    });
        }
        return List.copyOf(entries.values());
    }
}
