package dev.cellmonitor.cutover.backend.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;

import dev.cellmonitor.cutover.testsupport.TestDatabases;

/** Schema compatibility on the local PostgreSQL (the machine's and CI's). */
class LocalSchemaCompatibilityTest extends SchemaCompatibilityChecks {

    private static final List<String> created = new ArrayList<>();

    @Override
    String createDatabase(String purpose) {
        String name = TestDatabases.create(purpose);
        created.add(name);
        return TestDatabases.url(name);
    }

    @Override
    Connection connect(String url) throws SQLException {
        return java.sql.DriverManager.getConnection(url, TestDatabases.USER, TestDatabases.PASSWORD);
    }

    @Override
    Flyway flyway(String url) {
        return Flyway.configure().dataSource(url, TestDatabases.USER, TestDatabases.PASSWORD)
                .baselineOnMigrate(true).baselineVersion("1").load();
    }

    @AfterAll
    static void dropDatabases() {
        created.forEach(TestDatabases::drop);
    }
}
