package dev.cellmonitor.cutover.backend.core.replay;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.cellmonitor.cutover.backend.support.RecordingFiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replays the {@code http} steps of recorded legacy scenarios against a candidate server and compares status and
 * body the way recordings/FORMAT.md §8 describes, in a reduced form: the rules of {@code rules.json} for the
 * replayed routes, the accepted divergences of {@code docs/divergences.md}, generated values (uuids, wall-clock
 * timestamps, id-like integers, volatile numbers) compared by shape, and captured values (ids returned by
 * earlier steps) substituted and checked for consistency. Redis, database and WebSocket steps are not replayed.
 */
final class LegacyRecordings {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}]+)}}");
    private static final Pattern GENERATED = Pattern.compile(
            "(?<ts>\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:\\d{2})?)"
                    + "|(?<uuid>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})");
    private static final String UUID_REGEX = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private static final String PATH_SAFE = "/:@!$&'()*+,;=-._~%";

    private final JsonNode rules;
    private final List<JsonNode> divergences;

    private LegacyRecordings() {
        this.rules = RecordingFiles.rules();
        this.divergences = RecordingFiles.divergences("core", "CX-").stream().map(RecordingFiles.DivergenceRow::rule).toList();
    }

    /** The recordings under {@code shared.dir}; skips the calling test when they are not there. */
    static LegacyRecordings load() {
        RecordingFiles.requireDir();
        return new LegacyRecordings();
    }

    /** How many steps were replayed, and one line per mismatching step. */
    record Result(int replayed, List<String> mismatches) {
    }

    /** Replays the scenario's http steps whose route passes the filter. */
    Result replay(String scenario, Predicate<String> routes, HttpClient client, String baseUrl) {
        return replay(steps(scenario), routes, client, baseUrl);
    }

    /** Replays recorded steps (the first one is the scenario's setup line). */
    Result replay(List<JsonNode> steps, Predicate<String> routes, HttpClient client, String baseUrl) {
        String scenario = steps.getFirst().get("scenario").asString();
        LocalDateTime recordedAt = LocalDateTime.parse(steps.getFirst().get("recorded_at").asString()
                .replace("Z", ""));
        Map<String, JsonNode> candidate = new HashMap<>();
        Map<String, JsonNode> recorded = new HashMap<>();
        List<String> mismatches = new ArrayList<>();
        boolean previousReplayed = false;
        int replayed = 0;
        for (JsonNode step : steps.subList(1, steps.size())) {
            String kind = step.get("kind").asString();
            if (kind.equals("wait") && previousReplayed) {
                sleep(step.get("ms").asLong());
                continue;
            }
            previousReplayed = false;
            if (!kind.equals("http") || !routes.test(step.get("route").asString())) {
                continue;
            }
            previousReplayed = true;
            replayed++;
            String where = scenario + "#" + step.get("step").asInt() + " " + step.get("name").asString();
            try {
                HttpResponse<String> response = send(client, baseUrl, step.get("request"), candidate);
                JsonNode captures = step.get("captures");
                JsonNode captured = step.get("captured");
                JsonNode body = parse(response, step.get("response"));
                if (captures != null) {
                    for (Map.Entry<String, JsonNode> c : captures.properties()) {
                        JsonNode value = body == null ? null : body.at(c.getValue().asString());
                        if (value != null && !value.isMissingNode()) {
                            candidate.put(c.getKey(), value);
                        }
                        recorded.put(c.getKey(), captured.get(c.getKey()));
                    }
                }
                String problem = new Comparison(step, recordedAt, recorded, candidate).check(response, body);
                if (problem != null) {
                    mismatches.add(where + ": " + problem);
                }
            } catch (RuntimeException | IOException e) {
                mismatches.add(where + ": " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return new Result(replayed, mismatches);
    }

    List<JsonNode> steps(String scenario) {
        return RecordingFiles.scenario(scenario);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(Math.min(ms, 2_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static HttpResponse<String> send(HttpClient client, String baseUrl, JsonNode request,
                                             Map<String, JsonNode> captured) throws IOException, InterruptedException {
        String path = encodePath(resolveText(request.get("path").asString(), captured));
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, JsonNode> q : request.get("query").properties()) {
            List<JsonNode> values = q.getValue().isArray() ? toList(q.getValue()) : List.of(q.getValue());
            for (JsonNode v : values) {
                query.append(query.isEmpty() ? "?" : "&").append(URLEncoder.encode(q.getKey(), StandardCharsets.UTF_8))
                        .append('=').append(URLEncoder.encode(resolveText(v.asString(), captured), StandardCharsets.UTF_8));
            }
        }
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(baseUrl + path + query)).timeout(Duration.ofSeconds(30));
        JsonNode headers = request.get("headers");
        headers.properties().forEach(h -> http.header(h.getKey(), resolveText(h.getValue().asString(), captured)));
        String bodyType = request.get("body_type").asString();
        HttpRequest.BodyPublisher body = switch (bodyType) {
            case "none" -> HttpRequest.BodyPublishers.noBody();
            case "json" -> HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(resolve(request.get("body"), captured)));
            case "raw" -> HttpRequest.BodyPublishers.ofString(request.get("body").asString());
            default -> throw new IllegalStateException("body_type " + bodyType + " is not replayed here");
        };
        http.method(request.get("method").asString(), body);
        return client.send(http.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static String encodePath(String raw) {
        StringBuilder out = new StringBuilder();
        for (byte b : raw.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || PATH_SAFE.indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static String resolveText(String text, Map<String, JsonNode> captured) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            JsonNode v = captured.get(m.group(1));
            if (v == null) {
                throw new IllegalStateException("unresolved placeholder {{" + m.group(1) + "}}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v.isString() ? v.asString() : v.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static JsonNode resolve(JsonNode node, Map<String, JsonNode> captured) {
        if (node.isString()) {
            Matcher whole = PLACEHOLDER.matcher(node.asString());
            if (whole.matches()) {
                JsonNode v = captured.get(whole.group(1));
                if (v == null) {
                    throw new IllegalStateException("unresolved placeholder " + node.asString());
                }
                return v;
            }
            return JsonNodeFactory.instance.stringNode(resolveText(node.asString(), captured));
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(e -> out.add(resolve(e, captured)));
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(e -> out.set(resolveText(e.getKey(), captured), resolve(e.getValue(), captured)));
            return out;
        }
        return node;
    }

    private static JsonNode parse(HttpResponse<String> response, JsonNode expected) {
        if (!expected.get("body_format").asString().equals("json")) {
            return null;
        }
        try {
            return JSON.readTree(response.body());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The comparison of one step's response. */
    private final class Comparison {
        private final JsonNode step;
        private final LocalDateTime recordedAt;
        private final Map<String, String> capturedText = new HashMap<>();
        private final List<JsonNode> pathRules = new ArrayList<>();
        private final Set<String> volatileNumbers;
        private final Pattern idKey;

        Comparison(JsonNode step, LocalDateTime recordedAt, Map<String, JsonNode> recorded, Map<String, JsonNode> candidate) {
            this.step = step;
            this.recordedAt = recordedAt;
            recorded.forEach((name, value) -> {
                JsonNode mine = candidate.get(name);
                if (value != null && mine != null) {
                    String from = value.isString() ? value.asString() : value.toString();
                    String to = mine.isString() ? mine.asString() : mine.toString();
                    capturedText.put(from, to);
                }
            });
            JsonNode global = rules.get("global");
            this.volatileNumbers = Set.copyOf(toList(global.get("volatile_number_keys")).stream().map(JsonNode::asString).toList());
            this.idKey = Pattern.compile(global.get("id_key_regex").asString());
            String route = step.get("route").asString();
            for (Map.Entry<String, JsonNode> r : rules.get("routes").properties()) {
                if (routeMatches(r.getKey(), route)) {
                    r.getValue().forEach(pathRules::add);
                }
            }
            JsonNode stepRules = rules.get("steps");
            String byName = step.get("scenario").asString() + "@" + step.get("name").asString();
            String byNumber = step.get("scenario").asString() + "#" + step.get("step").asInt();
            for (String key : List.of(byName, byNumber)) {
                if (stepRules.has(key)) {
                    stepRules.get(key).forEach(pathRules::add);
                }
            }
        }

        String check(HttpResponse<String> response, JsonNode body) {
            JsonNode expected = step.get("response");
            int recordedStatus = expected.get("status").asInt();
            String route = step.get("route").asString();
            String bodyMode = "same";
            boolean statusOk = response.statusCode() == recordedStatus;
            for (JsonNode d : divergences) {
                if (!routeMatches(d.get("route").asString(), route)) {
                    continue;
                }
                if (d.has("step") && !d.get("step").asString().equals(step.get("scenario").asString() + "@"
                        + step.get("name").asString())) {
                    continue;
                }
                if (d.has("status") && contains(d.get("status").get("legacy"), recordedStatus)
                        && contains(d.get("status").get("candidate"), response.statusCode())) {
                    statusOk = true;
                    bodyMode = d.has("body") ? d.get("body").asString() : "same";
                }
                if (d.has("rules")) {
                    d.get("rules").forEach(pathRules::add);
                }
            }
            if (!statusOk) {
                return "status " + response.statusCode() + ", recorded " + recordedStatus + "; body " + abbreviate(response.body());
            }
            String contentType = response.headers().firstValue("content-type").orElse("");
            if (!squash(contentType).equals(squash(expected.get("content_type").asString()))) {
                return "content type " + contentType + ", recorded " + expected.get("content_type").asString();
            }
            if (bodyMode.equals("any")) {
                return null;
            }
            if (bodyMode.equals("detail")) {
                return body != null && body.isObject() && body.size() == 1 && body.has("detail") ? null
                        : "not a {\"detail\": ...} body: " + abbreviate(response.body());
            }
            if (expected.get("body_format").asString().equals("text")) {
                for (JsonNode rule : pathRules) {
                    if (rule.get("path").asString().isEmpty() && rule.get("kind").asString().equals("pattern")) {
                        return Pattern.compile(rule.get("regex").asString()).matcher(response.body()).find() ? null
                                : "text does not match " + rule.get("regex").asString();
                    }
                }
                return response.body().equals(expected.get("body").asString()) ? null : "text differs: " + abbreviate(response.body());
            }
            if (body == null) {
                return "not JSON: " + abbreviate(response.body());
            }
            List<String> diffs = new ArrayList<>();
            compare(expected.get("body"), body, new ArrayList<>(), null, diffs);
            return diffs.isEmpty() ? null : String.join("; ", diffs.subList(0, Math.min(5, diffs.size())));
        }

        private void compare(JsonNode rec, JsonNode cand, List<String> path, String key, List<String> diffs) {
            String where = "/" + String.join("/", path);
            for (JsonNode rule : pathRules) {
                if (!pathMatches(rule.get("path").asString(), path)) {
                    continue;
                }
                switch (rule.get("kind").asString()) {
                    case "ignore" -> {
                        return;
                    }
                    case "ignore_value" -> {
                        if (!type(rec).equals(type(cand))) {
                            diffs.add(where + ": type " + type(cand) + ", recorded " + type(rec));
                        }
                        return;
                    }
                    case "volatile" -> {
                        String r = rec.isString() ? rec.asString() : rec.toString();
                        if (capturedText.containsKey(r)) {
                            String c = cand.isString() ? cand.asString() : cand.toString();
                            if (!capturedText.get(r).equals(c)) {
                                diffs.add(where + ": " + c + " is not the captured " + capturedText.get(r));
                            }
                        } else if (!type(rec).equals(type(cand))) {
                            diffs.add(where + ": type " + type(cand) + ", recorded " + type(rec));
                        }
                        return;
                    }
                    case "pattern" -> {
                        if (!cand.isString() || !Pattern.compile(rule.get("regex").asString()).matcher(cand.asString()).find()) {
                            diffs.add(where + ": " + cand + " does not match " + rule.get("regex").asString());
                        }
                        return;
                    }
                    case "keys_only" -> {
                        if (!cand.isObject() || !Set.copyOf(rec.propertyNames()).equals(Set.copyOf(cand.propertyNames()))) {
                            diffs.add(where + ": keys differ");
                        }
                        return;
                    }
                    case "unordered" -> {
                        unordered(rec, cand, path, diffs);
                        return;
                    }
                    default -> {
                        // other kinds (shape, oneof, sub) are not needed by the replayed routes
                    }
                }
            }
            if (!type(rec).equals(type(cand))) {
                diffs.add(where + ": type " + type(cand) + " (" + abbreviate(cand.toString()) + "), recorded " + type(rec)
                        + " (" + abbreviate(rec.toString()) + ")");
                return;
            }
            if (rec.isObject()) {
                if (!Set.copyOf(rec.propertyNames()).equals(Set.copyOf(cand.propertyNames()))) {
                    diffs.add(where + ": keys " + cand.propertyNames() + ", recorded " + rec.propertyNames());
                    return;
                }
                for (String name : rec.propertyNames()) {
                    List<String> child = new ArrayList<>(path);
                    child.add(name);
                    compare(rec.get(name), cand.get(name), child, name, diffs);
                }
            } else if (rec.isArray()) {
                if (rec.size() != cand.size()) {
                    diffs.add(where + ": " + cand.size() + " items, recorded " + rec.size());
                    return;
                }
                for (int i = 0; i < rec.size(); i++) {
                    List<String> child = new ArrayList<>(path);
                    child.add(Integer.toString(i));
                    compare(rec.get(i), cand.get(i), child, key, diffs);
                }
            } else if (rec.isNumber()) {
                boolean free = key != null && (volatileNumbers.contains(key) || (rec.isIntegralNumber() && idKey.matcher(key).matches()));
                if (!free && Math.abs(rec.doubleValue() - cand.doubleValue()) > 1e-9 * Math.max(1, Math.abs(rec.doubleValue()))) {
                    diffs.add(where + ": " + cand + ", recorded " + rec);
                }
            } else if (rec.isString()) {
                if (!stringMatches(rec.asString(), cand.asString())) {
                    diffs.add(where + ": \"" + abbreviate(cand.asString()) + "\", recorded \"" + abbreviate(rec.asString()) + "\"");
                }
            } else if (!rec.equals(cand)) {
                diffs.add(where + ": " + cand + ", recorded " + rec);
            }
        }

        private void unordered(JsonNode rec, JsonNode cand, List<String> path, List<String> diffs) {
            String where = "/" + String.join("/", path);
            if (!cand.isArray() || cand.size() != rec.size()) {
                diffs.add(where + ": " + (cand.isArray() ? cand.size() + " items" : type(cand)) + ", recorded " + rec.size() + " items");
                return;
            }
            List<JsonNode> left = toList(cand);
            for (int i = 0; i < rec.size(); i++) {
                List<String> child = new ArrayList<>(path);
                child.add(Integer.toString(i));
                Iterator<JsonNode> it = left.iterator();
                boolean found = false;
                while (it.hasNext()) {
                    List<String> probe = new ArrayList<>();
                    compare(rec.get(i), it.next(), child, null, probe);
                    if (probe.isEmpty()) {
                        it.remove();
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    diffs.add(where + ": no match for recorded item " + abbreviate(rec.get(i).toString()));
                }
            }
        }

        /** Captured values substituted, uuids and wall-clock timestamps compared by form, the rest literally. */
        private boolean stringMatches(String recorded, String candidate) {
            if (capturedText.containsKey(recorded)) {
                return capturedText.get(recorded).equals(candidate);
            }
            String text = recorded;
            for (Map.Entry<String, String> c : capturedText.entrySet()) {
                if (c.getKey().length() >= 6) {
                    text = text.replace(c.getKey(), c.getValue());
                }
            }
            StringBuilder regex = new StringBuilder("^");
            Matcher m = GENERATED.matcher(text);
            int last = 0;
            while (m.find()) {
                regex.append(Pattern.quote(text.substring(last, m.start())));
                if (m.group("uuid") != null) {
                    regex.append(UUID_REGEX);
                } else if (wallClock(m.group("ts"))) {
                    regex.append(family(m.group("ts")));
                } else {
                    regex.append(Pattern.quote(m.group("ts")));
                }
                last = m.end();
            }
            regex.append(Pattern.quote(text.substring(last))).append('$');
            return Pattern.compile(regex.toString()).matcher(candidate).matches();
        }

        private boolean wallClock(String ts) {
            LocalDateTime t = LocalDateTime.parse(ts.substring(0, 19).replace(' ', 'T'), DateTimeFormatter.ISO_LOCAL_DATE_TIME);
            return Duration.between(t, recordedAt).abs().toDays() < rules.get("global").get("volatile_timestamp_window_days").asInt();
        }

        private static String family(String ts) {
            String sep = ts.charAt(10) == 'T' ? "T" : " ";
            String suffix = ts.endsWith("Z") ? "Z" : ts.matches(".*[+-]\\d{2}:\\d{2}$") ? "[+-]\\d{2}:\\d{2}" : "";
            return "\\d{4}-\\d{2}-\\d{2}" + sep + "\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,6})?" + suffix;
        }
    }

    private static boolean routeMatches(String pattern, String route) {
        return pattern.startsWith("~") ? Pattern.compile(pattern.substring(1)).matcher(route).find() : pattern.equals(route);
    }

    /** A rules path ({@code /a/*}, {@code **}/x, {@code ""} for the whole body) against a JSON location. */
    static boolean pathMatches(String rulePath, List<String> path) {
        String trimmed = rulePath.startsWith("/") ? rulePath.substring(1) : rulePath;
        List<String> segments = trimmed.isEmpty() ? List.of() : List.of(trimmed.split("/", -1));
        return glob(segments, 0, path, 0);
    }

    private static boolean glob(List<String> rule, int r, List<String> path, int p) {
        if (r == rule.size()) {
            return p == path.size();
        }
        if (rule.get(r).equals("**")) {
            for (int skip = p; skip <= path.size(); skip++) {
                if (glob(rule, r + 1, path, skip)) {
                    return true;
                }
            }
            return false;
        }
        return p < path.size() && (rule.get(r).equals("*") || rule.get(r).equals(path.get(p))) && glob(rule, r + 1, path, p + 1);
    }

    private static String type(JsonNode v) {
        if (v == null || v.isNull()) {
            return "null";
        }
        if (v.isBoolean()) {
            return "bool";
        }
        if (v.isIntegralNumber()) {
            return "int";
        }
        if (v.isNumber()) {
            return "float";
        }
        return v.isString() ? "string" : v.isArray() ? "array" : "object";
    }

    private static boolean contains(JsonNode array, int status) {
        for (JsonNode v : array) {
            if (v.asInt() == status) {
                return true;
            }
        }
        return false;
    }

    private static String squash(String contentType) {
        return contentType.replace(" ", "").toLowerCase(Locale.ROOT);
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
