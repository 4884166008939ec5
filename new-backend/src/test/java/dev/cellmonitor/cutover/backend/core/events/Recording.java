package dev.cellmonitor.cutover.backend.core.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.cellmonitor.cutover.backend.support.RecordingFiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * One scenario of the legacy recordings ({@code ../shared/legacy-api/recordings}, format in its FORMAT.md): its steps,
 * and the means to send an {@code http} step's templated request to a candidate server.
 */
public final class Recording {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}]+)}}");
    private static final DateTimeFormatter NOW_ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final String scenario;
    private final List<JsonNode> steps;
    private final Map<String, JsonNode> captured = new HashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();

    private Recording(String scenario, List<JsonNode> steps) {
        this.scenario = scenario;
        this.steps = steps;
    }

    public static Recording load(String scenario) {
        return new Recording(scenario, RecordingFiles.scenario(scenario));
    }

    public String scenario() {
        return scenario;
    }

    public Instant recordedAt() {
        return Instant.parse(steps.getFirst().get("recorded_at").stringValue());
    }

    public List<JsonNode> steps() {
        return steps.subList(1, steps.size());
    }

    public JsonNode step(int number) {
        return steps.stream().filter(s -> s.get("step").asInt() == number).findFirst().orElseThrow();
    }

    public JsonNode step(String name) {
        return steps.stream().filter(s -> name.equals(s.path("name").asString(""))).findFirst().orElseThrow();
    }

    /** Sends the step's templated request to {@code baseUrl}; placeholders resolved as the recorder did. */
    public Response send(String baseUrl, JsonNode step) {
        JsonNode request = resolve(step.get("request"));
        StringBuilder uri = new StringBuilder(baseUrl).append(encodePath(request.get("path").stringValue()));
        JsonNode query = request.path("query");
        if (query.isObject() && !query.isEmpty()) {
            char sep = '?';
            for (Map.Entry<String, JsonNode> q : query.properties()) {
                List<JsonNode> values = q.getValue().isArray() ? toList(q.getValue()) : List.of(q.getValue());
                for (JsonNode v : values) {
                    uri.append(sep).append(URLEncoder.encode(q.getKey(), StandardCharsets.UTF_8)).append('=')
                            .append(URLEncoder.encode(v.asString(), StandardCharsets.UTF_8));
                    sep = '&';
                }
            }
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(uri.toString()));
        String bodyType = request.path("body_type").asString("none");
        String contentType = request.path("headers").path("content-type").asString(null);
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        if ("json".equals(bodyType)) {
            body = HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request.get("body")), StandardCharsets.UTF_8);
            contentType = contentType == null ? "application/json" : contentType;
        } else if ("raw".equals(bodyType)) {
            body = HttpRequest.BodyPublishers.ofString(request.get("body").stringValue(), StandardCharsets.UTF_8);
        }
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        JsonNode auth = request.path("headers").path("authorization");
        if (auth.isString()) {
            builder.header("Authorization", auth.stringValue());
        }
        builder.method(request.get("method").stringValue(), body);
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("content-type").orElse(""),
                    response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, String contentType, String body, Map<String, List<String>> headers) {
        public JsonNode json() {
            return JSON.readTree(body);
        }
    }

    /** The request with {@code {{...}}} placeholders replaced (built-ins and earlier captures). */
    public JsonNode resolve(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isString()) {
            String s = node.stringValue();
            Matcher whole = PLACEHOLDER.matcher(s);
            if (whole.matches()) {
                return value(whole.group(1));
            }
            Matcher m = PLACEHOLDER.matcher(s);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                JsonNode v = value(m.group(1));
                m.appendReplacement(out, Matcher.quoteReplacement(v.isString() ? v.stringValue() : v.toString()));
            }
            m.appendTail(out);
            return StringNode.valueOf(out.toString());
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> out.add(resolve(item)));
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                out.set(resolve(StringNode.valueOf(e.getKey())).asString(), resolve(e.getValue()));
            }
            return out;
        }
        return node;
    }

    public void capture(String name, JsonNode value) {
        captured.put(name, value);
    }

    private JsonNode value(String name) {
        if (name.equals("$now_iso")) {
            return StringNode.valueOf(NOW_ISO.format(Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        }
        if (name.startsWith("$now_iso_minus_s:")) {
            long seconds = Long.parseLong(name.substring("$now_iso_minus_s:".length()));
            return StringNode.valueOf(NOW_ISO.format(Instant.now().minusSeconds(seconds)));
        }
        JsonNode v = captured.get(name);
        if (v == null) {
            throw new IllegalStateException("unresolved placeholder {{" + name + "}} in " + scenario);
        }
        return v;
    }

    private static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "/:@!$&'()*+,;=-._~%".indexOf(c) >= 0)) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        Iterator<JsonNode> it = array.iterator();
        it.forEachRemaining(out::add);
        return out;
    }
}
