package dev.cellmonitor.cutover.parity.compare;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The value normalisers of FORMAT.md §8: generated values are replaced by a token that keeps their format
 * (so the format is compared, not the value).
 */
public final class Normalisers {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    static final Pattern TIMESTAMP = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})([T ])(\\d{2}:\\d{2}:\\d{2})(\\.\\d+)?(Z|[+-]\\d{2}:?\\d{2})?");
    private static final Pattern JWT = Pattern.compile("^[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*$");

    private Normalisers() {
    }

    /** Every UUID (anywhere in the string) becomes {@code <uuid>}. */
    public static String uuids(String s) {
        return UUID.matcher(s).replaceAll("<uuid>");
    }

    public static boolean isUuid(String s) {
        return UUID.matcher(s).matches();
    }

    /**
     * Every timestamp within {@code window} of {@code clock} becomes a token of its format family
     * ({@code <ts T Z>}, {@code <ts T +hh:mm>}, {@code <ts space naive>}); timestamps further away are fixed
     * values and stay as they are.
     */
    public static String timestamps(String s, Instant clock, Duration window) {
        Matcher m = TIMESTAMP.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Optional<Instant> t = instant(m);
            String replacement = t.isPresent() && Duration.between(t.get(), clock).abs().compareTo(window) <= 0
                    ? family(m) : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The format family of a whole-string timestamp, empty when the string is not one. */
    public static Optional<String> timestampFamily(String s) {
        Matcher m = TIMESTAMP.matcher(s);
        return m.matches() && instant(m).isPresent() ? Optional.of(family(m)) : Optional.empty();
    }

    private static String family(Matcher m) {
        String zone = m.group(5);
        String z = zone == null ? "naive" : zone.equals("Z") ? "Z" : "offset";
        return "<ts " + (m.group(2).equals("T") ? "T" : "space") + " " + z + ">";
    }

    private static Optional<Instant> instant(Matcher m) {
        String local = m.group(1) + "T" + m.group(3) + (m.group(4) == null ? "" : m.group(4));
        try {
            String zone = m.group(5);
            if (zone == null) {
                return Optional.of(LocalDateTime.parse(local).toInstant(java.time.ZoneOffset.UTC));
            }
            String z = zone.equals("Z") || zone.contains(":") ? zone : zone.substring(0, 3) + ":" + zone.substring(3);
            return Optional.of(OffsetDateTime.parse(local + z).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A JSON Web Token's parts, when the string is one. */
    record Jwt(JsonNode header, TreeSet<String> claims, JsonNode sub) {
    }

    static Optional<Jwt> jwt(String s) {
        if (!JWT.matcher(s).matches()) {
            return Optional.empty();
        }
        String[] parts = s.split("\\.", -1);
        try {
            JsonNode header = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
            JsonNode payload = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            if (!header.isObject() || !payload.isObject()) {
                return Optional.empty();
            }
            return Optional.of(new Jwt(header, new TreeSet<>(payload.propertyNames()), payload.get("sub")));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** All variants of {@code s} with the listed tokens replaced, at most {@code limit} of them. */
    static List<String> variants(String s, List<Token> tokens, int limit) {
        List<String> out = new ArrayList<>();
        expand(s, 0, tokens, out, limit);
        return out;
    }

    /** A value of one side found inside a string, and the values the other side may have there instead. */
    record Token(Pattern where, List<String> replacements) {
    }

    private static void expand(String s, int i, List<Token> tokens, List<String> out, int limit) {
        if (out.size() >= limit) {
            return;
        }
        if (i == tokens.size()) {
            out.add(s);
            return;
        }
        Token t = tokens.get(i);
        if (!t.where().matcher(s).find()) {
            expand(s, i + 1, tokens, out, limit);
            return;
        }
        for (String r : t.replacements()) {
            expand(t.where().matcher(s).replaceAll(Matcher.quoteReplacement(r)), i + 1, tokens, out, limit);
        }
    }
}
