package dev.cellmonitor.cutover.backend.support;

import java.util.Set;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import dev.cellmonitor.cutover.backend.redis.RedisNames;

/**
 * Tokens carry only {@code sub} and {@code exp}, like the legacy's, so a token a test issues directly is the very
 * string an earlier test of the same context may have logged out in the same second. Test classes that issue
 * tokens without logging in declare {@code @ExtendWith(TokenDenyList.class)}: each test starts from an empty
 * deny-list.
 */
public final class TokenDenyList implements BeforeEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        ApplicationContext app = SpringExtension.getApplicationContext(context);
        StringRedisTemplate redis = app.getBean(StringRedisTemplate.class);
        Set<String> keys = redis.keys(app.getBean(RedisNames.class).key("cutover:revoked-token:") + "*");
        if (keys != null && !keys.isEmpty()) {
            redis.delete(keys);
        }
    }
}
