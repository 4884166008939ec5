package dev.cellmonitor.cutover.backend.core.worker;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.cellmonitor.cutover.backend.core.events.EventData;
import dev.cellmonitor.cutover.backend.web.LegacyTime;
import dev.cellmonitor.cutover.backend.web.PythonRepr;

/** The legacy worker's Redis messages, key for key and in its key order (CONTRACT.md §6.2 d-h). */
final class LegacyMessages {

    private LegacyMessages() {
    }

    /**
     * (d) {@code notifications}: one per consumed event, whatever became of it. {@code processedAt} is the worker's
     * health object as a JSON string, passed already rendered (it is the same for a whole batch).
     */
    static Map<String, Object> processed(WorkerEvent e, PythonRepr.Raw healthJson) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("emailAddress", e.data().emailAddress());
        m.put("notebookPath", e.data().notebookPath());
        m.put("event", e.eventKey());
        m.put("status", "processed");
        m.put("processedAt", healthJson);
        return m;
    }

    /** (g) {@code help_requests} from the realtime notifier, for {@code help_request} and {@code error_occurred}. */
    static Map<String, Object> realtimeHelpRequest(WorkerEvent e) {
        EventData d = e.data();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("student_email", d.emailAddress());
        data.put("notebook_path", d.notebookPath());
        data.put("cell_index", d.cellIndex());
        data.put("error_message", d.errorMessage());
        data.put("help_type", e.helpType());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "help_request");
        m.put("timestamp", LegacyTime.naive(LegacyTime.utcNow()));
        m.put("priority", "high");
        m.put("data", data);
        return m;
    }

    /** (e) {@code dashboard_updates} after a {@code cell_executed}; the alert variant when the error is significant. */
    static Map<String, Object> dashboardUpdate(WorkerEvent e, String studentName, boolean significant) {
        EventData d = e.data();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", significant ? "significant_error_alert" : "student_progress_update");
        m.put("emailAddress", d.emailAddress());
        m.put("userName", userName(d, studentName));
        m.put("teamName", d.teamName());
        m.put("currentNotebook", WorkerEvent.truthy(d.notebookPath()) ? d.notebookPath() : "/unknown");
        m.put("lastActivity", "今");
        m.put("status", "active");
        m.put("cellExecutions", 1);
        m.put("errorCount", Boolean.TRUE.equals(d.hasError()) ? 1 : 0);
        m.put("timestamp", d.eventTime());
        m.put("isSignificantError", significant);
        if (significant) {
            m.put("alertLevel", "warning");
            m.put("message", "連続エラーが発生しています: " + d.cellId());
        }
        return m;
    }

    /** (f) {@code help_requests} after a {@code help} event. */
    static Map<String, Object> helpRequest(WorkerEvent e, String studentName) {
        EventData d = e.data();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "help_request");
        m.put("emailAddress", d.emailAddress());
        m.put("userName", userName(d, studentName));
        m.put("teamName", d.teamName());
        m.put("notebookPath", d.notebookPath());
        m.put("cellId", d.cellId());
        m.put("timestamp", d.eventTime());
        m.put("priority", "urgent");
        return m;
    }

    /** (h) {@code error_alerts} after an {@code error_occurred} event. */
    static Map<String, Object> errorAlert(WorkerEvent e, String studentName) {
        EventData d = e.data();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "error_alert");
        m.put("emailAddress", d.emailAddress());
        m.put("userName", userName(d, studentName));
        m.put("teamName", d.teamName());
        m.put("notebookPath", d.notebookPath());
        m.put("cellId", d.cellId());
        m.put("errorMessage", d.errorMessage());
        m.put("timestamp", d.eventTime());
        m.put("severity", "high");
        return m;
    }

    /** The stored student name, else the event's userName, else the e-mail. */
    private static String userName(EventData d, String studentName) {
        if (WorkerEvent.truthy(studentName)) {
            return studentName;
        }
        return WorkerEvent.truthy(d.userName()) ? d.userName() : d.emailAddress();
    }
}
