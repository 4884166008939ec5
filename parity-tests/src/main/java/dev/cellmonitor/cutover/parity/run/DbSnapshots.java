package dev.cellmonitor.cutover.parity.run;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs a {@code db} step's recorded queries against a side's database, as FORMAT.md §5 prescribes:
 * {@code SELECT coalesce(json_agg(q), '[]') FROM (<sql>) q} in a session with {@code TimeZone=UTC}.
 */
final class DbSnapshots {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DbSnapshots() {
    }

    /** {@code {table: [rows]}} for every query of the step, in the step's order. */
    static ObjectNode snapshot(Target.DbConfig db, JsonNode queries) throws SQLException {
        ObjectNode tables = JsonNodeFactory.instance.objectNode();
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement s = c.createStatement()) {
            s.execute("SET TIME ZONE 'UTC'");
            for (Map.Entry<String, JsonNode> q : queries.properties()) {
                try (ResultSet rs = s.executeQuery("SELECT coalesce(json_agg(q), '[]') FROM (" + q.getValue().asString()
                        + ") q")) {
                    rs.next();
                    tables.set(q.getKey(), JSON.readTree(rs.getString(1)));
                }
            }
        }
        return tables;
    }
}
