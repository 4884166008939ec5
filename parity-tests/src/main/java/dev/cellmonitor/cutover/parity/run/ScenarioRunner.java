package dev.cellmonitor.cutover.parity.run;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.cellmonitor.cutover.parity.compare.Captures;
import dev.cellmonitor.cutover.parity.recording.Recording;
import dev.cellmonitor.cutover.parity.recording.Step;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plays a scenario against one live side: resets it, then executes the steps in file order with that side's
 * own captures, keeping WebSocket connections open across steps and a Redis tap for the whole scenario.
 * Its output has the recording's shape, so record mode writes it and replay compares it.
 */
public final class ScenarioRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ScenarioRunner.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Duration CONNECT = Duration.ofSeconds(10);
    private static final Duration READY = Duration.ofSeconds(90);

    private final Set<String> ignoredChannels;
    private final HttpDriver http = new HttpDriver(30_000);
    private final HttpClient wsClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT).build();

    public ScenarioRunner(Set<String> ignoredChannels) {
        this.ignoredChannels = ignoredChannels;
    }

    public ScenarioRun run(Recording recording, Target target) throws Exception {
        if (recording.setup().path("reset").asBoolean(true)) {
            target.reset().reset(new ResetHook.Scenario(recording.scenario(), recording.seed()));
        }
        awaitReady(target);
        Instant clock = Instant.now();
        List<StepRun> runs = new ArrayList<>();
        Map<String, WsDriver> sockets = new LinkedHashMap<>();
        List<Integer> httpMarks = new ArrayList<>();
        Captures captures = Captures.none();
        RedisTap tap = target.redis() == null ? null : new RedisTap(target.redis(), ignoredChannels);
        try {
            for (Step step : recording.steps()) {
                StepRun run = switch (step.kind()) {
                    case "http" -> {
                        httpMarks.add(tap == null ? 0 : tap.mark());
                        yield http(step, target, captures);
                    }
                    case "ws" -> ws(step, target, captures, sockets);
                    case "db" -> db(step, target, captures);
                    case "redis" -> redis(step, tap, httpMarks, captures);
                    case "wait" -> {
                        Thread.sleep(step.node().path("ms").asLong());
                        yield new StepRun(step, NODES.objectNode(), captures, Map.of(), null, null);
                    }
                    default -> throw new IllegalArgumentException("unknown step kind " + step.kind());
                };
                captures = run.captures();
                runs.add(run);
            }
        } finally {
            sockets.values().forEach(WsDriver::abort);
            if (tap != null) {
                tap.close();
            }
        }
        return new ScenarioRun(recording, target.name(), clock, List.copyOf(runs), true);
    }

    private StepRun http(Step step, Target target, Captures captures) {
        ObjectNode observed = NODES.objectNode();
        JsonNode sent;
        try {
            sent = Templates.resolve(step.get("request"), captures, Instant.now());
        } catch (Templates.Unresolved e) {
            return new StepRun(step, observed, captures, Map.of(), e.getMessage() + ": request not sent", null,
                    e.name());
        }
        observed.set("sent", sent);
        HttpDriver.Answer answer;
        try {
            answer = http.send(target.http().get(), sent);
        } catch (IOException | RuntimeException e) {
            return new StepRun(step, observed, captures, Map.of(), target.name() + " did not answer: " + e, null);
        }
        observed.set("response", answer.response());
        Map<String, JsonNode> captured = new LinkedHashMap<>();
        JsonNode pointers = step.get("captures");
        if (pointers != null && "json".equals(answer.response().path("body_format").asString())) {
            JsonNode body = answer.response().get("body");
            for (Map.Entry<String, JsonNode> c : pointers.properties()) {
                JsonNode v = body.at(c.getValue().asString());
                if (!v.isMissingNode()) {
                    captured.put(c.getKey(), v);
                }
            }
        }
        if (pointers != null) {
            ObjectNode capturedNode = observed.putObject("captured");
            captured.forEach(capturedNode::set);
        }
        return new StepRun(step, observed, captures.plus(captured), answer.headers(), null, null);
    }

    private StepRun ws(Step step, Target target, Captures captures, Map<String, WsDriver> sockets)
            throws InterruptedException {
        ObjectNode observed = NODES.objectNode();
        String conn = step.node().path("conn").asString("");
        String action = step.node().path("action").asString("");
        long timeout = step.node().path("timeout_ms").asLong(1000);
        JsonNode recordedResult = step.get("result");
        int expected = recordedResult != null && recordedResult.has("received")
                ? recordedResult.get("received").size() : -1;
        ObjectNode result = NODES.objectNode();
        try {
            switch (action) {
                case "open" -> {
                    JsonNode request = Templates.resolve(step.get("request"), captures, Instant.now());
                    observed.set("sent", request);
                    URI uri = wsUri(target.ws().get(), request);
                    WsDriver.Opened opened = WsDriver.open(wsClient, uri, CONNECT);
                    result.put("handshake_status", opened.status());
                    if (opened.connection() == null) {
                        result.put("handshake_body", opened.body());
                        result.set("received", NODES.arrayNode());
                    } else {
                        WsDriver previous = sockets.put(conn, opened.connection());
                        if (previous != null) {
                            previous.abort();
                        }
                        result.set("received", frames(opened.connection().collect(timeout, expected)));
                    }
                }
                case "send" -> {
                    JsonNode send = Templates.resolve(step.get("send"), captures, Instant.now());
                    observed.putObject("sent").set("send", send);
                    WsDriver socket = open(sockets, conn);
                    for (JsonNode frame : send) {
                        socket.send(frame.isString() ? frame.stringValue() : JSON.writeValueAsString(frame));
                    }
                    result.set("received", frames(socket.collect(timeout, expected)));
                }
                case "recv" -> result.set("received", frames(open(sockets, conn).collect(timeout, expected)));
                case "close" -> {
                    WsDriver socket = open(sockets, conn);
                    socket.close();
                    result.set("received", frames(socket.collect(timeout, expected)));
                    sockets.remove(conn);
                    socket.abort();
                }
                default -> throw new IllegalArgumentException("unknown ws action '" + action + "'");
            }
        } catch (Templates.Unresolved e) {
            return new StepRun(step, observed, captures, Map.of(), e.getMessage() + ": not sent", null, e.name());
        } catch (IOException | IllegalStateException e) {
            return new StepRun(step, observed, captures, Map.of(), e.getMessage(), null);
        }
        observed.set("result", result);
        return new StepRun(step, observed, captures, Map.of(), null, null);
    }

    private static WsDriver open(Map<String, WsDriver> sockets, String conn) {
        WsDriver socket = sockets.get(conn);
        if (socket == null) {
            throw new IllegalStateException("WebSocket connection '" + conn + "' is not open");
        }
        return socket;
    }

    private static ArrayNode frames(List<ObjectNode> frames) {
        ArrayNode out = NODES.arrayNode();
        frames.forEach(out::add);
        return out;
    }

    static URI wsUri(URI base, JsonNode request) {
        URI http = HttpDriver.uri(base, request.path("path").asString("/"), request.get("query"));
        String s = http.toString();
        return URI.create(s.startsWith("https:") ? "wss:" + s.substring(6)
                : s.startsWith("http:") ? "ws:" + s.substring(5) : s);
    }

    private static StepRun db(Step step, Target target, Captures captures) {
        if (target.db() == null) {
            return new StepRun(step, NODES.objectNode(), captures, Map.of(), null, "no database given for "
                    + target.name() + " (--db-url)");
        }
        ObjectNode observed = NODES.objectNode();
        try {
            observed.set("tables", DbSnapshots.snapshot(target.db(), step.get("queries")));
        } catch (java.sql.SQLException e) {
            return new StepRun(step, observed, captures, Map.of(), "snapshot query failed on " + target.name() + ": "
                    + e.getMessage(), null);
        }
        return new StepRun(step, observed, captures, Map.of(), null, null);
    }

    private static StepRun redis(Step step, RedisTap tap, List<Integer> httpMarks, Captures captures) {
        if (tap == null) {
            return new StepRun(step, NODES.objectNode(), captures, Map.of(), null, "no Redis given (--redis)");
        }
        int back = Math.max(1, step.node().path("http_steps_back").asInt(1));
        int mark = httpMarks.size() >= back ? httpMarks.get(httpMarks.size() - back) : 0;
        ObjectNode observed = NODES.objectNode();
        ArrayNode messages = observed.putArray("messages");
        tap.since(mark).forEach(messages::add);
        return new StepRun(step, observed, captures, Map.of(), null, null);
    }

    private void awaitReady(Target target) throws InterruptedException {
        if (target.readyPath() == null) {
            return;
        }
        long deadline = System.nanoTime() + READY.toNanos();
        ObjectNode probe = NODES.objectNode().put("method", "GET").put("path", target.readyPath());
        while (true) {
            try {
                http.send(target.http().get(), probe);
                return;
            } catch (IOException | RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(target.name() + " not ready after " + READY + " at "
                            + target.http().get() + target.readyPath() + ": " + e.getMessage());
                }
                log.debug("{} not ready yet: {}", target.name(), e.toString());
                Thread.sleep(500);
            }
        }
    }

    @Override
    public void close() throws IOException {
        http.close();
        wsClient.close();
    }
}
