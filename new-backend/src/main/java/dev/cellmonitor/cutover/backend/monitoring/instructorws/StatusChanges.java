package dev.cellmonitor.cutover.backend.monitoring.instructorws;

/**
 * An instructor's status change with the legacy's database side effects (CONTRACT §2.15): in one transaction
 * the open history row is closed, a new one opened, and {@code instructors} updated.
 */
interface StatusChanges {

    /**
     * @param status    the API value ({@code available}, {@code in_session}, {@code break}, {@code offline})
     * @param sessionId a {@code sessions.id} or null
     * @throws StatusChangeFailed with the text the socket reports after {@code "Status update failed: "}
     */
    void change(int instructorId, String status, Integer sessionId);

    final class StatusChangeFailed extends RuntimeException {
        StatusChangeFailed(String message) {
            super(message, null, false, false);
        }
    }
}
