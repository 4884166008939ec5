package dev.cellmonitor.cutover.backend.admin.instructors;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.cellmonitor.cutover.backend.admin.status.InstructorStatus;
import dev.cellmonitor.cutover.backend.web.LegacyTime;

/** One {@code instructors} row, without its password hash. */
public record Instructor(int id, String email, String name, String role, Boolean active, InstructorStatus status,
        Integer currentSessionId, Instant statusUpdatedAt, Instant lastLoginAt, Instant createdAt, Instant updatedAt) {

    /** Soft-deleted instructors have {@code is_active = false}; NULL counts as inactive too, as in the legacy's login check. */
    public boolean isActive() {
        return Boolean.TRUE.equals(active);
    }

    /** The legacy's {@code InstructorResponse}, keys in its order. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("email", email);
        json.put("name", name);
        json.put("role", role);
        json.put("id", id);
        json.put("is_active", active);
        json.put("status", status.value());
        json.put("current_session_id", currentSessionId);
        json.put("status_updated_at", LegacyTime.zTime(statusUpdatedAt));
        json.put("last_login_at", LegacyTime.zTime(lastLoginAt));
        json.put("created_at", LegacyTime.zTime(createdAt));
        json.put("updated_at", LegacyTime.zTime(updatedAt));
        return json;
    }
}
