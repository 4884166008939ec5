package dev.cellmonitor.cutover.backend.monitoring.dashboard;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.cellmonitor.cutover.backend.redis.RedisNames;
import dev.cellmonitor.cutover.backend.web.PythonRepr;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes rows exactly as the legacy worker does for an event (CONTRACT §7.3, §7.4) and publishes its
 * {@code dashboard_updates} message (§6.2-e), so dashboard tests see what either worker leaves behind.
 * Help events also go to {@code cutover_help_events} (time = the event's {@code eventTime}, as the legacy's
 * InfluxDB point), which is what the new worker keeps instead of InfluxDB.
 */
public final class LegacyWorkerFixture {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final StringRedisTemplate redis;
    private final RedisNames names;

    public LegacyWorkerFixture(JdbcTemplate jdbc, StringRedisTemplate redis, RedisNames names) {
        this.jdbc = jdbc;
        this.redis = redis;
        this.names = names;
    }

    /** Empties the tables the worker and the dashboard write, and rewinds the dashboard's tailer. */
    public void resetTables() {
        jdbc.execute("""
                TRUNCATE cell_executions, cells, notebooks, sessions, students, teams, cutover_help_events,
                    cutover_dash_tailer_gaps, cutover_dash_student_stats, cutover_dash_significant,
                    cutover_dash_student_executions, cutover_dash_activity RESTART IDENTITY CASCADE""");
        jdbc.update("UPDATE cutover_dash_tailer SET high_water = 0");
    }

    public void processAll(JsonNode events) {
        events.forEach(this::process);
    }

    public void process(JsonNode event) {
        String type = text(event, "eventType");
        String email = text(event, "emailAddress");
        if (type == null) {
            return;
        }
        switch (type) {
            case "cell_executed" -> {
                if (email != null && text(event, "notebookPath") != null && text(event, "cellId") != null) {
                    cellExecuted(event, email);
                }
            }
            case "notebook_opened" -> {
                if (email != null) {
                    session(student(event, email));
                }
            }
            case "help", "help_stop" -> {
                if (email != null) {
                    int student = student(event, email);
                    jdbc.update("UPDATE students SET is_requesting_help = ?, updated_at = now() WHERE id = ?",
                            type.equals("help"), student);
                    jdbc.update("INSERT INTO cutover_help_events (student_email, kind, occurred_at, source) VALUES (?, ?, ?, 'worker')",
                            email, type, eventTime(event));
                }
            }
            case "student_session_start", "instructor_assignment" -> {
                // need fields POST /events strips: never effective through the API
            }
            default -> {
                if (email != null) {
                    student(event, email);
                }
            }
        }
    }

    private void cellExecuted(JsonNode event, String email) {
        int student = student(event, email);
        String path = text(event, "notebookPath");
        int notebook = jdbc.query("SELECT id FROM notebooks WHERE path = ?", (rs, n) -> rs.getInt(1), path).stream()
                .findFirst().orElseGet(() -> jdbc.queryForObject(
                        "INSERT INTO notebooks (path, name, created_at) VALUES (?, ?, now()) RETURNING id", Integer.class,
                        path, path.substring(path.lastIndexOf('/') + 1)));
        String cellKey = text(event, "cellId");
        String code = text(event, "code");
        List<Integer> cells = jdbc.query("SELECT id FROM cells WHERE notebook_id = ? AND cell_id = ? ORDER BY id",
                (rs, n) -> rs.getInt(1), notebook, cellKey);
        int cell;
        if (cells.isEmpty()) {
            cell = jdbc.queryForObject("INSERT INTO cells (cell_id, notebook_id, cell_type, position, content) VALUES (?, ?, ?, ?, ?) RETURNING id",
                    Integer.class, cellKey, notebook, text(event, "cellType") == null ? "code" : text(event, "cellType"),
                    integer(event, "cellIndex"), code);
        } else {
            cell = cells.get(0);
            if (code != null && !code.isEmpty()) {
                jdbc.update("UPDATE cells SET content = ? WHERE id = ? AND content IS DISTINCT FROM ?", code, cell, code);
            }
        }
        int session = session(student);
        boolean error = event.path("hasError").asBoolean(false);
        int consecutive = 0;
        boolean significant = false;
        if (error) {
            List<String> recent = jdbc.queryForList("""
                    SELECT status FROM cell_executions WHERE student_id = ? AND cell_id = ?
                    ORDER BY executed_at DESC LIMIT 10""", String.class, student, cell);
            for (String status : recent) {
                if (!status.equals("error")) {
                    break;
                }
                consecutive++;
            }
            consecutive++;
            significant = consecutive >= threshold();
        }
        JsonNode ms = event.get("executionDurationMs");
        Double duration = ms == null || ms.isNull() || ms.asDouble() == 0 ? null : ms.asDouble() / 1000;
        jdbc.update("""
                INSERT INTO cell_executions (execution_id, notebook_id, cell_id, student_id, session_id, executed_at,
                    execution_count, status, duration, error_message, output, code_content, cell_index, cell_type,
                    consecutive_error_count, is_significant_error)
                VALUES (?, ?, ?, ?, ?, now(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                UUID.randomUUID().toString(), notebook, cell, student, session, integer(event, "executionCount"),
                error ? "error" : "success", duration, text(event, "errorMessage"), text(event, "result"), code,
                integer(event, "cellIndex"), text(event, "cellType"), consecutive, significant);

        String name = jdbc.queryForObject("SELECT name FROM students WHERE id = ?", String.class, student);
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("type", significant ? "significant_error_alert" : "student_progress_update");
        update.put("emailAddress", email);
        update.put("userName", name != null && !name.isEmpty() ? name
                : text(event, "userName") != null && !text(event, "userName").isEmpty() ? text(event, "userName") : email);
        update.put("teamName", text(event, "teamName"));
        update.put("currentNotebook", text(event, "notebookPath") == null ? "/unknown" : text(event, "notebookPath"));
        update.put("lastActivity", "今");
        update.put("status", "active");
        update.put("cellExecutions", 1);
        update.put("errorCount", error ? 1 : 0);
        update.put("timestamp", text(event, "eventTime"));
        update.put("isSignificantError", significant);
        if (significant) {
            update.put("alertLevel", "warning");
            update.put("message", "連続エラーが発生しています: " + cellKey);
        }
        redis.convertAndSend(names.channel(RedisNames.DASHBOARD_UPDATES), PythonRepr.jsonDumps(JSON.valueToTree(update)));
    }

    private int threshold() {
        List<String> values = jdbc.queryForList("""
                SELECT setting_value FROM system_settings WHERE setting_key = 'consecutive_error_threshold'
                AND coalesce(is_active, true)""", String.class);
        return values.isEmpty() ? 3 : Integer.parseInt(values.get(0).trim());
    }

    private int student(JsonNode event, String email) {
        return jdbc.query("SELECT id FROM students WHERE email = ?", (rs, n) -> rs.getInt(1), email).stream().findFirst()
                .orElseGet(() -> {
                    String teamName = text(event, "teamName");
                    Integer team = null;
                    if (teamName != null && !teamName.isEmpty()) {
                        team = jdbc.query("SELECT id FROM teams WHERE team_name = ?", (rs, n) -> rs.getInt(1), teamName)
                                .stream().findFirst().orElseGet(() -> jdbc.queryForObject(
                                        "INSERT INTO teams (team_name, description, created_at) VALUES (?, ?, now()) RETURNING id",
                                        Integer.class, teamName, teamName + "の説明"));
                    }
                    return jdbc.queryForObject("""
                            INSERT INTO students (email, name, team_id, is_requesting_help, created_at)
                            VALUES (?, ?, ?, false, now()) RETURNING id""", Integer.class, email, text(event, "userName"), team);
                });
    }

    private int session(int student) {
        return jdbc.query("""
                SELECT id FROM sessions WHERE student_id = ? AND end_time IS NULL AND is_active = true ORDER BY id LIMIT 1""",
                (rs, n) -> rs.getInt(1), student).stream().findFirst().orElseGet(() -> jdbc.queryForObject("""
                INSERT INTO sessions (session_id, student_id, start_time, is_active) VALUES (?, ?, now(), true) RETURNING id""",
                Integer.class, UUID.randomUUID().toString(), student));
    }

    private static OffsetDateTime eventTime(JsonNode event) {
        String time = text(event, "eventTime");
        if (time != null) {
            try {
                return OffsetDateTime.parse(time);
            } catch (RuntimeException e) {
                // not RFC 3339: the legacy uses the server time
            }
        }
        return Instant.now().atOffset(ZoneOffset.UTC);
    }

    private static String text(JsonNode event, String field) {
        JsonNode v = event.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static Integer integer(JsonNode event, String field) {
        JsonNode v = event.get(field);
        return v == null || v.isNull() ? null : v.asInt();
    }
}
