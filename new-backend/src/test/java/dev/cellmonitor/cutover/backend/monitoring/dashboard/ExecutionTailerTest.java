package dev.cellmonitor.cutover.backend.monitoring.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.cellmonitor.cutover.backend.redis.RedisNames;
import dev.cellmonitor.cutover.backend.support.BackendIntegrationTest;
import tools.jackson.databind.json.JsonMapper;

/** The tailer follows ids even when transactions commit out of id order, and never counts a row twice. */
@BackendIntegrationTest
class ExecutionTailerTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    RedisNames names;
    @Autowired
    ExecutionTailer tailer;
    @Autowired
    Dashboard dashboard;
    @Autowired
    Environment environment;

    Map<String, Object> refs;

    @BeforeEach
    void setUp() {
        LegacyWorkerFixture worker = new LegacyWorkerFixture(jdbc, redis, names);
        worker.resetTables();
        worker.process(JsonMapper.builder().build().readTree("""
                {"eventType": "cell_executed", "emailAddress": "gap@example.com", "notebookPath": "n.ipynb", "cellId": "c",
                 "cellIndex": 0, "hasError": false}"""));
        refs = jdbc.queryForMap("SELECT student_id, notebook_id, cell_id, session_id FROM cell_executions LIMIT 1");
        tailer.catchUp();
    }

    private String insertSql() {
        return "INSERT INTO cell_executions (execution_id, notebook_id, cell_id, student_id, session_id, status, "
                + "consecutive_error_count, is_significant_error) VALUES (gen_random_uuid()::text, " + refs.get("notebook_id")
                + ", " + refs.get("cell_id") + ", " + refs.get("student_id") + ", " + refs.get("session_id") + ", ?, 0, false)";
    }

    private long executions() {
        @SuppressWarnings("unchecked")
        Map<String, Object> student = ((java.util.List<Map<String, Object>>) dashboard.overview("1h").get("students")).get(0);
        return ((Number) student.get("cellExecutions")).longValue();
    }

    @Test
    void countsARowThatCommitsAfterALargerIdExactlyOnce() throws Exception {
        try (Connection slow = java.sql.DriverManager.getConnection(environment.getProperty("spring.datasource.url"),
                environment.getProperty("spring.datasource.username"), environment.getProperty("spring.datasource.password", ""))) {
            slow.setAutoCommit(false);
            try (PreparedStatement insert = slow.prepareStatement(insertSql())) {
                insert.setString(1, "error");
                insert.executeUpdate();
            }
            jdbc.update(insertSql(), "success");
            tailer.catchUp();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM cutover_dash_tailer_gaps", Integer.class)).isEqualTo(1);
            assertThat(executions()).isEqualTo(2);

            slow.commit();
            assertThat(executions()).isEqualTo(3);
            tailer.catchUp();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM cutover_dash_tailer_gaps", Integer.class)).isZero();
            assertThat(jdbc.queryForObject("SELECT executions FROM cutover_dash_student_stats", Long.class)).isEqualTo(3);
            assertThat(jdbc.queryForObject("SELECT errors FROM cutover_dash_student_stats", Long.class)).isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT sum(executions) FROM cutover_dash_activity", Long.class)).isEqualTo(3);
            assertThat(executions()).isEqualTo(3);
        }
    }

    @Test
    void startsAgainWhenTheTablesWereEmptied() {
        jdbc.update(insertSql(), "success");
        tailer.catchUp();
        // a reset that empties every table of the schema, the tailer's own included (as the parity suite does)
        jdbc.execute("TRUNCATE cutover_dash_tailer, cutover_dash_student_stats, cutover_dash_student_executions, "
                + "cutover_dash_activity, cutover_dash_significant, cell_executions RESTART IDENTITY");
        jdbc.update(insertSql(), "error");
        assertThat(executions()).isEqualTo(1);
        tailer.catchUp();
        tailer.catchUp();
        assertThat(jdbc.queryForObject("SELECT high_water FROM cutover_dash_tailer", Long.class)).isEqualTo(1);
        assertThat(executions()).isEqualTo(1);

        // a reset of the legacy tables only: the read model is rebuilt
        jdbc.update(insertSql(), "error");
        jdbc.update(insertSql(), "error");
        tailer.catchUp();
        jdbc.execute("TRUNCATE cell_executions RESTART IDENTITY");
        jdbc.update(insertSql(), "success");
        tailer.catchUp();
        assertThat(jdbc.queryForObject("SELECT executions FROM cutover_dash_student_stats", Long.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT errors FROM cutover_dash_student_stats", Long.class)).isZero();
        assertThat(executions()).isEqualTo(1);
    }

    @Test
    void givesUpOnIdsThatNeverShowUp() {
        jdbc.update("INSERT INTO cutover_dash_tailer_gaps (execution_id, noticed_at) VALUES (999999, now() - interval '1 hour')");
        tailer.catchUp();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM cutover_dash_tailer_gaps", Integer.class)).isZero();
    }

    @Test
    void forgetsFlaggedRowsResolvedElsewhere() {
        jdbc.update(insertSql().replace("0, false)", "3, true)"), "error");
        tailer.catchUp();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM cutover_dash_significant", Integer.class)).isEqualTo(1);
        // the legacy's resolve-error, writing cell_executions directly
        jdbc.update("UPDATE cell_executions SET is_significant_error = false, consecutive_error_count = 0");
        assertThat(tailer.pruneResolved()).isEqualTo(1);
    }
}
