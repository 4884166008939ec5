package dev.cellmonitor.cutover.backend.monitoring.dashboard;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.cellmonitor.cutover.backend.influx.InfluxLine;
import dev.cellmonitor.cutover.backend.influx.InfluxWriter;

/**
 * The legacy's InfluxDB points of dismiss-help ({@code event=help_stop}) and resolve-error
 * ({@code event=error_resolved}), written only when an InfluxDB URL is configured, in the background and with
 * failures only logged, as the legacy does: fields sorted by key, time in microseconds as the legacy's
 * {@code datetime} carries it.
 */
@Component
class InfluxPoints {

    private final InfluxWriter writer;

    InfluxPoints(InfluxWriter writer) {
        this.writer = writer;
    }

    void helpStop(String email) {
        Map<String, Object> fields = new TreeMap<>();
        fields.put("eventId", UUID.randomUUID().toString());
        fields.put("userName", email.split("@", -1)[0]);
        fields.put("sessionId", "dashboard-dismiss-" + email);
        fields.put("success", true);
        write(email, "help_stop", fields);
    }

    void errorResolved(String email) {
        Map<String, Object> fields = new TreeMap<>();
        fields.put("eventId", UUID.randomUUID().toString());
        fields.put("userName", email.split("@", -1)[0]);
        fields.put("sessionId", "dashboard-resolve-" + email);
        fields.put("resolvedBy", "instructor");
        fields.put("success", true);
        write(email, "error_resolved", fields);
    }

    private void write(String email, String event, Map<String, Object> fields) {
        if (!writer.enabled()) {
            return;
        }
        String line = line(email, event, fields, Instant.now());
        Thread.ofVirtual().name("influx-write").start(() -> writer.write(List.of(line)));
    }

    static String line(String email, String event, Map<String, Object> fields, Instant time) {
        InfluxLine line = InfluxLine.measurement("student_progress").tag("emailAddress", email).tag("event", event);
        fields.forEach((key, value) -> {
            if (value instanceof Boolean b) {
                line.field(key, b.booleanValue());
            } else {
                line.field(key, value.toString());
            }
        });
        return line.at(time.truncatedTo(ChronoUnit.MICROS));
    }
}
