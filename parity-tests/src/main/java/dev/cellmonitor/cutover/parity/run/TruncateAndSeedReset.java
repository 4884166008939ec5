package dev.cellmonitor.cutover.parity.run;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * The built-in reset for a candidate that shares the legacy schema: empties every table of the {@code public}
 * schema (legacy and {@code cutover_*} tables, Flyway's history kept) restarting identities, deletes the Redis
 * keys under the side's prefix (all keys of db 0 when the prefix is empty) and seeds the instructors of the
 * setup line's {@code seed} ({@code email/password}: id 1.., name {@code テスト講師}, role {@code instructor},
 * status {@code OFFLINE}, bcrypt {@code $2b$12$}), as the legacy's {@code create_test_instructor.py} does.
 * It does not clear a process's in-memory state: chain a restart of the process after it.
 */
public record TruncateAndSeedReset(Target.DbConfig db, Target.RedisConfig redis) implements ResetHook {

    private static final Map<String, String> HASHES = new ConcurrentHashMap<>();

    @Override
    public void reset(Scenario scenario) throws Exception {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password())) {
            truncate(c);
            seed(c, scenario.seed().isEmpty() ? List.of("instructor@example.com/password123") : scenario.seed());
        }
        if (redis != null) {
            deleteKeys(redis);
        }
    }

    private static void truncate(Connection c) throws Exception {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                     + " AND tablename <> 'flyway_schema_history' ORDER BY tablename")) {
            while (rs.next()) {
                tables.add("public.\"" + rs.getString(1) + "\"");
            }
        }
        if (!tables.isEmpty()) {
            try (Statement s = c.createStatement()) {
                s.execute("TRUNCATE " + String.join(", ", tables) + " RESTART IDENTITY CASCADE");
            }
        }
    }

    private static void seed(Connection c, List<String> seed) throws Exception {
        int id = 0;
        for (String entry : seed) {
            int slash = entry.lastIndexOf('/');
            String email = slash < 0 ? entry : entry.substring(0, slash);
            String password = slash < 0 ? "password123" : entry.substring(slash + 1);
            id++;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO public.instructors (id, email, password_hash,"
                    + " name, role, is_active, status) VALUES (?, ?, ?, 'テスト講師', 'instructor', true, 'OFFLINE')")) {
                ps.setInt(1, id);
                ps.setString(2, email);
                ps.setString(3, HASHES.computeIfAbsent(password,
                        p -> new BCryptPasswordEncoder(BCryptPasswordEncoder.BCryptVersion.$2B, 12).encode(p)));
                ps.executeUpdate();
            }
        }
        if (id > 0) {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT setval(pg_get_serial_sequence('public.instructors', 'id'), " + id + ", true)");
            }
        }
    }

    /** Deletes every key under the side's prefix (every key of db 0 when the prefix is empty). */
    public static void deleteKeys(Target.RedisConfig redis) {
        RedisClient client = RedisClient.create(RedisURI.create(redis.host(), redis.port()));
        try (StatefulRedisConnection<String, String> conn = client.connect()) {
            RedisCommands<String, String> cmd = conn.sync();
            ScanArgs match = ScanArgs.Builder.matches(globEscape(redis.prefix()) + "*").limit(500);
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = cmd.scan(cursor, match);
                if (!page.getKeys().isEmpty()) {
                    cmd.del(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
        } finally {
            client.shutdown();
        }
    }

    static String globEscape(String s) {
        return s.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }
}
