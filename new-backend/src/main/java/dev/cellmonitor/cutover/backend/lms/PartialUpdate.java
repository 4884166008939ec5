package dev.cellmonitor.cutover.backend.lms;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * The legacy's partial update (only the keys present in the body) with SQLAlchemy's change tracking: the row
 * is written only when some value really changes, and only then does {@code updated_at} move. One
 * {@code UPDATE ... WHERE id = :id AND (<some column differs>) RETURNING *}; no row back means "unknown id or
 * nothing changed", which the caller tells apart with a plain read.
 */
public final class PartialUpdate {

    private final String table;
    private final boolean touchUpdatedAt;
    private final List<String> columns = new ArrayList<>();
    private final MapSqlParameterSource params = new MapSqlParameterSource();
    private boolean forced;

    private PartialUpdate(String table, boolean touchUpdatedAt) {
        this.table = table;
        this.touchUpdatedAt = touchUpdatedAt;
    }

    /** For tables with an {@code updated_at} column the ORM sets on every UPDATE it issues. */
    public static PartialUpdate of(String table) {
        return new PartialUpdate(table, true);
    }

    public static PartialUpdate withoutUpdatedAt(String table) {
        return new PartialUpdate(table, false);
    }

    public PartialUpdate set(String column, Object value, int sqlType) {
        columns.add(column);
        params.addValue(column, value, sqlType);
        return this;
    }

    /**
     * Treat the update as a change even if the stored value is equal: Python compares a naive datetime with the
     * stored aware one as unequal, so the legacy always writes it.
     */
    public PartialUpdate forceChange() {
        this.forced = true;
        return this;
    }

    public boolean isEmpty() {
        return columns.isEmpty();
    }

    public String sql() {
        List<String> assignments = new ArrayList<>();
        List<String> differences = new ArrayList<>();
        for (String column : columns) {
            assignments.add(column + " = :" + column);
            differences.add(column + " IS DISTINCT FROM :" + column);
        }
        if (touchUpdatedAt) {
            assignments.add("updated_at = now()");
        }
        if (forced) {
            differences.add("TRUE");
        }
        return "UPDATE " + table + " SET " + String.join(", ", assignments)
                + " WHERE id = :id AND (" + String.join(" OR ", differences) + ") RETURNING *";
    }

    public MapSqlParameterSource params(long id) {
        return params.addValue("id", id);
    }
}
