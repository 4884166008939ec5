package dev.cellmonitor.cutover.catalogue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Segment trie over path templates: a lookup walks one node per path segment, so matching costs
 * O(segments) whatever the number of routes. Literal segments win over {@code {param}} segments,
 * as in Starlette where literal routes are declared first.
 */
final class PathTrie {

    private final Node root = new Node();

    void add(Route route) {
        Node node = root;
        List<String> segments = segments(route.path());
        if (route.tail() && segments.getLast().isEmpty()) {
            // a mount such as /socket.io/: the mount point itself and everything below it
            segments = segments.subList(0, segments.size() - 1);
            for (String segment : segments) {
                node = node.literals.computeIfAbsent(segment, s -> new Node());
            }
            node.mounts.add(route);
            return;
        }
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            boolean last = i == segments.size() - 1;
            if (isParam(segment)) {
                if (last && route.tail()) {
                    node.tails.add(route);
                    return;
                }
                node = node.param == null ? (node.param = new Node()) : node.param;
            } else {
                node = node.literals.computeIfAbsent(segment, s -> new Node());
            }
        }
        node.routes.add(route);
    }

    /** Every route whose template matches the path, most specific first; method filtering is the caller's. */
    List<Route> candidates(String path) {
        List<Route> found = new ArrayList<>();
        collect(root, segments(path), 0, found);
        return found;
    }

    private void collect(Node node, List<String> segments, int index, List<Route> found) {
        if (index < segments.size()) {
            String segment = segments.get(index);
            Node literal = node.literals.get(segment);
            if (literal != null) {
                collect(literal, segments, index + 1, found);
            }
            if (node.param != null && !segment.isEmpty()) {
                collect(node.param, segments, index + 1, found);
            }
            boolean restIsEmpty = index == segments.size() - 1 && segment.isEmpty();
            if (!restIsEmpty) {
                found.addAll(node.tails); // {name:path} needs at least one character
            }
            found.addAll(node.mounts);
        } else {
            found.addAll(node.routes);
        }
    }

    /** "/a/b/" gives [a, b, ""]: the trailing empty segment keeps "/classes/" and "/classes" apart. */
    static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        int start = path.startsWith("/") ? 1 : 0;
        if (start == path.length()) {
            out.add("");
            return out;
        }
        int slash;
        while ((slash = path.indexOf('/', start)) >= 0) {
            out.add(path.substring(start, slash));
            start = slash + 1;
        }
        out.add(path.substring(start));
        return out;
    }

    private static boolean isParam(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    private static final class Node {
        final Map<String, Node> literals = new HashMap<>();
        Node param;
        final List<Route> routes = new ArrayList<>(2);
        final List<Route> tails = new ArrayList<>(1);
        final List<Route> mounts = new ArrayList<>(1);
    }
}
