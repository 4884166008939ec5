package dev.cellmonitor.cutover.backend.admin.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

public class JwtTokensTest {

    private static final String SECRET = "your-secret-key-here-change-in-production";
    private final JwtTokens tokens = new JwtTokens(new AuthProperties(SECRET, "HS256", 30));

    /** Built by hand as python-jose does: compact JSON header and claims, base64url without padding. */
    public static String legacyToken(String secret, String header, String claims) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return signingInput + "." + b64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void acceptsATokenTheLegacyIssued() throws Exception {
        long exp = Instant.now().getEpochSecond() + 1800;
        String token = legacyToken(SECRET, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                "{\"sub\":\"instructor@example.com\",\"exp\":" + exp + "}");
        assertThat(tokens.subject(token)).contains("instructor@example.com");
    }

    @Test
    void issuesTokensWithOnlySubAndExp() {
        String token = tokens.issue("instructor@example.com");
        String[] parts = token.split("\\.");
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(header).contains("\"alg\":\"HS256\"").contains("\"typ\":\"JWT\"");
        assertThat(claims).matches("\\{\"sub\":\"instructor@example.com\",\"exp\":\\d+}|\\{\"exp\":\\d+,\"sub\":\"instructor@example.com\"}");
        assertThat(tokens.subject(token)).contains("instructor@example.com");
    }

    @Test
    void refusesExpiredForgedAndSubjectlessTokens() throws Exception {
        long past = Instant.now().getEpochSecond() - 10;
        assertThat(tokens.subject(legacyToken(SECRET, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                "{\"sub\":\"a@b.c\",\"exp\":" + past + "}"))).isEmpty();
        long future = Instant.now().getEpochSecond() + 100;
        assertThat(tokens.subject(legacyToken("other-secret", "{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                "{\"sub\":\"a@b.c\",\"exp\":" + future + "}"))).isEmpty();
        assertThat(tokens.subject(legacyToken(SECRET, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                "{\"exp\":" + future + "}"))).isEmpty();
        assertThat(tokens.subject("not-a-token")).isEmpty();
    }

    @Test
    void expiresAfterTheConfiguredMinutes() {
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        JwtTokens fixed = new JwtTokens(new AuthProperties(SECRET, "HS256", 30), clock);
        assertThat(fixed.decode(fixed.issue("x@y.z"))).isEmpty(); // long expired in real time
        assertThat(fixed.lifetimeSeconds()).isEqualTo(1800);
    }
}
