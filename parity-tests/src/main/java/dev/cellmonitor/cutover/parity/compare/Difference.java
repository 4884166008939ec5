package dev.cellmonitor.cutover.parity.compare;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * One field-level difference between the expected (legacy) and the actual (candidate) side.
 *
 * @param path     JSON Pointer of the field, prefixed by what it is part of ({@code /body/id},
 *                 {@code /frames/0/data/type}, {@code /tables/students/2/email}, {@code /status})
 * @param kind     what differs: {@code status}, {@code content-type}, {@code body-format}, {@code header},
 *                 {@code type}, {@code value}, {@code missing}, {@code unexpected}, {@code length},
 *                 {@code unmatched}, {@code pattern}, {@code oneof}, {@code reference}, {@code jwt},
 *                 {@code keys}, {@code handshake}, {@code frame}, {@code channel}, {@code error}
 * @param expected the legacy value (null when there is none)
 * @param actual   the candidate value (null when there is none)
 */
public record Difference(String path, String kind, JsonNode expected, JsonNode actual, String message) {

    /** The path with array indices replaced by {@code *}: the field a noise count or a proposed rule is about. */
    public String field() {
        List<String> segs = PathPattern.segments(path);
        return PathPattern.pointer(segs.stream().map(s -> s.chars().allMatch(Character::isDigit) && !s.isEmpty()
                ? "*" : s).toList());
    }

    public Difference under(String prefix) {
        return new Difference(prefix + path, kind, expected, actual, message);
    }

    @Override
    public String toString() {
        return (path.isEmpty() ? "(root)" : path) + ": " + message;
    }
}
