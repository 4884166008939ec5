package dev.cellmonitor.cutover.backend.admin.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * bcrypt exactly as the legacy's passlib {@code CryptContext(schemes=["bcrypt"])} does it: {@code $2b$} hashes
 * with cost 12 (so passlib verifies ours), any {@code $2a$/$2b$/$2y$} hash verified (so ours verifies the
 * legacy's), passwords cut to bcrypt's 72 bytes as passlib does instead of refusing them.
 */
public final class Passwords {

    static final int COST = 12;
    private static final int BCRYPT_MAX_BYTES = 72;

    private Passwords() {
    }

    public static String hash(String password) {
        return BCrypt.hashpw(bcryptBytes(password), BCrypt.gensalt("$2b", COST));
    }

    /** False for a wrong password and for a stored value that is no bcrypt hash at all. */
    public static boolean matches(String password, String hash) {
        if (password == null || hash == null) {
            return false;
        }
        try {
            return BCrypt.checkpw(bcryptBytes(password), hash);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] bcryptBytes(String password) {
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        return bytes.length <= BCRYPT_MAX_BYTES ? bytes : Arrays.copyOf(bytes, BCRYPT_MAX_BYTES);
    }
}
