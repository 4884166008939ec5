package dev.cellmonitor.cutover.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every route of the legacy API with its cutover group, loaded from {@code route-catalogue.json}.
 * Shared by the gateway (routing), the parity tests (coverage) and the load tests (grouping).
 */
public final class RouteCatalogue {

    public static final String RESOURCE = "/route-catalogue.json";

    private final List<Route> routes;
    private final Map<String, Route> byId;
    private final PathTrie trie = new PathTrie();

    private RouteCatalogue(List<Route> routes) {
        this.routes = List.copyOf(routes);
        Map<String, Route> ids = new LinkedHashMap<>();
        for (Route route : routes) {
            if (ids.put(route.id(), route) != null) {
                throw new IllegalStateException("duplicate route id " + route.id());
            }
            trie.add(route);
        }
        this.byId = Collections.unmodifiableMap(ids);
    }

    /** The catalogue shipped in this jar. */
    public static RouteCatalogue load() {
        try (InputStream in = RouteCatalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RouteCatalogue read(InputStream json) {
        JsonNode root = JsonMapper.builder().build().readTree(json);
        List<Route> routes = new java.util.ArrayList<>();
        for (JsonNode r : root.get("routes")) {
            routes.add(new Route(
                    r.get("id").asString(),
                    RouteGroup.of(r.get("group").asString()),
                    r.get("method").asString(),
                    r.get("path").asString(),
                    r.get("websocket").asBoolean(),
                    r.get("tail").asBoolean(),
                    r.get("stateUnit").isNull() ? null : r.get("stateUnit").asString(),
                    r.get("retrySafe").asBoolean(),
                    r.get("auth").asBoolean(),
                    r.get("successStatus").asInt(),
                    r.get("description").asString()));
        }
        return new RouteCatalogue(routes);
    }

    public List<Route> all() {
        return routes;
    }

    public Optional<Route> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<Route> byGroup(RouteGroup group) {
        return routes.stream().filter(r -> r.group() == group).toList();
    }

    /** Routes that share the route's process-local state unit, itself included; just itself when it has none. */
    public List<Route> siblings(Route route) {
        if (route.stateUnit() == null) {
            return List.of(route);
        }
        return routes.stream().filter(r -> route.stateUnit().equals(r.stateUnit())).toList();
    }

    /**
     * The route a request goes to, as the legacy would route it. {@code method} is the HTTP method, or
     * {@code WS} for a WebSocket upgrade; HEAD matches GET routes. Empty when the legacy has no such route
     * (it would answer its catch-all 404).
     */
    public Optional<Route> match(String method, String path) {
        List<Route> found = matchAll(method, path);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    /** All routes matching, most specific first; the catalogue test asserts this is never more than one. */
    public List<Route> matchAll(String method, String path) {
        String m = method.toUpperCase(Locale.ROOT);
        return trie.candidates(path).stream()
                .filter(r -> r.method().equals(m) || r.method().equals("ANY")
                        || (m.equals("HEAD") && r.method().equals("GET")))
                .toList();
    }
}
