package dev.cellmonitor.cutover.backend.admin.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCrypt;

class PasswordsTest {

    /** Written by passlib 1.7.4 ({@code CryptContext(schemes=["bcrypt"]).hash("password123")}), as the legacy stores it. */
    static final String PASSLIB_PASSWORD123 = "$2b$12$y6ZDsz5u2nwO4O6Rtyso8eHeB45d1RVHPHCHoszwrQuMdOuUxMo5u";
    /** passlib's hash of "Grüße, 先生!" (non-ASCII, UTF-8). */
    static final String PASSLIB_NON_ASCII = "$2b$12$O.O1pvjvJapqnbdqUWkoieC2X8C6lbx.W7bRHJftTuTcZj7V6G7PO";
    /** passlib's hash of "パスワード" x 6 (90 UTF-8 bytes: passlib hashes the first 72). */
    static final String PASSLIB_LONG = "$2b$12$bckSQFaqP/pjmGVL1YysR.6I7lngdlyUTLhScz8Or95LNMzENxDzC";

    @Test
    void verifiesHashesPasslibWrote() {
        assertThat(Passwords.matches("password123", PASSLIB_PASSWORD123)).isTrue();
        assertThat(Passwords.matches("password124", PASSLIB_PASSWORD123)).isFalse();
        assertThat(Passwords.matches("Grüße, 先生!", PASSLIB_NON_ASCII)).isTrue();
    }

    @Test
    void verifiesALegacyFormatHashMadeWithTheDocumentedAlgorithm() {
        String legacyFormat = BCrypt.hashpw("s3cret", BCrypt.gensalt("$2b", 12));
        assertThat(legacyFormat).startsWith("$2b$12$");
        assertThat(Passwords.matches("s3cret", legacyFormat)).isTrue();
    }

    @Test
    void writesTheLegacyFormatPasslibReads() {
        String hash = Passwords.hash("password123");
        assertThat(hash).startsWith("$2b$12$").hasSize(60);
        assertThat(Passwords.matches("password123", hash)).isTrue();
        // the same algorithm passlib runs: the stock bcrypt check accepts it
        assertThat(BCrypt.checkpw("password123", hash)).isTrue();
    }

    @Test
    void cutsLongPasswordsAt72BytesLikePasslib() {
        String long90Bytes = "パスワード".repeat(6);
        assertThat(Passwords.matches(long90Bytes, PASSLIB_LONG)).isTrue();
        assertThat(Passwords.matches("パスワード".repeat(5) + "パスワ", PASSLIB_LONG)).as("the first 72 bytes decide").isTrue();
        String ours = Passwords.hash("x".repeat(100));
        assertThat(Passwords.matches("x".repeat(72) + "y", ours)).isTrue();
    }

    @Test
    void treatsAStoredValueThatIsNoBcryptHashAsAMismatch() {
        assertThat(Passwords.matches("x", "not-a-hash")).isFalse();
        assertThat(Passwords.matches("x", null)).isFalse();
    }
}
