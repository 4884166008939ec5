package dev.cellmonitor.cutover.load.traffic;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

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
        return executionsOf(emailPrefix, List.of()).total();
    }

    /** A time window, {@code [fromMillis, toMillis)} in epoch milliseconds. */
    public record Window(long fromMillis, long toMillis) {
    }

    /**
     * @param total     every persisted cell execution of the students
     * @param inWindows those whose {@code executed_at} falls in each window, in the windows' order
     */
    public record Executions(long total, List<Long> inWindows) {
    }

    /**
     * Persisted cell executions of students whose email starts with {@code emailPrefix}: all of them, and those whose
     * {@code executed_at} falls in each window (the new backend's worker sets it to the insert's clock time, the
     * database's clock: the same machine's as the windows'). One scan whatever the number of windows.
     */
    public Executions executionsOf(String emailPrefix, List<Window> windows) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT count(*)");
        windows.forEach(w -> sql.append(", count(*) FILTER (WHERE e.executed_at >= ? AND e.executed_at < ?)"));
        sql.append(" FROM cell_executions e JOIN students s ON s.id = e.student_id WHERE s.email LIKE ?");
        try (Connection c = connect(); PreparedStatement q = c.prepareStatement(sql.toString())) {
            int i = 1;
            for (Window w : windows) {
                q.setObject(i++, OffsetDateTime.ofInstant(Instant.ofEpochMilli(w.fromMillis()), ZoneOffset.UTC));
                q.setObject(i++, OffsetDateTime.ofInstant(Instant.ofEpochMilli(w.toMillis()), ZoneOffset.UTC));
            }
            q.setString(i, emailPrefix.replace("%", "\\%").replace("_", "\\_") + "%");
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                List<Long> inWindows = new ArrayList<>();
                for (int k = 0; k < windows.size(); k++) {
                    inWindows.add(rs.getLong(k + 2));
                }
                return new Executions(rs.getLong(1), List.copyOf(inWindows));
            }
        }
    }

    /** A count that may need the database. */
    @FunctionalInterface
    public interface Count<T> {
        T read() throws SQLException;
    }

    /**
     * Reads {@code count} until its {@code rows} reach {@code expected}, stop growing between two reads
     * {@code pause} apart, or {@code wait} passes (the worker may still be storing what was accepted); the last read.
     */
    public static <T> T settled(Count<T> count, ToLongFunction<T> rows, long expected,
                                Duration wait, Duration pause) throws SQLException, InterruptedException {
        long deadline = System.currentTimeMillis() + wait.toMillis();
        T current = count.read();
        long last = -1;
        while (rows.applyAsLong(current) != last && rows.applyAsLong(current) < expected
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(pause.toMillis());
            last = rows.applyAsLong(current);
            current = count.read();
        }
        return current;
    }
}
