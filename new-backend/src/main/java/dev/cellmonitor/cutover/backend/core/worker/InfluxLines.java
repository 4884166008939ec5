package dev.cellmonitor.cutover.backend.core.worker;

import java.time.Instant;
import java.time.OffsetDateTime;

import dev.cellmonitor.cutover.backend.core.events.EventData;
import dev.cellmonitor.cutover.backend.influx.InfluxLine;

/**
 * The legacy worker's InfluxDB point for a handled event (CONTRACT.md §6.3, measurement {@code student_progress}),
 * in line protocol ({@link InfluxLine}).
 */
final class InfluxLines {

    private InfluxLines() {
    }

    static String studentProgress(EventData d, Instant now) {
        String path = d.notebookPath();
        String dir = path == null ? "" : dirname(path);
        InfluxLine line = InfluxLine.measurement("student_progress")
                .tag("emailAddress", d.emailAddress())
                .tag("userName", d.userName())
                .tag("teamName", d.teamName())
                .tag("event", d.eventType())
                .tag("notebook", WorkerEvent.truthy(path) ? basename(path) : "unknown")
                .tag("directory", dir.isEmpty() ? "root" : dir)
                .tag("cellType", d.cellType())
                .tag("sessionId", d.sessionId());
        if (path != null) {
            line.field("notebookPath", path);
        }
        line.field("cellId", d.cellId() == null ? "" : d.cellId())
                .field("cellIndex", d.cellIndex() == null ? -1L : d.cellIndex().longValue())
                .field("cellContent", "")
                .field("executionCount", d.executionCount() == null ? -1L : d.executionCount().longValue());
        if (Routing.CELL_EXECUTED.equals(d.eventType())) {
            line.field("success", !Boolean.TRUE.equals(d.hasError()));
            if (d.executionDurationMs() != null) {
                line.field("duration", d.executionDurationMs().doubleValue());
            }
        }
        OffsetDateTime at = EventTime.parse(d.eventTime());
        return line.at(at == null ? now : at.toInstant());
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
}
