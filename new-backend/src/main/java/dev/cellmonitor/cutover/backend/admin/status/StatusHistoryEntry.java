package dev.cellmonitor.cutover.backend.admin.status;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.cellmonitor.cutover.backend.web.LegacyTime;

/** One row of {@code instructor_status_history}. */
public record StatusHistoryEntry(int id, int instructorId, InstructorStatus status, Instant startedAt, Instant endedAt,
        Integer durationMinutes) {

    /** The legacy's {@code InstructorStatusHistoryResponse}; {@code session_id} is always null (no such column). */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("instructor_id", instructorId);
        json.put("status", status.value());
        json.put("session_id", null);
        json.put("started_at", LegacyTime.zTime(startedAt));
        json.put("ended_at", LegacyTime.zTime(endedAt));
        json.put("duration_minutes", durationMinutes);
        return json;
    }
}
