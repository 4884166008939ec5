package dev.cellmonitor.cutover.backend.lms.assignments;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The legacy's ClassAssignmentResponse, keys in its order; times in Z-time, {@code due_date} in UTC. */
record AssignmentResponse(
        @JsonProperty("class_id") long classId,
        @JsonProperty("notebook_id") long notebookId,
        String title,
        String description,
        @JsonProperty("due_date") String dueDate,
        Double points,
        long id,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("updated_at") String updatedAt) {
}
