package dev.cellmonitor.cutover.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * Throw-away PostgreSQL databases for tests, on the local server by default
 * ({@code TEST_PG_HOST}/{@code TEST_PG_PORT}/{@code TEST_PG_USER}/{@code TEST_PG_PASSWORD} override it).
 * Each test class or context gets its own database and drops it afterwards; nothing is written to
 * the {@code postgres} database, which is only used to issue CREATE/DROP DATABASE. Shared by the gateway and
 * new-backend tests through this module's test-jar.
 */
public final class TestDatabases {

    private static final String HOST = env("TEST_PG_HOST", "127.0.0.1");
    private static final String PORT = env("TEST_PG_PORT", "5432");
    public static final String USER = env("TEST_PG_USER", "postgres");
    public static final String PASSWORD = env("TEST_PG_PASSWORD", "");

    private TestDatabases() {
    }

    /** Creates an empty database and returns its name. */
    public static String create(String purpose) {
        String name = ("t_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        admin("CREATE DATABASE " + name);
        return name;
    }

    public static void drop(String name) {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    public static String url(String name) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + name;
    }

    public static Connection connect(String name) throws SQLException {
        return DriverManager.getConnection(url(name), USER, PASSWORD);
    }

    private static void admin(String sql) {
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, PASSWORD);
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + HOST + ":" + PORT + " refused: " + sql
                    + " (is it running? .ci/run starts it)", e);
        }
    }

    /** Makes the database refuse new connections and ends the open ones: the flag store "goes away". */
    public static void cutOff(String name) {
        admin("ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS false");
        admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
    }

    public static void restore(String name) {
        admin("ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS true");
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
