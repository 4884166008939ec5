package dev.cellmonitor.cutover.backend.core.docs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.cellmonitor.cutover.catalogue.Route;
import dev.cellmonitor.cutover.catalogue.RouteCatalogue;

/**
 * The OpenAPI 3.1 document, built from the route catalogue so that it lists exactly the paths the legacy's
 * FastAPI document lists: every HTTP route of its routers and {@code GET /}, but no WebSocket, no mount
 * ({@code /static}, {@code /socket.io/}) and not the documentation routes themselves. {@code {x:path}} templates
 * appear as {@code {x}}, as FastAPI writes them.
 */
final class OpenApiDocument {

    private static final Set<String> NOT_DOCUMENTED = Set.of("/api/v1/openapi.json", "/docs", "/docs/oauth2-redirect",
            "/redoc", "/static/{path}");
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}:]+)(:path)?}");

    private OpenApiDocument() {
    }

    static Map<String, Object> build(RouteCatalogue catalogue, String title) {
        Map<String, Map<String, Object>> paths = new LinkedHashMap<>();
        for (Route route : catalogue.all()) {
            if (!documented(route)) {
                continue;
            }
            String path = PARAMETER.matcher(route.path()).replaceAll("{$1}");
            paths.computeIfAbsent(path, p -> new LinkedHashMap<>())
                    .put(route.method().toLowerCase(Locale.ROOT), operation(route));
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("title", title);
        info.put("version", "0.1.0");
        Map<String, Object> bearer = new LinkedHashMap<>();
        bearer.put("type", "http");
        bearer.put("scheme", "bearer");
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("openapi", "3.1.0");
        document.put("info", info);
        document.put("paths", paths);
        document.put("components", Map.of("securitySchemes", Map.of("HTTPBearer", bearer)));
        return document;
    }

    static boolean documented(Route route) {
        return !route.websocket() && !route.method().equals("ANY") && !NOT_DOCUMENTED.contains(route.path());
    }

    private static Map<String, Object> operation(Route route) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("tags", List.of(route.group().key()));
        op.put("summary", route.description());
        op.put("operationId", route.id());
        List<Map<String, Object>> parameters = new ArrayList<>();
        Matcher m = PARAMETER.matcher(route.path());
        while (m.find()) {
            Map<String, Object> parameter = new LinkedHashMap<>();
            parameter.put("name", m.group(1));
            parameter.put("in", "path");
            parameter.put("required", true);
            parameter.put("schema", Map.of("type", "string"));
            parameters.add(parameter);
        }
        if (!parameters.isEmpty()) {
            op.put("parameters", parameters);
        }
        if (route.auth()) {
            op.put("security", List.of(Map.of("HTTPBearer", List.of())));
        }
        Map<String, Object> success = new LinkedHashMap<>();
        success.put("description", "Successful Response");
        success.put("content", Map.of("application/json", Map.of("schema", Map.of())));
        op.put("responses", Map.of(Integer.toString(route.successStatus()), success));
        return op;
    }
}
