package dev.cellmonitor.cutover.backend.core.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.cellmonitor.cutover.backend.admin.status.InstructorStatusService;

/**
 * A database user that may not set {@code session_replication_role} (any non-superuser on PostgreSQL 15 without a
 * {@code GRANT SET}): the writer falls back to PostgreSQL's own row-by-row foreign-key checks and still stores events,
 * and a reference to a row that is gone still fails the whole transaction.
 */
class ReferenceChecksFallbackTest extends WorkerIntegrationTest {

    private final String role = "cutover_plain_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));

    @Autowired
    DataSource dataSource;

    @Autowired
    ErrorThreshold threshold;

    private HikariDataSource asPlainUser;

    @BeforeAll
    void createPlainUser() {
        jdbc.execute("CREATE ROLE " + role + " LOGIN NOSUPERUSER");
        jdbc.execute("GRANT ALL ON ALL TABLES IN SCHEMA public TO " + role);
        jdbc.execute("GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO " + role);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(((HikariDataSource) dataSource).getJdbcUrl());
        config.setUsername(role);
        config.setMaximumPoolSize(2);
        asPlainUser = new HikariDataSource(config);
    }

    @AfterAll
    void dropPlainUser() {
        asPlainUser.close();
        jdbc.execute("DROP OWNED BY " + role);
        jdbc.execute("DROP ROLE " + role);
    }

    @Test
    void fallsBackToRowByRowChecksAndStillStoresEvents() throws Exception {
        BatchWriter writer = new BatchWriter(asPlainUser, threshold, mock(InstructorStatusService.class), true);

        writer.initialize();
        List<BatchWriter.Outcome> outcomes = writer.write(List.of(event("plain@example.com", "p1", true),
                event("plain@example.com", "p1", true), event("plain@example.com", "p2", false)));

        assertThat(writer.setBasedReferenceChecks()).isFalse();
        assertThat(outcomes).allMatch(BatchWriter.Outcome::handled);
        assertThat(jdbc.queryForList("SELECT e.consecutive_error_count FROM cell_executions e JOIN students s"
                + " ON s.id = e.student_id WHERE s.email = 'plain@example.com' ORDER BY e.id", Integer.class))
                .containsExactly(1, 2, 0);
    }

    @Test
    void aCachedReferenceToADeletedRowFailsTheWholeBatch() throws Exception {
        BatchWriter writer = new BatchWriter(asPlainUser, threshold, mock(InstructorStatusService.class), true);
        writer.initialize();
        writer.write(List.of(event("gone-plain@example.com", "g1", false)));
        jdbc.update("DELETE FROM cell_executions WHERE student_id = (SELECT id FROM students WHERE email = ?)",
                "gone-plain@example.com");
        jdbc.update("DELETE FROM sessions WHERE student_id = (SELECT id FROM students WHERE email = ?)",
                "gone-plain@example.com");

        // the writer still has the session cached: PostgreSQL's own check refuses the row, nothing is kept
        assertThatThrownBy(() -> writer.write(List.of(event("gone-plain@example.com", "g1", false),
                event("other-plain@example.com", "g2", false))))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23503"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM students WHERE email = 'other-plain@example.com'",
                Integer.class)).isZero();
    }
}
