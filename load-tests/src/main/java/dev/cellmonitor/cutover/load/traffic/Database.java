package dev.cellmonitor.cutover.load.traffic;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.cellmonitor.cutover.load.Knobs;

/**
 * Read-only look-ups in the shared PostgreSQL database for what no HTTP route tells: the ids of the
 * students and notebooks the event worker created (submissions and assignments need them), and how many
 * executions of a run were persisted.
 */
public record Database(String url, String user, String password) {

    public static Database from(Knobs knobs) {
        return new Database(knobs.text("dbUrl", "jdbc:postgresql://127.0.0.1:5432/cellmonitor"),
                knobs.text("dbUser", "postgres"), knobs.text("dbPassword", ""));
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    public List<Long> studentIds(List<String> emails) throws SQLException {
        try (Connection c = connect();
             PreparedStatement q = c.prepareStatement("SELECT id FROM students WHERE email = ANY (?) ORDER BY id")) {
            Array array = c.createArrayOf("varchar", emails.toArray());
            q.setArray(1, array);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
    }

    public Optional<Long> notebookId(String path) throws SQLException {
        try (Connection c = connect();
             PreparedStatement q = c.prepareStatement("SELECT id FROM notebooks WHERE path = ? ORDER BY id LIMIT 1")) {
            q.setString(1, path);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /** Persisted cell executions of students whose email starts with {@code emailPrefix}. */
    public long executionsOf(String emailPrefix) throws SQLException {
        try (Connection c = connect();
             PreparedStatement q = c.prepareStatement("SELECT count(*) FROM cell_executions e JOIN students s"
                     + " ON s.id = e.student_id WHERE s.email LIKE ?")) {
            q.setString(1, emailPrefix.replace("%", "\\%").replace("_", "\\_") + "%");
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
