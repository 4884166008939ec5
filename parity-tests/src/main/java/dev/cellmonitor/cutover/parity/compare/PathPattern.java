package dev.cellmonitor.cutover.parity.compare;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The one path syntax of the parity rules: an RFC 6901 JSON Pointer ({@code /students/0/name}, {@code ~0} and
 * {@code ~1} escapes, {@code ""} for the whole document) in which a segment {@code *} matches any one segment and
 * {@code **} any number of segments, none included. A leading {@code /} may be left out before {@code **}.
 */
public final class PathPattern {

    private final String source;
    private final List<String> segments;

    private PathPattern(String source, List<String> segments) {
        this.source = source;
        this.segments = segments;
    }

    public static PathPattern of(String pattern) {
        return new PathPattern(pattern, segments(pattern));
    }

    /** The segments of a JSON Pointer, unescaped; {@code ""} has none. */
    public static List<String> segments(String pointer) {
        if (pointer == null || pointer.isEmpty()) {
            return List.of();
        }
        String body = pointer.startsWith("/") ? pointer.substring(1) : pointer;
        List<String> out = new ArrayList<>();
        for (String raw : body.split("/", -1)) {
            out.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return Collections.unmodifiableList(out);
    }

    /** The JSON Pointer of a list of segments. */
    public static String pointer(List<String> segments) {
        StringBuilder sb = new StringBuilder();
        for (String s : segments) {
            sb.append('/').append(s.replace("~", "~0").replace("/", "~1"));
        }
        return sb.toString();
    }

    public boolean matches(List<String> path) {
        return match(0, path, 0);
    }

    private boolean match(int pi, List<String> path, int si) {
        if (pi == segments.size()) {
            return si == path.size();
        }
        String p = segments.get(pi);
        if (p.equals("**")) {
            for (int k = si; k <= path.size(); k++) {
                if (match(pi + 1, path, k)) {
                    return true;
                }
            }
            return false;
        }
        if (si == path.size()) {
            return false;
        }
        return (p.equals("*") || p.equals(path.get(si))) && match(pi + 1, path, si + 1);
    }

    @Override
    public String toString() {
        return source;
    }
}
