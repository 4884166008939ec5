package dev.cellmonitor.cutover.backend.monitoring.progress;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Service;

import dev.cellmonitor.cutover.backend.monitoring.progress.ProgressModel.Assignment;
import dev.cellmonitor.cutover.backend.monitoring.progress.ProgressModel.Cell;
import dev.cellmonitor.cutover.backend.monitoring.progress.ProgressModel.Notification;
import dev.cellmonitor.cutover.backend.monitoring.progress.ProgressModel.ProcessingAborted;
import dev.cellmonitor.cutover.backend.monitoring.progress.ProgressModel.Student;
import dev.cellmonitor.cutover.backend.monitoring.sockets.Delivery;
import dev.cellmonitor.cutover.backend.monitoring.sockets.SocketKind;
import dev.cellmonitor.cutover.backend.monitoring.sockets.SocketRegistry;
import dev.cellmonitor.cutover.backend.redis.RedisNames;
import dev.cellmonitor.cutover.backend.web.LegacyTime;
import dev.cellmonitor.cutover.backend.web.PythonRepr;
import tools.jackson.databind.JsonNode;

/**
 * The realtime progress of students (CONTRACT §2.19): cells, assignments and student summaries computed from
 * cell events, notifications and milestones, in memory and bounded ({@link ProgressProperties}). The
 * computations are the legacy's, including that an event the legacy fails on half-way keeps the changes made
 * before the failure; its bugs are not: reads never erase state, dates are always sendable, and updates and
 * notifications reach the progress sockets (and Redis {@code progress_notifications}).
 * The state is per replica, as the legacy's was per process: the route catalogue moves these routes together.
 */
@Service
public class RealtimeProgress {

    private static final Logger log = LoggerFactory.getLogger(RealtimeProgress.class);
    static final String PROGRESS_NOTIFICATIONS = "progress_notifications";
    private static final int[] MILESTONES = {25, 50, 75};

    private final ProgressProperties limits;
    private final SocketRegistry sockets;
    private final StringRedisTemplate redis;
    private final RedisNames names;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, LocalDateTime> users = new HashMap<>();
    private final Map<String, Student> summaries = new LinkedHashMap<>();
    private final Map<String, Map<String, Assignment>> assignments = new HashMap<>();
    private final Map<String, Map<String, Map<String, Cell>>> cells = new HashMap<>();
    private final Map<String, Deque<Notification>> pending = new HashMap<>();
    private final Map<String, Set<String>> milestones = new HashMap<>();
    private final LocalDateTime started = LegacyTime.utcNow();
    private long eventsProcessed;
    private long notificationsSent;

    RealtimeProgress(ProgressProperties limits, SocketRegistry sockets, StringRedisTemplate redis, RedisNames names) {
        this.limits = limits;
        this.sockets = sockets;
        this.redis = redis;
        this.names = names;
    }

    /** Feeds one cell event in; failures inside are logged and swallowed, as the legacy does. */
    public void process(String userId, String assignmentId, String cellId, JsonNode event) {
        List<Delivery> deliveries = new ArrayList<>();
        List<Notification> created = new ArrayList<>();
        lock.lock();
        try {
            apply(userId, assignmentId, cellId, event, deliveries, created);
        } catch (ProcessingAborted e) {
            log.debug("progress event for {}/{}/{} not fully processed: {}", userId, assignmentId, cellId, e.getMessage());
        } finally {
            lock.unlock();
        }
        deliveries.forEach(sockets::publish);
        for (Notification n : created) {
            try {
                redis.convertAndSend(names.channel(PROGRESS_NOTIFICATIONS), PythonRepr.jsonDumps(sockets.tree(n.toJson())));
            } catch (RuntimeException e) {
                log.warn("progress notification not published: {}", e.toString());
            }
        }
    }

    private void apply(String userId, String assignmentId, String cellId, JsonNode event,
                       List<Delivery> deliveries, List<Notification> created) {
        LocalDateTime now = LegacyTime.utcNow();
        touch(userId, now);
        Map<String, Cell> cellMap = cells.computeIfAbsent(userId, k -> new LinkedHashMap<>())
                .computeIfAbsent(assignmentId, k -> new LinkedHashMap<>());
        Cell cell = cellMap.get(cellId);
        if (cell == null) {
            if (cellMap.size() >= limits.maxCellsPerAssignment()) {
                log.warn("progress of {}/{} already has {} cells: event ignored", userId, assignmentId, cellMap.size());
                return;
            }
            cell = new Cell(cellId, cellIndex(event), cellType(event));
            cellMap.put(cellId, cell);
        }
        updateCell(cell, event, now);

        Map<String, Assignment> userAssignments = assignments.computeIfAbsent(userId, k -> new LinkedHashMap<>());
        Assignment assignment = userAssignments.get(assignmentId);
        if (assignment == null) {
            if (userAssignments.size() >= limits.maxAssignmentsPerStudent()) {
                log.warn("progress of {} already has {} assignments: event ignored", userId, userAssignments.size());
                return;
            }
            assignment = new Assignment(assignmentId, cellMap, now);
            userAssignments.put(assignmentId, assignment);
        }
        updateAssignment(assignment, cellMap, now);

        Student student = summaries.computeIfAbsent(userId, k -> new Student(k, now));
        updateStudent(student, userAssignments, now);

        Map<String, Object> update = new LinkedHashMap<>();
        update.put("event_id", UUID.randomUUID().toString());
        update.put("event_type", "cell_execution");
        update.put("timestamp", LegacyTime.naive(now));
        update.put("user_id", userId);
        update.put("assignment_id", assignmentId);
        update.put("cell_id", cellId);
        update.put("update_type", "cell_progress");
        update.put("previous_value", null);
        update.put("new_value", cell.toJson());
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("assignment_progress", assignment.progressPercentage);
        info.put("overall_progress", student.overallProgressPercentage);
        update.put("progress_info", info);
        update.put("metadata", Map.of());
        deliveries.add(Delivery.toClient(SocketKind.PROGRESS_STUDENT, userId, sockets.tree(message("progress_update", update))));
        deliveries.add(Delivery.toKind(SocketKind.PROGRESS_INSTRUCTOR, sockets.tree(message("student_progress_update", update))));

        notify(userId, assignmentId, cell, assignment, now, created);
        for (Notification n : created) {
            Delivery delivery = n.recipientType().equals("student")
                    ? Delivery.toClient(SocketKind.PROGRESS_STUDENT, n.recipientId(), sockets.tree(message("notification", n.toJson())))
                    : Delivery.toKind(SocketKind.PROGRESS_INSTRUCTOR, sockets.tree(message("notification", n.toJson())));
            deliveries.add(delivery);
        }
        eventsProcessed++;
    }

    private static Map<String, Object> message(String type, Object data) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", type);
        message.put("data", data);
        return message;
    }

    /** Pydantic's {@code cell_index: int} of a new cell; {@code cellIndex: null} stops the event. */
    private static long cellIndex(JsonNode event) {
        JsonNode v = event.get("cellIndex");
        if (v == null) {
            return 0;
        }
        if (v.isIntegralNumber()) {
            return v.longValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue() ? 1 : 0;
        }
        if (v.isNumber() && v.doubleValue() == Math.rint(v.doubleValue())) {
            return (long) v.doubleValue();
        }
        if (v.isString()) {
            try {
                return Long.parseLong(v.stringValue().strip());
            } catch (NumberFormatException e) {
                throw new ProcessingAborted("cell_index: Input should be a valid integer");
            }
        }
        throw new ProcessingAborted("cell_index: Input should be a valid integer");
    }

    private static String cellType(JsonNode event) {
        JsonNode v = event.get("cellType");
        if (v == null) {
            return "code";
        }
        if (v.isString()) {
            return v.stringValue();
        }
        throw new ProcessingAborted("cell_type: Input should be a valid string");
    }

    private static void updateCell(Cell cell, JsonNode event, LocalDateTime now) {
        JsonNode type = event.get("eventType");
        String eventType = type != null && type.isString() ? type.stringValue() : "";
        switch (eventType) {
            case "cell_execution_start" -> {
                cell.executionStatus = "running";
                cell.lastExecutedAt = now;
            }
            case "cell_execution_complete" -> {
                cell.executionStatus = "completed";
                cell.executionCount = valueOrZero(event, "executionCount");
                cell.executionDurationMs = valueOrZero(event, "executionDurationMs");
                cell.isCompleted = true;
                cell.completionScore = 1.0;
                cell.hasError = false;
                cell.errorMessage = null;
                cell.errorType = null;
            }
            case "cell_execution_error" -> {
                cell.executionStatus = "error";
                cell.hasError = true;
                cell.errorMessage = event.has("errorMessage") ? event.get("errorMessage") : null;
                cell.errorType = event.has("errorType") ? event.get("errorType") : ProgressModel.text("execution_error");
                cell.completionScore = 0.0;
            }
            default -> {
                // other event types change no status
            }
        }
        if (event.has("code")) {
            JsonNode code = event.get("code");
            if (!code.isString()) {
                throw new ProcessingAborted("'" + PythonRepr.typeName(code) + "' object has no attribute 'splitlines'");
            }
            cell.codeLength = splitLines(code.stringValue());
        }
        if (event.has("result")) {
            String output = PythonRepr.str(event.get("result"));
            cell.outputLength = output.codePointCount(0, output.length());
        }
        if (event.has("metadata")) {
            JsonNode metadata = event.get("metadata");
            if (metadata.isObject()) {
                if (metadata.has("memory_usage_mb")) {
                    cell.memoryUsageMb = metadata.get("memory_usage_mb");
                }
            } else if (metadata.isString() || metadata.isArray()) {
                boolean mentions = metadata.isString() ? metadata.stringValue().contains("memory_usage_mb")
                        : metadata.valueStream().anyMatch(e -> e.isString() && e.stringValue().equals("memory_usage_mb"));
                if (mentions) {
                    throw new ProcessingAborted("indices must be integers");
                }
            } else {
                throw new ProcessingAborted("argument of type '" + PythonRepr.typeName(metadata) + "' is not iterable");
            }
        }
    }

    /** {@code event.get(key, 0)}: the raw value when present (even null), else the integer 0. */
    private static JsonNode valueOrZero(JsonNode event, String key) {
        return event.has(key) ? event.get(key) : tools.jackson.databind.node.LongNode.valueOf(0);
    }

    /** Python's {@code len(s.splitlines())}. */
    static int splitLines(String s) {
        int lines = 0;
        int i = 0;
        int n = s.length();
        while (i < n) {
            int end = i;
            while (end < n && !isLineBreak(s.charAt(end))) {
                end++;
            }
            lines++;
            if (end < n && s.charAt(end) == '\r' && end + 1 < n && s.charAt(end + 1) == '\n') {
                end++;
            }
            i = end + 1;
        }
        return lines;
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || c == 0x1c || c == 0x1d || c == 0x1e
                || c == 0x85 || c == 0x2028 || c == 0x2029;
    }

    private static void updateAssignment(Assignment a, Map<String, Cell> cellMap, LocalDateTime now) {
        if (cellMap.isEmpty()) {
            return;
        }
        a.totalCells = cellMap.size();
        a.completedCells = (int) cellMap.values().stream().filter(c -> c.isCompleted).count();
        a.errorCells = (int) cellMap.values().stream().filter(c -> c.hasError).count();
        if (a.totalCells > 0) {
            a.progressPercentage = (double) a.completedCells / a.totalCells * 100;
        }
        if (a.completedCells == 0) {
            a.overallStatus = "not_started";
        } else if (a.completedCells == a.totalCells) {
            a.overallStatus = "completed";
        } else {
            a.overallStatus = "in_progress";
        }
        a.lastUpdatedAt = now;
        a.totalExecutionTimeMs = ProgressModel.pySum(cellMap.values().stream().map(c -> c.executionDurationMs).toList());
        if (a.startedAt == null && a.completedCells > 0) {
            a.startedAt = now;
        }
        if (a.overallStatus.equals("in_progress")) {
            a.estimatedCompletionTime = estimate(a, cellMap, now);
        }
    }

    /** Now + remaining cells x mean duration of completed cells x 1.5 (null without such durations). */
    private static LocalDateTime estimate(Assignment a, Map<String, Cell> cellMap, LocalDateTime now) {
        if (a.completedCells == 0) {
            return null;
        }
        List<JsonNode> durations = cellMap.values().stream()
                .filter(c -> c.isCompleted && PythonRepr.truthy(c.executionDurationMs))
                .map(c -> c.executionDurationMs).toList();
        if (durations.isEmpty()) {
            return null;
        }
        try {
            double mean = ProgressModel.asDouble(ProgressModel.pySum(durations)) / durations.size();
            double remainingMs = (a.totalCells - a.completedCells) * mean * 1.5;
            long micros = new BigDecimal(remainingMs * 1000).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
            return now.plus(micros, ChronoUnit.MICROS);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void updateStudent(Student s, Map<String, Assignment> userAssignments, LocalDateTime now) {
        if (userAssignments.isEmpty()) {
            return;
        }
        List<Assignment> all = new ArrayList<>(userAssignments.values());
        s.totalAssignments = all.size();
        s.completedAssignments = (int) all.stream().filter(a -> a.overallStatus.equals("completed")).count();
        s.inProgressAssignments = (int) all.stream().filter(a -> a.overallStatus.equals("in_progress")).count();
        double totalProgress = 0;
        for (Assignment a : all) {
            totalProgress += a.progressPercentage;
        }
        s.overallProgressPercentage = totalProgress / s.totalAssignments;
        s.listed = all;
        s.totalExecutionCount = all.stream().mapToLong(a -> a.completedCells + a.errorCells).sum();
        s.totalExecutionTimeMs = ProgressModel.pySum(all.stream().map(a -> a.totalExecutionTimeMs).toList());
        if (s.totalExecutionCount > 0) {
            s.averageExecutionTimeMs = ProgressModel.asDouble(s.totalExecutionTimeMs) / s.totalExecutionCount;
        }
        long totalCells = all.stream().mapToLong(a -> a.totalCells).sum();
        long errorCells = all.stream().mapToLong(a -> a.errorCells).sum();
        if (totalCells > 0) {
            s.errorRate = (double) errorCells / totalCells;
        }
        s.lastActivityAt = now;
        if (s.firstActivityAt == null && s.totalExecutionCount > 0) {
            s.firstActivityAt = now;
        }
        if (s.firstActivityAt != null && s.lastActivityAt != null) {
            double hours = ChronoUnit.MICROS.between(s.firstActivityAt, s.lastActivityAt) / 1e6 / 3600;
            if (hours > 0) {
                s.learningVelocity = s.completedAssignments / hours;
            }
        }
        if (s.totalExecutionCount > 0) {
            s.focusScore = Math.max(0.0, Math.min(1.0, 1.0 - s.errorRate));
        }
        if (s.totalAssignments > 0) {
            s.consistencyScore = (double) s.completedAssignments / s.totalAssignments;
        }
    }

    private void notify(String userId, String assignmentId, Cell cell, Assignment a, LocalDateTime now,
                        List<Notification> created) {
        if (cell.hasError) {
            created.add(notification(userId, "student", "セル実行エラー", "セル " + cell.cellIndex
                    + " でエラーが発生しました: " + PythonRepr.str(cell.errorMessage), "error", assignmentId, userId, now));
        }
        if (a.overallStatus.equals("completed")) {
            created.add(notification(userId, "student", "課題完了", "課題 '" + a.name() + "' が完了しました！",
                    "success", assignmentId, userId, now));
            created.add(notification("instructor", "instructor", "学生課題完了",
                    "学生 " + userId + " が課題 '" + a.name() + "' を完了しました", "info", assignmentId, userId, now));
        }
        Set<String> flags = milestones.computeIfAbsent(userId, k -> new HashSet<>());
        for (int milestone : MILESTONES) {
            if (a.progressPercentage >= milestone && flags.add(assignmentId + ":" + milestone)) {
                created.add(notification(userId, "student", "進捗 " + milestone + "% 達成",
                        "課題 '" + a.name() + "' の進捗が " + milestone + "% に達しました", "info", assignmentId, userId, now));
            }
        }
        for (Notification n : created) {
            Deque<Notification> queue = pending.computeIfAbsent(n.recipientId(), k -> new ArrayDeque<>());
            queue.addLast(n);
            while (queue.size() > limits.maxNotificationsPerRecipient()) {
                queue.removeFirst();
            }
        }
        notificationsSent += created.size();
    }

    private static Notification notification(String recipient, String recipientType, String title, String message,
                                             String level, String assignmentId, String userId, LocalDateTime now) {
        return new Notification(UUID.randomUUID().toString(), recipient, recipientType, title, message, level,
                assignmentId, userId, now);
    }

    /** Registers activity of a user, forgetting the least recently active one beyond the limit. */
    private void touch(String userId, LocalDateTime now) {
        if (!users.containsKey(userId) && users.size() >= limits.maxStudents()) {
            users.entrySet().stream().min(Map.Entry.comparingByValue()).map(Map.Entry::getKey).ifPresent(oldest -> {
                users.remove(oldest);
                forget(oldest);
                milestones.remove(oldest);
            });
        }
        users.put(userId, now);
    }

    private void forget(String userId) {
        summaries.remove(userId);
        assignments.remove(userId);
        cells.remove(userId);
        pending.remove(userId);
    }

    public Optional<Map<String, Object>> student(String userId) {
        return read(() -> Optional.ofNullable(summaries.get(userId)).map(s -> s.toJson(true)));
    }

    public Optional<Map<String, Object>> assignment(String userId, String assignmentId) {
        return read(() -> Optional.ofNullable(assignments.getOrDefault(userId, Map.of()).get(assignmentId))
                .map(a -> a.toJson(true)));
    }

    /** The first {@code limit} students in first-seen order; without details the cells are left out of the answer only. */
    public Map<String, Object> allStudents(boolean includeDetails, int limit) {
        return read(() -> {
            List<Student> limited = summaries.values().stream().limit(limit).toList();
            LocalDateTime now = LegacyTime.utcNow();
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("total_students", summaries.size());
            stats.put("returned_students", limited.size());
            stats.put("active_students", limited.stream().filter(s -> s.lastActivityAt != null
                    && ChronoUnit.MICROS.between(s.lastActivityAt, now) / 1e6 < 3600).count());
            stats.put("average_progress", mean(limited));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("stats", stats);
            body.put("students_progress", limited.stream().map(s -> s.toJson(includeDetails)).toList());
            return body;
        });
    }

    /** The mean overall progress, or the integer 0 when there is none (as the legacy answers). */
    private static Object mean(List<Student> students) {
        if (students.isEmpty()) {
            return 0;
        }
        double sum = 0;
        for (Student s : students) {
            sum += s.overallProgressPercentage;
        }
        return sum / students.size();
    }

    /** Pending notifications of a recipient (a user id or {@code instructor}), oldest first. */
    public Map<String, Object> notifications(String recipient, boolean unreadOnly, int limit) {
        return read(() -> {
            List<Notification> all = new ArrayList<>(pending.getOrDefault(recipient, new ArrayDeque<>()));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("total_notifications", all.size());
            body.put("returned_notifications", Math.min(limit, all.size()));
            body.put("unread_count", all.size());
            body.put("notifications", all.stream().limit(limit).map(Notification::toJson).toList());
            return body;
        });
    }

    /** The manager's own counters (what the instructor socket sends as {@code stats}). */
    public Map<String, Object> counters() {
        return read(() -> {
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("total_events_processed", eventsProcessed);
            stats.put("total_notifications_sent", notificationsSent);
            stats.put("active_sessions", sockets.connections(SocketKind.PROGRESS_STUDENT).size());
            stats.put("last_cleanup", LegacyTime.naive(started));
            return stats;
        });
    }

    /** {@code GET /stats}: the counters plus totals over the summaries. */
    public Map<String, Object> stats() {
        return read(() -> {
            Map<String, Object> stats = new LinkedHashMap<>(counters());
            List<Student> all = new ArrayList<>(summaries.values());
            stats.put("total_students", all.size());
            stats.put("total_assignments", all.stream().mapToInt(s -> s.listed.size()).sum());
            stats.put("completion_rate", mean(all));
            stats.put("system_health", eventsProcessed > 0 ? "healthy" : "idle");
            return stats;
        });
    }

    /** Every summary with details, for the instructor socket. */
    public List<Map<String, Object>> allSummaries() {
        return read(() -> summaries.values().stream().map(s -> s.toJson(true)).toList());
    }

    /** Drops a user's summary, assignments, cells and own notifications (milestones and counters stay). */
    public void reset(String userId) {
        lock.lock();
        try {
            forget(userId);
            users.remove(userId);
        } finally {
            lock.unlock();
        }
    }

    /** Back to the state of a fresh process (the legacy's restart); for replays that start from nothing. */
    void clear() {
        lock.lock();
        try {
            users.clear();
            summaries.clear();
            assignments.clear();
            cells.clear();
            pending.clear();
            milestones.clear();
            eventsProcessed = 0;
            notificationsSent = 0;
        } finally {
            lock.unlock();
        }
    }

    private <T> T read(java.util.function.Supplier<T> reader) {
        lock.lock();
        try {
            return reader.get();
        } finally {
            lock.unlock();
        }
    }
}
