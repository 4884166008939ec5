package dev.cellmonitor.cutover.backend.lms.submissions;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The legacy's AssignmentSubmissionResponse, keys in its order; {@code submitted_at} in Z-time. */
record SubmissionResponse(
        @JsonProperty("assignment_id") long assignmentId,
        @JsonProperty("student_id") long studentId,
        String status,
        Double grade,
        String feedback,
        long id,
        @JsonProperty("submitted_at") String submittedAt) {
}
