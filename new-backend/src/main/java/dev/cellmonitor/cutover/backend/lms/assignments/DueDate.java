package dev.cellmonitor.cutover.backend.lms.assignments;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.cellmonitor.cutover.backend.web.JsonBody;
import dev.cellmonitor.cutover.backend.web.ValidationErrors;
import tools.jackson.databind.JsonNode;

/**
 * A {@code due_date} as Pydantic 2 reads a {@code datetime}: ISO 8601 with {@code T}, {@code t}, {@code _} or a
 * space between date and time, optional seconds and up to 6 fraction digits (more are truncated), an optional
 * {@code Z}/{@code ±HH:MM}/{@code ±HHMM} offset, a bare date (midnight), or a Unix timestamp (seconds, or
 * milliseconds beyond 2e10) as number or numeric string. Naive values are stored as UTC, as PostgreSQL does with
 * the legacy's UTC session.
 *
 * @param value  the instant as PostgreSQL will store it
 * @param naive  whether the input carried no offset (Python then never finds it equal to the stored value)
 */
record DueDate(OffsetDateTime value, boolean naive) {

    private static final Pattern ISO = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})(?:[Tt_ ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d+))?)?"
                    + "(Z|z|[+-]\\d{2}:?\\d{2})?)?");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final double MS_WATERSHED = 2e10;

    /** The parsed value, or null (JSON null, or an error recorded at {@code ["body", name]}). */
    static DueDate read(JsonNode node, String name, ValidationErrors errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        List<Object> loc = List.of("body", name);
        if (node.isNumber() && !node.isBoolean()) {
            return fromTimestamp(node.doubleValue(), loc, node, errors);
        }
        if (!node.isString()) {
            errors.add("datetime_type", loc, "Input should be a valid datetime", JsonBody.plain(node));
            return null;
        }
        String text = node.stringValue();
        Matcher iso = ISO.matcher(text);
        if (iso.matches()) {
            try {
                return fromIso(iso);
            } catch (DateTimeException | ArithmeticException e) {
                return unparsable(errors, loc, reason(e), text);
            }
        }
        if (NUMBER.matcher(text.strip()).matches()) {
            return fromTimestamp(Double.parseDouble(text.strip()), loc, node, errors);
        }
        return unparsable(errors, loc, text.length() < 10 ? "input is too short" : "invalid character in date or time",
                text);
    }

    private static DueDate unparsable(ValidationErrors errors, List<Object> loc, String reason, String input) {
        errors.add("datetime_from_date_parsing", loc, "Input should be a valid datetime or date, " + reason, input,
                Map.of("error", reason));
        return null;
    }

    private static DueDate fromIso(Matcher iso) {
        LocalDate date = LocalDate.of(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)),
                Integer.parseInt(iso.group(3)));
        if (iso.group(4) == null) {
            return new DueDate(date.atStartOfDay().atOffset(ZoneOffset.UTC), true);
        }
        int nanos = 0;
        if (iso.group(7) != null) {
            String fraction = (iso.group(7) + "000000").substring(0, 6);
            nanos = Integer.parseInt(fraction) * 1000;
        }
        LocalTime time = LocalTime.of(Integer.parseInt(iso.group(4)), Integer.parseInt(iso.group(5)),
                iso.group(6) == null ? 0 : Integer.parseInt(iso.group(6)), nanos);
        LocalDateTime local = LocalDateTime.of(date, time);
        String zone = iso.group(8);
        if (zone == null) {
            return new DueDate(local.atOffset(ZoneOffset.UTC), true);
        }
        ZoneOffset offset = zone.equalsIgnoreCase("Z") ? ZoneOffset.UTC
                : ZoneOffset.of(zone.length() == 5 ? zone.substring(0, 3) + ":" + zone.substring(3) : zone);
        return new DueDate(local.atOffset(offset).withOffsetSameInstant(ZoneOffset.UTC), false);
    }

    private static DueDate fromTimestamp(double seconds, List<Object> loc, JsonNode input, ValidationErrors errors) {
        double value = Math.abs(seconds) > MS_WATERSHED ? seconds / 1000 : seconds;
        try {
            long whole = (long) Math.floor(value);
            long micros = Math.round((value - whole) * 1_000_000);
            Instant instant = Instant.ofEpochSecond(whole, micros * 1000);
            if (instant.isBefore(Instant.parse("1600-01-01T00:00:00Z"))
                    || instant.isAfter(Instant.parse("9999-12-31T23:59:59.999999Z"))) {
                throw new DateTimeException("out of range");
            }
            return new DueDate(instant.atOffset(ZoneOffset.UTC), false);
        } catch (DateTimeException | ArithmeticException e) {
            String reason = "dates after 9999 are not supported as unix timestamps";
            errors.add("datetime_parsing", loc, "Input should be a valid datetime, " + reason, JsonBody.plain(input),
                    Map.of("error", reason));
            return null;
        }
    }

    private static String reason(RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("MonthOfYear")) {
            return "month value is outside expected range of 1-12";
        }
        if (message.contains("DayOfMonth") || message.contains("Invalid date")) {
            return "day value is outside expected range";
        }
        if (message.contains("HourOfDay")) {
            return "hour value is outside expected range of 0-23";
        }
        if (message.contains("MinuteOfHour")) {
            return "minute value is outside expected range of 0-59";
        }
        if (message.contains("SecondOfMinute")) {
            return "second value is outside expected range of 0-59";
        }
        return "invalid timezone offset";
    }
}
