package dev.cellmonitor.cutover.backend.admin.status;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.cellmonitor.cutover.backend.web.LegacyTime;

/** An instructor's current status, as {@code instructors} holds it. */
public record StatusSnapshot(int instructorId, InstructorStatus status, Integer currentSessionId, Instant statusUpdatedAt) {

    /** The legacy's {@code InstructorStatusResponse}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("instructor_id", instructorId);
        json.put("status", status.value());
        json.put("current_session_id", currentSessionId);
        json.put("status_updated_at", LegacyTime.zTime(statusUpdatedAt));
        return json;
    }
}
