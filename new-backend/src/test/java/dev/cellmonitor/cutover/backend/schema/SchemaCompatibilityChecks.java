package dev.cellmonitor.cutover.backend.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The schema the new backend's Flyway migrations build must be the legacy's, and migrating a database the
 * legacy created must leave its tables alone. Subclasses say where the databases come from.
 */
abstract class SchemaCompatibilityChecks {

    static final Path SCHEMA_SQL = Path.of(System.getProperty("shared.dir", "../../shared"), "legacy-api", "schema.sql");

    /** A new empty database; returns a JDBC URL. */
    abstract String createDatabase(String purpose) throws Exception;

    abstract Connection connect(String url) throws SQLException;

    abstract Flyway flyway(String url);

    @Test
    void migrationsBuildTheLegacySchema() throws Exception {
        assumeTrue(Files.exists(SCHEMA_SQL), "legacy schema not found at " + SCHEMA_SQL);
        String legacy = createDatabase("legacy");
        String migrated = createDatabase("migrated");
        loadLegacySchema(legacy);
        flyway(migrated).migrate();

        TreeSet<String> expected = catalog(legacy);
        TreeSet<String> actual = catalog(migrated);
        assertThat(expected).hasSizeGreaterThan(200);
        assertThat(actual).as("schema built by the migrations vs legacy schema.sql")
                .containsExactlyElementsOf(expected);
    }

    @Test
    void migratingALegacyDatabaseChangesNoLegacyTable() throws Exception {
        assumeTrue(Files.exists(SCHEMA_SQL), "legacy schema not found at " + SCHEMA_SQL);
        String url = createDatabase("baseline");
        loadLegacySchema(url);
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            s.execute("INSERT INTO teams (team_name) VALUES ('チームA')");
        }
        TreeSet<String> before = catalog(url);

        flyway(url).migrate();
        flyway(url).migrate(); // a second start-up is a no-op as well

        assertThat(catalog(url)).containsExactlyElementsOf(before);
        try (Connection c = connect(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT team_name FROM teams")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("チームA");
        }
    }

    private TreeSet<String> catalog(String url) throws SQLException {
        try (Connection c = connect(url)) {
            return SchemaCatalog.read(c);
        }
    }

    /** schema.sql as pg_dump wrote it, minus psql's own meta-commands. */
    void loadLegacySchema(String url) throws Exception {
        String sql = Files.readAllLines(SCHEMA_SQL).stream()
                .filter(l -> !l.startsWith("\\"))
                .collect(Collectors.joining("\n"));
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
