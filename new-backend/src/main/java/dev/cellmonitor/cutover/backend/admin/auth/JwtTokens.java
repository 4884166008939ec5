package dev.cellmonitor.cutover.backend.admin.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.JWTVerifier;

/**
 * Instructor access tokens exactly as the legacy (python-jose) makes them: HS256, header
 * {@code {"alg":"HS256","typ":"JWT"}}, claims {@code sub} (the instructor's e-mail) and {@code exp} only.
 * A token from either side is accepted by the other.
 */
@Component
public class JwtTokens {

    private final Algorithm algorithm;
    private final JWTVerifier verifier;
    private final AuthProperties properties;
    private final Clock clock;

    @Autowired
    public JwtTokens(AuthProperties properties) {
        this(properties, Clock.systemUTC());
    }

    JwtTokens(AuthProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.algorithm = Algorithm.HMAC256(properties.secretKey());
        this.verifier = JWT.require(algorithm).acceptLeeway(0).build();
    }

    public String issue(String subject) {
        Instant expires = clock.instant().plusSeconds(properties.accessTokenExpireMinutes() * 60L);
        return JWT.create().withSubject(subject).withExpiresAt(expires).sign(algorithm);
    }

    /** Seconds a login answer reports in {@code expires_in}. */
    public long lifetimeSeconds() {
        return properties.accessTokenExpireMinutes() * 60L;
    }

    /** The {@code sub} of a valid, unexpired token; empty for a bad signature, expiry, malformed token or no sub. */
    public Optional<String> subject(String token) {
        return decode(token).map(DecodedJWT::getSubject);
    }

    /** The verified token, for callers that also need its expiry (logout revocation). */
    public Optional<DecodedJWT> decode(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            DecodedJWT jwt = verifier.verify(token);
            return jwt.getSubject() == null ? Optional.empty() : Optional.of(jwt);
        } catch (JWTVerificationException e) {
            return Optional.empty();
        }
    }
}
