package dev.cellmonitor.cutover.backend.core.worker;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** The free-text {@code eventTime} read as an RFC 3339 / ISO instant when it is one (naive times are UTC). */
final class EventTime {

    private EventTime() {
    }

    static OffsetDateTime parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.strip();
        try {
            return OffsetDateTime.parse(s);
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(s).atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException notNaive) {
                return null;
            }
        }
    }
}
