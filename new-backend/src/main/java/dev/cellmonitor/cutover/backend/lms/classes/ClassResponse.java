package dev.cellmonitor.cutover.backend.lms.classes;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The legacy's ClassResponse, keys in its order; times in Z-time. */
record ClassResponse(
        String name,
        @JsonProperty("class_code") String classCode,
        String description,
        long id,
        @JsonProperty("is_active") boolean active,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("updated_at") String updatedAt) {
}
