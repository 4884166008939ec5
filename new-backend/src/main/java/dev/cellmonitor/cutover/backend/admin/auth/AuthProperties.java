package dev.cellmonitor.cutover.backend.admin.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The legacy's token settings; application.yml binds them to the legacy's own variable names
 * ({@code SECRET_KEY}, {@code ALGORITHM}, {@code ACCESS_TOKEN_EXPIRE_MINUTES}) so both sides sign and accept
 * the same tokens.
 */
@ConfigurationProperties("cellmonitor.auth")
public record AuthProperties(String secretKey, String algorithm, int accessTokenExpireMinutes) {

    public AuthProperties {
        if (secretKey == null || secretKey.isEmpty()) {
            throw new IllegalArgumentException("cellmonitor.auth.secret-key (SECRET_KEY) must be set");
        }
        if (algorithm == null || !algorithm.equals("HS256")) {
            throw new IllegalArgumentException("only HS256 is supported, as the legacy uses; got " + algorithm);
        }
        if (accessTokenExpireMinutes <= 0) {
            accessTokenExpireMinutes = 30;
        }
    }
}
