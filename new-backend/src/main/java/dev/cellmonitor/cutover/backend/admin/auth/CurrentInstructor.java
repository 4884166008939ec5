package dev.cellmonitor.cutover.backend.admin.auth;

import java.time.Instant;

import dev.cellmonitor.cutover.backend.admin.instructors.Instructor;

/**
 * The instructor a request's Bearer token belongs to. Declare it as a controller parameter and the route requires
 * the token, with the legacy's 403/401 answers ({@link BearerAuthentication}).
 *
 * @param instructor the instructor row as read while authenticating
 * @param token the raw token (for revocation at logout)
 * @param tokenExpiresAt the token's {@code exp}, null if it has none
 */
public record CurrentInstructor(Instructor instructor, String token, Instant tokenExpiresAt) {

    public int id() {
        return instructor.id();
    }

    public String email() {
        return instructor.email();
    }
}
