package dev.cellmonitor.cutover.backend.core.worker;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;

import dev.cellmonitor.cutover.backend.core.events.EventData;
import dev.cellmonitor.cutover.backend.web.PythonRepr;

/**
 * The legacy worker's InfluxDB point for a handled event (CONTRACT.md §6.3, measurement {@code student_progress}) in
 * line protocol, written the way the Python influxdb-client writes it: tags sorted by key, empty tags left out.
 */
final class InfluxLines {

    private InfluxLines() {
    }

    static String studentProgress(EventData d, Instant now) {
        Map<String, String> tags = new TreeMap<>();
        tags.put("emailAddress", d.emailAddress());
        tags.put("userName", d.userName() == null ? "" : d.userName());
        tags.put("teamName", d.teamName() == null ? "" : d.teamName());
        tags.put("event", d.eventType());
        String path = d.notebookPath();
        tags.put("notebook", WorkerEvent.truthy(path) ? basename(path) : "unknown");
        String dir = path == null ? "" : dirname(path);
        tags.put("directory", dir.isEmpty() ? "root" : dir);
        tags.put("cellType", d.cellType());
        tags.put("sessionId", d.sessionId());

        StringBuilder line = new StringBuilder(256).append("student_progress");
        tags.forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
                line.append(',').append(k).append('=').append(escapeKey(v));
            }
        });
        line.append(' ');
        boolean first = true;
        if (path != null) {
            line.append("notebookPath=").append(quote(path));
            first = false;
        }
        line.append(first ? "" : ",").append("cellId=").append(quote(d.cellId() == null ? "" : d.cellId()));
        line.append(",cellIndex=").append(d.cellIndex() == null ? -1 : d.cellIndex()).append('i');
        line.append(",cellContent=\"\"");
        line.append(",executionCount=").append(d.executionCount() == null ? -1 : d.executionCount()).append('i');
        if (Routing.CELL_EXECUTED.equals(d.eventType())) {
            line.append(",success=").append(!Boolean.TRUE.equals(d.hasError()));
            if (d.executionDurationMs() != null) {
                line.append(",duration=").append(PythonRepr.floatRepr(d.executionDurationMs()));
            }
        }
        OffsetDateTime at = EventTime.parse(d.eventTime());
        Instant time = at == null ? now : at.toInstant();
        line.append(' ').append(time.getEpochSecond() * 1_000_000_000L + time.getNano());
        return line.toString();
    }

    /** Python's {@code os.path.basename}. */
    static String basename(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Python's {@code os.path.dirname}. */
    static String dirname(String path) {
        String head = path.substring(0, path.lastIndexOf('/') + 1);
        String stripped = head.replaceAll("/+$", "");
        return stripped.isEmpty() ? head : stripped;
    }

    /** Tag keys and values: backslash before comma, equals sign, space; control characters spelled out. */
    static String escapeKey(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case ',' -> out.append("\\,");
                case ' ' -> out.append("\\ ");
                case '=' -> out.append("\\=");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A string field value: double-quoted, backslash before {@code "} and {@code \}. */
    static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
