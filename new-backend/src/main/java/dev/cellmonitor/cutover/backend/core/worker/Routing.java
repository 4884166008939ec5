package dev.cellmonitor.cutover.backend.core.worker;

/** The legacy worker's event types with special handling (CONTRACT.md §7.3); every other type only upserts the student. */
final class Routing {

    static final String CELL_EXECUTED = "cell_executed";
    static final String NOTEBOOK_OPENED = "notebook_opened";
    static final String ERROR_OCCURRED = "error_occurred";
    static final String HELP = "help";
    static final String HELP_STOP = "help_stop";
    static final String HELP_REQUEST = "help_request";
    static final String STUDENT_SESSION_START = "student_session_start";
    static final String INSTRUCTOR_ASSIGNMENT = "instructor_assignment";

    private Routing() {
    }

    static boolean isInstructorHandler(String type) {
        return STUDENT_SESSION_START.equals(type) || INSTRUCTOR_ASSIGNMENT.equals(type);
    }

    /** Types whose handler gets (or opens) the student's active session. */
    static boolean opensSession(String type) {
        return CELL_EXECUTED.equals(type) || NOTEBOOK_OPENED.equals(type);
    }

    /** Types the legacy worker's realtime notifier forwards to {@code help_requests} as soon as it reads them. */
    static boolean notifiesHelpRequest(String type) {
        return HELP_REQUEST.equals(type) || ERROR_OCCURRED.equals(type);
    }
}
