package dev.cellmonitor.cutover.flags;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Sticky canary assignment. A user's bucket (0..9999) depends only on the user key and a salt (the flag
 * that governs the route), so the same user always gets the same answer while the percentage stands, and
 * raising the percentage only adds buckets: nobody moves from new back to legacy.
 */
public final class CanaryBucket {

    public static final int BUCKETS = 10_000;

    private CanaryBucket() {
    }

    public static int of(String salt, String userKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((salt + '\u0000' + userKey).getBytes(StandardCharsets.UTF_8));
            int value = ((digest[0] & 0xff) << 24) | ((digest[1] & 0xff) << 16) | ((digest[2] & 0xff) << 8) | (digest[3] & 0xff);
            return Integer.remainderUnsigned(value, BUCKETS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Whether this user is in the canary share at {@code percentage} percent. */
    public static boolean selects(int percentage, String salt, String userKey) {
        return of(salt, userKey) < percentage * (BUCKETS / 100);
    }
}
