package dev.cellmonitor.cutover.backend.monitoring.progress;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Bounds of the in-memory realtime progress (the legacy's grew without limit).
 *
 * @param maxStudents                  students kept; beyond, the one inactive the longest is forgotten
 * @param maxAssignmentsPerStudent     assignments kept per student; events for more are ignored
 * @param maxCellsPerAssignment        cells kept per assignment; events for more are ignored
 * @param maxNotificationsPerRecipient notifications kept per recipient; the oldest go first
 */
@ConfigurationProperties("cellmonitor.monitoring.progress")
public record ProgressProperties(int maxStudents, int maxAssignmentsPerStudent, int maxCellsPerAssignment,
                                 int maxNotificationsPerRecipient) {

    public ProgressProperties {
        maxStudents = maxStudents <= 0 ? 10_000 : maxStudents;
        maxAssignmentsPerStudent = maxAssignmentsPerStudent <= 0 ? 200 : maxAssignmentsPerStudent;
        maxCellsPerAssignment = maxCellsPerAssignment <= 0 ? 1_000 : maxCellsPerAssignment;
        maxNotificationsPerRecipient = maxNotificationsPerRecipient <= 0 ? 500 : maxNotificationsPerRecipient;
    }
}
