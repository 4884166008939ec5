package dev.cellmonitor.cutover.backend.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The legacy's three datetime renderings (CONTRACT.md §1.6). Python prints microseconds, and only when
 * they are not zero; all three drop anything finer than a microsecond.
 */
public final class LegacyTime {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    private LegacyTime() {
    }

    /** Routes with a response model: {@code 2026-11-28T22:56:02.777427Z}. */
    public static String zTime(Instant instant) {
        return instant == null ? null : naive(LocalDateTime.ofInstant(instant, ZoneOffset.UTC)) + "Z";
    }

    public static String zTime(OffsetDateTime time) {
        return time == null ? null : zTime(time.toInstant());
    }

    /** tz-aware values inside plain dicts: {@code 2026-11-28T22:56:02.777427+00:00}. */
    public static String offsetTime(Instant instant) {
        return instant == null ? null : naive(LocalDateTime.ofInstant(instant, ZoneOffset.UTC)) + "+00:00";
    }

    public static String offsetTime(OffsetDateTime time) {
        return time == null ? null : offsetTime(time.toInstant());
    }

    /** {@code datetime.utcnow()} and timestamp-without-time-zone columns: no offset at all. */
    public static String naive(LocalDateTime time) {
        if (time == null) {
            return null;
        }
        LocalDateTime micros = time.truncatedTo(ChronoUnit.MICROS);
        return (micros.getNano() == 0 ? SECONDS : MICROS).format(micros);
    }

    /** The legacy's {@code datetime.utcnow()}. */
    public static LocalDateTime utcNow() {
        return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
