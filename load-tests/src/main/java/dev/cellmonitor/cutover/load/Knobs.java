package dev.cellmonitor.cutover.load;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * Where every suite setting comes from: a system property ({@code -DpeakUsers=400}), else the environment
 * variable of the same name in upper snake case with a {@code LOAD_} prefix ({@code LOAD_PEAK_USERS=400}),
 * else the default. Durations take {@code 500ms}, {@code 90s}, {@code 5m}, {@code 1h} or plain seconds.
 */
public final class Knobs {

    private final UnaryOperator<String> properties;
    private final UnaryOperator<String> environment;

    Knobs(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        this.properties = properties;
        this.environment = environment;
    }

    public static Knobs system() {
        return new Knobs(System::getProperty, System::getenv);
    }

    /** For tests and programmatic runs: only the given values, no system properties or environment. */
    public static Knobs of(Map<String, String> values) {
        Properties p = new Properties();
        p.putAll(values);
        return new Knobs(p::getProperty, name -> null);
    }

    /** These settings, falling back to {@code defaults} (a suite's own defaults) before the built-in ones. */
    public Knobs withDefaults(Map<String, String> defaults) {
        return new Knobs(name -> {
            String value = raw(name);
            return value != null ? value : defaults.get(name);
        }, name -> null);
    }

    public static String environmentName(String name) {
        return "LOAD_" + name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_').replace('-', '_')
                .toUpperCase(Locale.ROOT);
    }

    /** The raw value, or null when nobody set it. */
    public String raw(String name) {
        String value = properties.apply(name);
        if (value == null || value.isBlank()) {
            value = environment.apply(environmentName(name));
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    public String text(String name, String fallback) {
        String value = raw(name);
        return value == null ? fallback : value;
    }

    public int integer(String name, int fallback) {
        String value = raw(name);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw invalid(name, value, "a whole number");
        }
    }

    public double decimal(String name, double fallback) {
        String value = raw(name);
        try {
            return value == null ? fallback : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw invalid(name, value, "a number");
        }
    }

    public boolean flag(String name, boolean fallback) {
        String value = raw(name);
        return value == null ? fallback : Boolean.parseBoolean(value);
    }

    public Duration duration(String name, Duration fallback) {
        String value = raw(name);
        if (value == null) {
            return fallback;
        }
        try {
            return parseDuration(value);
        } catch (IllegalArgumentException e) {
            throw invalid(name, value, "a duration such as 500ms, 90s, 5m or 1h");
        }
    }

    static Duration parseDuration(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
        }
        char unit = v.charAt(v.length() - 1);
        String number = Character.isDigit(unit) ? v : v.substring(0, v.length() - 1).trim();
        double amount = Double.parseDouble(number);
        long millis = switch (unit) {
            case 'h' -> Math.round(amount * 3_600_000);
            case 'm' -> Math.round(amount * 60_000);
            case 's' -> Math.round(amount * 1000);
            default -> {
                if (!Character.isDigit(unit)) {
                    throw new IllegalArgumentException(value);
                }
                yield Math.round(amount * 1000);
            }
        };
        if (millis < 0) {
            throw new IllegalArgumentException(value);
        }
        return Duration.ofMillis(millis);
    }

    private static IllegalArgumentException invalid(String name, String value, String expected) {
        return new IllegalArgumentException("load-test setting " + name + " (env " + environmentName(name)
                + ") = '" + value + "' is not " + expected);
    }
}
