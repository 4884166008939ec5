package dev.cellmonitor.cutover.backend.support;

import java.util.Set;

import org.springframework.data.redis.core.StringRedisTemplate;

import dev.cellmonitor.cutover.backend.redis.RedisNames;

/**
 * Tokens carry only {@code sub} and {@code exp}, like the legacy's, so a token a test issues directly is the very
 * string an earlier test of the same context may have logged out in the same second. Tests that issue tokens
 * without logging in start from an empty deny-list.
 */
public final class TokenDenyList {

    private TokenDenyList() {
    }

    public static void clear(StringRedisTemplate redis, RedisNames names) {
        Set<String> keys = redis.keys(names.key("cutover:revoked-token:") + "*");
        if (keys != null && !keys.isEmpty()) {
            redis.delete(keys);
        }
    }
}
