package dev.cellmonitor.cutover.backend.admin.auth;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import com.auth0.jwt.interfaces.DecodedJWT;

import dev.cellmonitor.cutover.backend.admin.instructors.Instructors;
import dev.cellmonitor.cutover.backend.web.ApiException;

/**
 * The one Bearer check of every authenticated route (and of the instructor WebSocket's {@code token} parameter).
 * Answers as FastAPI's {@code HTTPBearer} + the legacy's {@code get_current_instructor} do (CONTRACT.md §1.4):
 * no credentials → 403 {@code Not authenticated}; another scheme → 403 {@code Invalid authentication credentials};
 * a token that does not verify or names nobody → 401 {@code Could not validate credentials} with
 * {@code WWW-Authenticate: Bearer}. Unlike the legacy, a deactivated instructor's token and a token revoked by
 * logout get that 401 too.
 */
@Component
public class BearerAuthentication {

    private final JwtTokens tokens;
    private final Instructors instructors;
    private final TokenRevocations revocations;

    BearerAuthentication(JwtTokens tokens, Instructors instructors, TokenRevocations revocations) {
        this.tokens = tokens;
        this.instructors = instructors;
        this.revocations = revocations;
    }

    /**
     * The instructor of an {@code Authorization} header value.
     *
     * @throws ApiException 403 or 401 as described above
     */
    public CurrentInstructor authenticate(String authorization) {
        if (authorization == null || authorization.isEmpty()) {
            throw forbidden("Not authenticated");
        }
        // Starlette's get_authorization_scheme_param: split at the first space
        int space = authorization.indexOf(' ');
        String scheme = space < 0 ? authorization : authorization.substring(0, space);
        String credentials = space < 0 ? "" : authorization.substring(space + 1);
        if (scheme.isEmpty() || credentials.isEmpty()) {
            throw forbidden("Not authenticated");
        }
        if (!scheme.toLowerCase(Locale.ROOT).equals("bearer")) {
            throw forbidden("Invalid authentication credentials");
        }
        return fromToken(credentials).orElseThrow(BearerAuthentication::couldNotValidate);
    }

    /** The instructor of a token: verified, not revoked, naming an existing active instructor; else empty. */
    public Optional<CurrentInstructor> fromToken(String token) {
        Optional<DecodedJWT> decoded = tokens.decode(token);
        if (decoded.isEmpty()) {
            return Optional.empty();
        }
        DecodedJWT jwt = decoded.get();
        return instructors.findByEmail(jwt.getSubject())
                .filter(instructor -> instructor.isActive())
                .filter(instructor -> !revocations.isRevoked(token))
                .map(instructor -> new CurrentInstructor(instructor, token, jwt.getExpiresAtAsInstant()));
    }

    /** The legacy's 401 for any token it cannot accept. */
    public static ApiException couldNotValidate() {
        return new ApiException(HttpStatus.UNAUTHORIZED, "Could not validate credentials",
                Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer"));
    }

    private static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, detail);
    }
}
