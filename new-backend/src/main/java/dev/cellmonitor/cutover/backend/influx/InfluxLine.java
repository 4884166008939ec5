package dev.cellmonitor.cutover.backend.influx;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import dev.cellmonitor.cutover.backend.web.PythonRepr;

/**
 * One InfluxDB line-protocol point, written the way the legacy's Python influxdb-client writes it: tags sorted by
 * key with empty ones left out, fields in the order given, nanosecond time.
 */
public final class InfluxLine {

    private final String measurement;
    private final Map<String, String> tags = new TreeMap<>();
    private final StringBuilder fields = new StringBuilder(128);

    private InfluxLine(String measurement) {
        this.measurement = measurement;
    }

    public static InfluxLine measurement(String measurement) {
        return new InfluxLine(measurement);
    }

    /** A tag; null or empty values are left out, as the Python client does. */
    public InfluxLine tag(String key, String value) {
        tags.put(key, value);
        return this;
    }

    /** A string field: double-quoted, backslash before {@code "} and {@code \}. */
    public InfluxLine field(String key, String value) {
        return raw(key, '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"');
    }

    public InfluxLine field(String key, boolean value) {
        return raw(key, String.valueOf(value));
    }

    /** An integer field ({@code 5i}). */
    public InfluxLine field(String key, long value) {
        return raw(key, value + "i");
    }

    /** A float field, in Python's {@code repr} digits. */
    public InfluxLine field(String key, double value) {
        return raw(key, PythonRepr.floatRepr(value));
    }

    private InfluxLine raw(String key, String value) {
        fields.append(fields.isEmpty() ? "" : ",").append(escape(key)).append('=').append(value);
        return this;
    }

    /** The line, stamped with {@code time} in nanoseconds. */
    public String at(Instant time) {
        StringBuilder line = new StringBuilder(256).append(measurement);
        tags.forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
                line.append(',').append(escape(k)).append('=').append(escape(v));
            }
        });
        return line.append(' ').append(fields).append(' ')
                .append(time.getEpochSecond() * 1_000_000_000L + time.getNano()).toString();
    }

    /** Tag keys and values, field keys: backslash before comma, equals sign, space; control characters spelled out. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case ',' -> out.append("\\,");
                case ' ' -> out.append("\\ ");
                case '=' -> out.append("\\=");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
