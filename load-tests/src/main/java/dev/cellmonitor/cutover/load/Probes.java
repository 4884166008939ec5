package dev.cellmonitor.cutover.load;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** Asks a server what it is: Spring's {@code /actuator/info}, else the legacy's OpenAPI document. */
public final class Probes {

    private final JsonHttp http = new JsonHttp(Duration.ofSeconds(3));

    public String version(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            return "not configured";
        }
        String failure;
        try {
            JsonHttp.Reply info = http.get(baseUrl + "/actuator/info", Map.of());
            if (info.ok() && info.json() != null && info.json().has("build")) {
                JsonNode build = info.json().get("build");
                return text(build, "name") + " " + text(build, "version") + " (actuator/info)";
            }
            JsonHttp.Reply openapi = http.get(baseUrl + "/api/v1/openapi.json", Map.of());
            if (openapi.ok() && openapi.json() != null && openapi.json().has("info")) {
                JsonNode i = openapi.json().get("info");
                return text(i, "title") + " " + text(i, "version") + " (openapi.json)";
            }
            if (info.ok() && info.json() != null && !info.json().isEmpty()) {
                String text = info.json().toString();
                return (text.length() > 120 ? text.substring(0, 120) + "..." : text) + " (actuator/info)";
            }
            failure = "answers, but tells no version (actuator/info " + info.status() + ", openapi.json "
                    + openapi.status() + ")";
        } catch (IOException e) {
            failure = "not reachable (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
        }
        return failure;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? "?" : v.asString();
    }
}
