package dev.cellmonitor.cutover.backend.monitoring.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

import dev.cellmonitor.cutover.backend.monitoring.dashboard.DashboardQueries.Bucket;
import dev.cellmonitor.cutover.backend.monitoring.dashboard.DashboardQueries.FlaggedRow;
import dev.cellmonitor.cutover.backend.monitoring.dashboard.DashboardQueries.StudentRow;
import dev.cellmonitor.cutover.backend.web.LegacyTime;

/**
 * The instructor dashboard's answers in the legacy's shapes, texts and time windows (CONTRACT §2.18), built
 * from PostgreSQL only: the read model and {@code cutover_help_events} take the place of InfluxDB.
 */
@Service
public class Dashboard {

    static final Duration HELP_WINDOW = Duration.ofMinutes(5);
    private static final Duration ERROR_WINDOW = Duration.ofMinutes(5);
    private static final Duration ACTIVE_WINDOW = Duration.ofMinutes(2);
    private static final Duration ACTIVE_SESSION_WINDOW = Duration.ofSeconds(300);
    /** The legacy dashboard counts a cell as significant from 3 consecutive errors, whatever the setting says. */
    private static final int SIGNIFICANT_COUNT = 3;

    private final DashboardQueries queries;
    private final InfluxPoints influx;
    private final Clock clock;
    private final FreshResults<Duration, Map<String, Object>> overviews = new FreshResults<>();

    @Autowired
    Dashboard(DashboardQueries queries, InfluxPoints influx) {
        this(queries, influx, Clock.systemUTC());
    }

    Dashboard(DashboardQueries queries, InfluxPoints influx, Clock clock) {
        this.queries = queries;
        this.influx = influx;
        this.clock = clock;
    }

    /**
     * {@code GET /api/v1/dashboard/overview}. Concurrent callers share one computation that starts after they
     * asked ({@link FreshResults}); the answer is never older than the request.
     */
    public Map<String, Object> overview(String timeRange) {
        // keyed by the window the answer depends on, so arbitrary time_range values cannot grow the map
        return overviews.get(Range.of(timeRange).window(), () -> computeOverview(timeRange));
    }

    private Map<String, Object> computeOverview(String timeRange) {
        Instant now = clock.instant();
        List<StudentRow> rows = queries.students(now.minus(HELP_WINDOW).truncatedTo(ChronoUnit.SECONDS));
        List<Map<String, Object>> helpFirst = new ArrayList<>();
        List<Map<String, Object>> others = new ArrayList<>();
        for (StudentRow row : rows) {
            Map<String, Object> student = student(row, now);
            (row.requestingHelp() ? helpFirst : others).add(student);
        }
        List<Map<String, Object>> students = new ArrayList<>(helpFirst);
        students.addAll(others);

        List<Map<String, Object>> chart = activityChart(timeRange, now);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("totalStudents", students.size());
        metrics.put("totalActive", students.stream().filter(s -> "active".equals(s.get("status"))).count());
        metrics.put("errorCount", students.stream()
                .filter(s -> "error".equals(s.get("status")) || "significant_error".equals(s.get("status"))).count());
        metrics.put("significantErrorCount", students.stream().filter(s -> "significant_error".equals(s.get("status"))).count());
        metrics.put("totalExecutions", students.stream().mapToLong(s -> ((Number) s.get("cellExecutions")).longValue()).sum());
        metrics.put("helpCount", chart.stream().mapToLong(p -> ((Number) p.get("helpCount")).longValue()).sum());

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("students", students);
        body.put("metrics", metrics);
        body.put("activityChart", chart);
        return body;
    }

    private Map<String, Object> student(StudentRow row, Instant now) {
        boolean hasSession = row.latestSessionStart() != null;
        long executions = hasSession ? row.executions() : 0;
        long errors = hasSession ? row.errors() : 0;

        // newest flagged execution per cell, cells in the order of their newest flagged execution
        Map<Integer, FlaggedRow> perCell = new LinkedHashMap<>();
        row.flagged().forEach(f -> perCell.putIfAbsent(f.cellId(), f));
        List<Map<String, Object>> cells = new ArrayList<>();
        int consecutive = 0;
        for (FlaggedRow f : perCell.values()) {
            if (f.consecutiveCount() >= SIGNIFICANT_COUNT) {
                consecutive = Math.max(consecutive, f.consecutiveCount());
                Map<String, Object> cell = new LinkedHashMap<>();
                cell.put("cell_id", f.cellId());
                cell.put("consecutive_count", f.consecutiveCount());
                cell.put("last_error_time", LegacyTime.offsetTime(f.executedAt()));
                cells.add(cell);
            }
        }
        boolean significant = !cells.isEmpty();

        String status;
        if (row.requestingHelp()) {
            status = "help";
        } else if (significant) {
            status = "significant_error";
        } else {
            status = sessionStatus(row.latestSessionStart(), errors, now);
        }
        Map<String, Object> student = new LinkedHashMap<>();
        student.put("emailAddress", row.email());
        student.put("userName", row.name() == null || row.name().isEmpty() ? row.email().split("@", -1)[0] : row.name());
        student.put("teamName", row.teamName());
        student.put("currentNotebook", !hasSession ? "なし" : row.currentNotebook() == null ? "/unknown" : row.currentNotebook());
        student.put("lastActivity", lastActivity(row.latestSessionStart(), now));
        student.put("status", status);
        student.put("isRequestingHelp", row.requestingHelp());
        student.put("cellExecutions", executions);
        student.put("errorCount", errors);
        student.put("consecutiveErrorCount", consecutive);
        student.put("hasSignificantError", significant);
        student.put("significantErrorCells", cells);
        return student;
    }

    /** Without a session: idle; recent errors (5 min): error; recent start (2 min): active; else idle. */
    private static String sessionStatus(OffsetDateTime latestStart, long errors, Instant now) {
        if (latestStart == null) {
            return "idle";
        }
        double seconds = seconds(latestStart, now);
        if (errors > 0 && seconds < ERROR_WINDOW.toSeconds()) {
            return "error";
        }
        return seconds < ACTIVE_WINDOW.toSeconds() ? "active" : "idle";
    }

    /** {@code "<n>秒前"}, {@code "<n>分前"}, {@code "<n>時間前"}, {@code "<n>日前"}, or {@code "不明"}. */
    static String lastActivity(OffsetDateTime since, Instant now) {
        if (since == null) {
            return "不明";
        }
        double seconds = seconds(since, now);
        if (seconds < 60) {
            return (long) seconds + "秒前";
        }
        if (seconds < 3600) {
            return (long) (seconds / 60) + "分前";
        }
        if (seconds < 86400) {
            return (long) (seconds / 3600) + "時間前";
        }
        return (long) (seconds / 86400) + "日前";
    }

    private static double seconds(OffsetDateTime since, Instant now) {
        return Duration.between(since.toInstant(), now).toNanos() / 1e9;
    }

    private record Range(Duration span, Duration window) {
        static Range of(String timeRange) {
            return switch (timeRange == null ? "" : timeRange) {
                case "1h" -> new Range(Duration.ofHours(1), Duration.ofMinutes(5));
                case "24h" -> new Range(Duration.ofHours(24), Duration.ofHours(1));
                default -> new Range(Duration.ofDays(7), Duration.ofHours(4));
            };
        }
    }

    /**
     * Executions, errors and help requests per window (5 min for 1h, 1 h for 24h, 4 h otherwise), windows
     * aligned to the epoch and stamped with their end, the last one ending now, as the legacy's InfluxDB
     * {@code aggregateWindow} did. With no activity at all in the range: the legacy's zero-filled points.
     */
    List<Map<String, Object>> activityChart(String timeRange, Instant now) {
        Range range = Range.of(timeRange);
        Instant start = now.minus(range.span());
        DashboardQueries.Activity activity = queries.activity(floor(start, Duration.ofMinutes(5)), start);
        List<Bucket> buckets = activity.buckets();
        List<Instant> helps = activity.helpRequests();
        if (buckets.isEmpty() && helps.isEmpty()) {
            return emptyChart(timeRange, now);
        }
        long window = range.window().toSeconds();
        Map<Long, long[]> perWindow = new LinkedHashMap<>();
        for (long w = Math.floorDiv(start.getEpochSecond(), window) * window; w < now.getEpochSecond() + 1; w += window) {
            if (Instant.ofEpochSecond(w).isBefore(now)) {
                perWindow.put(w, new long[3]);
            }
        }
        for (Bucket b : buckets) {
            long[] counts = perWindow.get(Math.floorDiv(b.start().getEpochSecond(), window) * window);
            if (counts != null) {
                counts[0] += b.executions();
                counts[1] += b.errors();
            }
        }
        for (Instant h : helps) {
            long[] counts = perWindow.get(Math.floorDiv(h.getEpochSecond(), window) * window);
            if (counts != null) {
                counts[2]++;
            }
        }
        List<Map<String, Object>> chart = new ArrayList<>();
        perWindow.forEach((w, counts) -> {
            Instant stop = Instant.ofEpochSecond(w + window);
            chart.add(point(LegacyTime.offsetTime(stop.isAfter(now) ? now : stop), counts[0], counts[1], counts[2]));
        });
        return chart;
    }

    private static List<Map<String, Object>> emptyChart(String timeRange, Instant now) {
        LocalDateTime utcNow = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        List<Map<String, Object>> chart = new ArrayList<>();
        if ("1h".equals(timeRange)) {
            for (int i = 0; i < 12; i++) {
                chart.add(point(LegacyTime.naive(utcNow.minusMinutes(5L * (11 - i))), 0, 0, 0));
            }
        } else {
            for (int i = 0; i < 10; i++) {
                chart.add(point(LegacyTime.naive(utcNow.minusHours(2L * (9 - i))), 0, 0, 0));
            }
        }
        return chart;
    }

    private static Map<String, Object> point(String time, long executions, long errors, long help) {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("time", time);
        point.put("executionCount", executions);
        point.put("errorCount", errors);
        point.put("helpCount", help);
        return point;
    }

    private static Instant floor(Instant t, Duration step) {
        long s = step.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), s) * s);
    }

    /** {@code GET /api/v1/dashboard/metrics}: windows 1h, 24h, 7d (anything else: 1h). */
    public Map<String, Object> metrics(String timeRange) {
        Instant now = clock.instant();
        Duration span = switch (timeRange == null ? "" : timeRange) {
            case "24h" -> Duration.ofDays(1);
            case "7d" -> Duration.ofDays(7);
            default -> Duration.ofHours(1);
        };
        Instant start = now.minus(span);
        long executions = 0;
        long errors = 0;
        double durationSum = 0;
        long durationCount = 0;
        for (Bucket b : queries.activity(floor(start, Duration.ofMinutes(5)), now).buckets()) {
            executions += b.executions();
            errors += b.errors();
            durationSum += b.durationSum();
            durationCount += b.durationCount();
        }
        Map<String, Object> activity = new LinkedHashMap<>();
        activity.put("totalExecutions", executions);
        activity.put("averageExecutionTime", round(durationCount == 0 ? 0.0 : durationSum / durationCount, 2));
        activity.put("errorRate", round(executions == 0 ? 0.0 : (double) errors / executions, 3));
        activity.put("activeUsers", queries.activeUsers(start));

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timeRange", timeRange);
        body.put("totalStudents", queries.totalStudents());
        body.put("activeSessions", queries.activeSessions(now.minus(ACTIVE_SESSION_WINDOW)));
        body.put("activityData", activity);
        body.put("generatedAt", LegacyTime.naive(LocalDateTime.ofInstant(now, ZoneOffset.UTC)));
        return body;
    }

    /** Python's {@code round(x, n)} (exact binary value, ties to even). */
    static double round(double value, int places) {
        return new BigDecimal(value).setScale(places, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** {@code GET /api/v1/dashboard/students/{email}/activity}; empty for an unknown student. */
    public Optional<Map<String, Object>> studentActivity(String email) {
        return queries.student(email).map(student -> {
            Map<String, Object> who = new LinkedHashMap<>();
            who.put("emailAddress", student.email());
            who.put("name", student.name());
            who.put("teamName", student.teamName() == null ? "未割り当て" : student.teamName());
            List<Map<String, Object>> executions = new ArrayList<>();
            for (DashboardQueries.Execution e : queries.recentExecutions(student.id(), 50)) {
                Map<String, Object> execution = new LinkedHashMap<>();
                execution.put("cellId", e.cellId());
                execution.put("executionTime", e.duration());
                execution.put("hasError", "error".equals(e.status()));
                execution.put("timestamp", LegacyTime.offsetTime(e.executedAt()));
                execution.put("status", e.status());
                execution.put("output", e.output());
                execution.put("errorMessage", e.errorMessage());
                execution.put("codeContent", e.code());
                execution.put("cellIndex", e.cellIndex());
                execution.put("cellType", e.cellType());
                execution.put("executionCount", e.executionCount());
                executions.add(execution);
            }
            List<Map<String, Object>> sessions = new ArrayList<>();
            for (DashboardQueries.SessionRow s : queries.sessions(student.id(), 10)) {
                Map<String, Object> session = new LinkedHashMap<>();
                session.put("id", s.id());
                session.put("sessionId", s.sessionId());
                session.put("startedAt", LegacyTime.offsetTime(s.start()));
                session.put("endedAt", LegacyTime.offsetTime(s.end()));
                session.put("isActive", s.active());
                sessions.add(session);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("student", who);
            body.put("recentExecutions", executions);
            body.put("sessions", sessions);
            return body;
        });
    }

    /** {@code POST .../dismiss-help}: help stops now (no existence check, as in the legacy). */
    public void dismissHelp(String email) {
        queries.recordHelpStop(email);
        influx.helpStop(email);
    }

    /** {@code POST .../resolve-error}; false for an unknown student. */
    public boolean resolveErrors(String email) {
        Optional<DashboardQueries.Student> student = queries.student(email);
        if (student.isEmpty()) {
            return false;
        }
        queries.resolveSignificantErrors(student.get().id());
        influx.errorResolved(email);
        return true;
    }
}
