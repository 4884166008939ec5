package dev.cellmonitor.cutover.backend.admin.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import dev.cellmonitor.cutover.backend.redis.RedisNames;

/**
 * Tokens revoked by logout, as a deny-list in Redis (so every replica sees it) whose entries live exactly as
 * long as the token would. Keys hold a SHA-256 of the token, never the token itself.
 */
@Component
class TokenRevocations {

    private static final Logger log = LoggerFactory.getLogger(TokenRevocations.class);
    static final String KEY_PREFIX = "cutover:revoked-token:";

    private final StringRedisTemplate redis;
    private final RedisNames names;
    private final Clock clock;

    @Autowired
    TokenRevocations(StringRedisTemplate redis, RedisNames names) {
        this(redis, names, Clock.systemUTC());
    }

    TokenRevocations(StringRedisTemplate redis, RedisNames names, Clock clock) {
        this.redis = redis;
        this.names = names;
        this.clock = clock;
    }

    /** Denies the token until its expiry (for good when it has none); an expired token needs no entry. */
    void revoke(String token, Instant expiresAt) {
        if (expiresAt == null) {
            redis.opsForValue().set(key(token), "1");
            return;
        }
        Duration remaining = Duration.between(clock.instant(), expiresAt);
        if (!remaining.isNegative() && !remaining.isZero()) {
            redis.opsForValue().set(key(token), "1", remaining);
        }
    }

    /**
     * Lifts the denial of a token that a new login issued again: tokens carry only {@code sub} and {@code exp}
     * (as the legacy's), so a login in the same second as an earlier logout yields the very same token string.
     */
    void reinstate(String token) {
        try {
            redis.delete(key(token));
        } catch (DataAccessException e) {
            log.warn("token deny-list unwritable, a token re-issued in the second of its logout stays denied: {}",
                    e.getMessage());
        }
    }

    /**
     * Whether logout revoked the token. When Redis cannot answer the token counts as not revoked: the signature
     * and expiry were checked already, and the legacy (which never revokes) would accept it too.
     */
    boolean isRevoked(String token) {
        try {
            return Boolean.TRUE.equals(redis.hasKey(key(token)));
        } catch (DataAccessException e) {
            log.warn("token deny-list unreadable, accepting a valid token: {}", e.getMessage());
            return false;
        }
    }

    String key(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return names.key(KEY_PREFIX + HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
