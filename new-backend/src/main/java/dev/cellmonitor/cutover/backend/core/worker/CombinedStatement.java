package dev.cellmonitor.cutover.backend.core.worker;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Several writes and look-ups of one transaction sent as one statement ({@code WITH a AS (INSERT ...), b AS (UPDATE
 * ...), c AS (SELECT ... FOR KEY SHARE) SELECT count(*) ...}): on a busy machine every round trip to PostgreSQL waits
 * for the database process to be scheduled, so a batch pays for few of them.
 */
final class CombinedStatement {

    private final List<String> parts = new ArrayList<>();
    private final List<String> counts = new ArrayList<>();
    private final List<Object> parameters = new ArrayList<>();

    /** A data-modifying part (PostgreSQL runs it whether or not its result is used); returns its count's position. */
    int modify(String sql, Object... parameters) {
        return add(sql + " RETURNING 1", parameters);
    }

    /** A query part; returns the position of its row count in {@link #execute}'s answer. */
    int select(String sql, Object... parameters) {
        return add(sql, parameters);
    }

    private int add(String sql, Object... values) {
        String name = "p" + parts.size();
        parts.add(name + " AS (" + sql + ")");
        counts.add("(SELECT count(*) FROM " + name + ")");
        parameters.addAll(List.of(values));
        return counts.size() - 1;
    }

    boolean isEmpty() {
        return parts.isEmpty();
    }

    /** Runs everything; the row counts of the parts, in the order they were added. */
    long[] execute(Connection c) throws SQLException {
        if (parts.isEmpty()) {
            return new long[0];
        }
        String sql = "WITH " + String.join(",\n", parts) + "\nSELECT " + String.join(", ", counts);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                Object p = parameters.get(i);
                if (p instanceof Array a) {
                    ps.setArray(i + 1, a);
                } else {
                    ps.setObject(i + 1, p);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long[] out = new long[counts.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = rs.getLong(i + 1);
                }
                return out;
            }
        }
    }
}
