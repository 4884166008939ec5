package dev.cellmonitor.cutover.backend.admin.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import dev.cellmonitor.cutover.backend.admin.instructors.Instructor;
import dev.cellmonitor.cutover.backend.admin.instructors.Instructors;
import dev.cellmonitor.cutover.backend.admin.status.InstructorStatus;
import dev.cellmonitor.cutover.backend.admin.status.InstructorStatusService;
import dev.cellmonitor.cutover.backend.web.ApiException;

/** Login, password change and logout with the legacy's answers and side effects (CONTRACT.md §2.15). */
@Service
class AuthService {

    private static final Logger log = LoggerFactory.getLogger(AuthService.class);

    private final Instructors instructors;
    private final InstructorStatusService statuses;
    private final JwtTokens tokens;
    private final TokenRevocations revocations;

    AuthService(Instructors instructors, InstructorStatusService statuses, JwtTokens tokens, TokenRevocations revocations) {
        this.instructors = instructors;
        this.statuses = statuses;
        this.tokens = tokens;
        this.revocations = revocations;
    }

    /** Checks the password, marks the instructor available and issues a token: the legacy's login answer. */
    Map<String, Object> login(String email, String password) {
        Instructor instructor = instructors.findByEmail(email)
                .filter(Instructor::isActive)
                .filter(i -> instructors.passwordHash(i.id()).map(hash -> Passwords.matches(password, hash)).orElse(false))
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "Invalid credentials",
                        Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer")));
        String token = tokens.issue(instructor.email());
        revocations.reinstate(token);
        statuses.changeStatus(instructor.id(), InstructorStatus.AVAILABLE, null);
        Instructor after = instructors.findById(instructor.id()).orElseThrow();
        Map<String, Object> tokenJson = new LinkedHashMap<>();
        tokenJson.put("access_token", token);
        tokenJson.put("token_type", "bearer");
        tokenJson.put("expires_in", tokens.lifetimeSeconds());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("instructor", after.toJson());
        json.put("token", tokenJson);
        return json;
    }

    /** False when the current password is wrong; otherwise stores a new passlib-compatible hash. */
    boolean changePassword(CurrentInstructor me, String currentPassword, String newPassword) {
        Optional<String> hash = instructors.passwordHash(me.id());
        if (hash.isEmpty() || !Passwords.matches(currentPassword, hash.get())) {
            return false;
        }
        instructors.updatePasswordHash(me.id(), Passwords.hash(newPassword));
        return true;
    }

    /** Sets the instructor offline and revokes the token for this backend (the legacy only does the former). */
    void logout(CurrentInstructor me) {
        statuses.changeStatus(me.id(), InstructorStatus.OFFLINE, null);
        try {
            revocations.revoke(me.token(), me.tokenExpiresAt());
        } catch (DataAccessException e) {
            // the instructor is offline; the token stays usable until it expires, as it always does on the legacy
            log.error("could not revoke the token of instructor {} at logout", me.id(), e);
        }
    }
}
