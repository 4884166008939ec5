package dev.cellmonitor.cutover.parity.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.cellmonitor.cutover.parity.compare.Difference;
import dev.cellmonitor.cutover.parity.compare.FieldDiff;
import dev.cellmonitor.cutover.parity.compare.JsonComparator;
import dev.cellmonitor.cutover.parity.compare.Rule;
import dev.cellmonitor.cutover.parity.compare.RuleBook;
import dev.cellmonitor.cutover.parity.compare.Scope;
import dev.cellmonitor.cutover.parity.divergence.Divergence;
import dev.cellmonitor.cutover.parity.divergence.DivergenceBook;
import dev.cellmonitor.cutover.parity.recording.Step;
import dev.cellmonitor.cutover.parity.run.ScenarioRun;
import dev.cellmonitor.cutover.parity.run.StepRun;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Judges a candidate's run of a scenario against the legacy's (recorded or live), step by step: compares as
 * FORMAT.md §8 says (status, content type, body format, body, recorded headers; handshake and frames; rows per
 * table; messages per channel), then tells a route the candidate does not serve (its catch-all 404
 * {@code Not Found} where the legacy answered otherwise) from a real failure, and finally tries the accepted
 * divergences of the step's route.
 */
public final class ScenarioJudge {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final RuleBook rules;
    private final DivergenceBook divergences;
    private final JsonComparator comparator;

    public ScenarioJudge(RuleBook rules, DivergenceBook divergences) {
        this.rules = rules;
        this.divergences = divergences;
        this.comparator = new JsonComparator(rules.global());
    }

    /** One result per compared step (wait steps are not judged). */
    public List<StepResult> judge(ScenarioRun expected, ScenarioRun actual) {
        List<StepResult> out = new ArrayList<>();
        Set<String> notImplementedConns = new HashSet<>();
        Set<String> notImplementedRoutes = new HashSet<>();
        List<Outcome> httpOutcomes = new ArrayList<>();
        Map<String, StepResult> producers = new java.util.HashMap<>();
        for (int i = 0; i < expected.steps().size(); i++) {
            StepRun e = expected.steps().get(i);
            StepRun a = actual.steps().get(i);
            Step step = e.step();
            if (!step.compared()) {
                continue;
            }
            StepResult judged = judgeStep(expected, actual, e, a, notImplementedConns, notImplementedRoutes,
                    httpOutcomes);
            StepResult r = a.unresolved() == null ? judged : dependent(judged, producers.get(a.unresolved()),
                    a.unresolved());
            if (step.kind().equals("http")) {
                step.node().path("captures").propertyNames().forEach(name -> producers.put(name, r));
                httpOutcomes.add(r.outcome());
                if (r.outcome() == Outcome.NOT_IMPLEMENTED) {
                    notImplementedRoutes.add(step.route());
                }
            }
            if (step.kind().equals("ws") && "open".equals(step.node().path("action").asString())
                    && r.outcome() == Outcome.NOT_IMPLEMENTED) {
                notImplementedConns.add(step.node().path("conn").asString(""));
            }
            out.add(r);
        }
        return out;
    }

    /**
     * A step the candidate could not send because a capture is missing: it inherits "not implemented" from the step
     * that should have produced the capture, and says which one it waited for.
     */
    private static StepResult dependent(StepResult r, StepResult producer, String name) {
        if (r.outcome() != Outcome.FAILED) {
            return r;
        }
        if (producer == null) {
            return r.withOutcome(Outcome.FAILED, r.differences(), "{{" + name + "}} is captured by no earlier step");
        }
        String note = "needs {{" + name + "}} from step #" + producer.step() + " (" + producer.label() + ")";
        return producer.outcome() == Outcome.NOT_IMPLEMENTED
                ? r.withOutcome(Outcome.NOT_IMPLEMENTED, r.differences(), note + ", which the candidate does not implement")
                : r.withOutcome(Outcome.FAILED, r.differences(), note + ", which did not return it");
    }

    private StepResult judgeStep(ScenarioRun er, ScenarioRun ar, StepRun e, StepRun a, Set<String> niConns,
                                 Set<String> niRoutes, List<Outcome> httpOutcomes) {
        Step step = e.step();
        if (e.isSkipped() || a.isSkipped()) {
            return result(step, Outcome.SKIPPED, List.of(), List.of(), e.isSkipped() ? e.skipped() : a.skipped(), e, a,
                    null);
        }
        Compared c = compare(er, ar, e, a, Leniency.NONE);
        if (c.diffs.isEmpty()) {
            return result(step, Outcome.PASSED, List.of(), List.of(), null, e, a, null);
        }
        List<Divergence> applicable = applicable(step, e, a);
        if (!applicable.isEmpty() && compare(er, ar, e, a, Leniency.of(applicable)).diffs.isEmpty()) {
            List<Divergence> needed = new ArrayList<>(applicable);
            for (Divergence d : applicable) {
                List<Divergence> without = new ArrayList<>(needed);
                without.remove(d);
                if (!without.isEmpty() && compare(er, ar, e, a, Leniency.of(without)).diffs.isEmpty()) {
                    needed = without;
                }
            }
            return result(step, Outcome.ACCEPTED, c.diffs, needed.stream().map(Divergence::id).toList(), null, e, a,
                    c.patch);
        }
        String ni = notImplemented(step, e, a, niConns, niRoutes, httpOutcomes);
        if (ni != null) {
            return result(step, Outcome.NOT_IMPLEMENTED, c.diffs, List.of(), ni, e, a, c.patch);
        }
        return result(step, Outcome.FAILED, c.diffs, List.of(), null, e, a, c.patch);
    }

    private StepResult result(Step step, Outcome outcome, List<Difference> diffs, List<String> divs, String note,
                              StepRun e, StepRun a, JsonNode patch) {
        return new StepResult(step.scenario(), step.number(), step.name(), step.kind(), step.route(), step.label(),
                step.group(), outcome, List.copyOf(diffs), List.copyOf(divs), note, a.get("sent"), e.observed(),
                a.observed(), patch);
    }

    /** What the accepted divergences of a step allow beyond the rules. */
    private record Leniency(List<Divergence.StatusRule> status, List<Divergence> sources, boolean extraFrames,
                            boolean noClose) {
        static final Leniency NONE = new Leniency(List.of(), List.of(), false, false);

        static Leniency of(List<Divergence> ds) {
            List<Divergence.StatusRule> status = ds.stream().map(Divergence::status).filter(s -> s != null).toList();
            return new Leniency(status, ds, ds.stream().anyMatch(d -> d.ws().contains(Divergence.Ws.EXTRA_FRAMES)),
                    ds.stream().anyMatch(d -> d.ws().contains(Divergence.Ws.NO_CLOSE)));
        }
    }

    private record Compared(List<Difference> diffs, JsonNode patch) {
    }

    private Compared compare(ScenarioRun er, ScenarioRun ar, StepRun e, StepRun a, Leniency len) {
        List<Difference> diffs = new ArrayList<>();
        if (e.failed()) {
            diffs.add(new Difference("", "error", null, null, "the legacy side failed: " + e.error()));
            return new Compared(diffs, null);
        }
        if (a.failed()) {
            diffs.add(new Difference("", "error", null, null, a.error()));
            return new Compared(diffs, null);
        }
        Step step = e.step();
        Scope scope = new Scope(List.of(), e.captures(), a.captures(), er.clock(), ar.clock());
        return switch (step.kind()) {
            case "http" -> http(step, e, a, scope, len, er.headersComplete());
            case "ws" -> ws(step, e, a, scope, len);
            case "db" -> db(step, e, a, scope, len);
            case "redis" -> redis(step, e, a, scope, len);
            default -> new Compared(List.of(), null);
        };
    }

    private Compared http(Step step, StepRun e, StepRun a, Scope scope, Leniency len, boolean legacyHeadersComplete) {
        List<Difference> diffs = new ArrayList<>();
        JsonNode er = e.get("response");
        JsonNode ar = a.get("response");
        List<Rule> routeRules = withDivergenceRules(rules.forRoute(step.route(), key(step), stepCompare(step)), len,
                step, null, null);
        int es = er.path("status").asInt();
        int as = ar.path("status").asInt();
        Divergence.Body body = statusAccepted(es, as, len);
        if (body == null) {
            body = Divergence.Body.SAME;
            diffs.add(new Difference("/status", "status", er.get("status"), ar.get("status"),
                    "status " + as + " instead of " + es));
        }
        JsonNode patch = null;
        if (body == Divergence.Body.DETAIL) {
            JsonNode b = ar.get("body");
            boolean shaped = "json".equals(ar.path("body_format").asString()) && b != null && b.isObject()
                    && b.size() == 1 && b.has("detail")
                    && contentType(ar.path("content_type").asString()).equals("application/json");
            if (!shaped) {
                diffs.add(new Difference("/body", "value", null, b, "expected a legacy-shaped {\"detail\": ...}"
                        + " JSON body, got " + ar.path("content_type").asString() + " " + b));
            }
        } else if (body == Divergence.Body.SAME) {
            if (!contentType(er.path("content_type").asString()).equals(contentType(ar.path("content_type").asString()))) {
                diffs.add(new Difference("/content_type", "content-type", er.get("content_type"), ar.get("content_type"),
                        "content type " + ar.path("content_type").asString() + " instead of "
                                + er.path("content_type").asString()));
            }
            String ef = er.path("body_format").asString();
            String af = ar.path("body_format").asString();
            if (!ef.equals(af)) {
                diffs.add(new Difference("/body_format", "body-format", er.get("body_format"), ar.get("body_format"),
                        "body format " + af + " instead of " + ef + ": " + abbreviate(ar.get("body"))));
            } else {
                List<Difference> bodyDiffs = comparator.compare(er.get("body"), ar.get("body"), scope.withRules(routeRules));
                bodyDiffs.forEach(d -> diffs.add(d.under("/body")));
                if (!bodyDiffs.isEmpty()) {
                    patch = FieldDiff.patch(er.get("body"), ar.get("body"),
                            bodyDiffs.stream().map(Difference::path).toList());
                }
            }
        }
        diffs.addAll(headers(e, a, scope, routeRules, legacyHeadersComplete));
        return new Compared(diffs, patch);
    }

    private List<Difference> headers(StepRun e, StepRun a, Scope scope, List<Rule> routeRules,
                                     boolean legacyHeadersComplete) {
        Set<String> include = new LinkedHashSet<>();
        Set<String> exclude = new HashSet<>();
        for (Rule r : routeRules) {
            if (r.kind() == Rule.Kind.HEADERS) {
                include.addAll(r.include());
                exclude.addAll(r.exclude());
            }
        }
        JsonNode recorded = e.get("response").path("headers");
        Set<String> names = new LinkedHashSet<>(recorded.propertyNames());
        if (legacyHeadersComplete) {
            names.addAll(include);
        }
        names.removeAll(exclude);
        List<Difference> diffs = new ArrayList<>();
        for (String name : names) {
            String ev = e.headers().containsKey(name) ? e.headers().get(name) : text(recorded.get(name));
            String av = a.headers().containsKey(name) ? a.headers().get(name)
                    : text(a.get("response").path("headers").get(name));
            String path = "/headers/" + name;
            if (ev == null && av == null) {
                continue;
            }
            if (ev == null || av == null) {
                diffs.add(new Difference(path, ev == null ? "unexpected" : "missing", NODES.stringNode(ev),
                        NODES.stringNode(av), "header " + name + (ev == null ? " not sent by the legacy" : " missing")));
                continue;
            }
            comparator.compare(NODES.stringNode(ev), NODES.stringNode(av), scope.withRules(List.of()))
                    .forEach(d -> diffs.add(d.under(path)));
        }
        return diffs;
    }

    private Compared ws(Step step, StepRun e, StepRun a, Scope scope, Leniency len) {
        List<Difference> diffs = new ArrayList<>();
        JsonNode er = e.get("result");
        JsonNode ar = a.get("result");
        if (er.has("handshake_status")) {
            int es = er.path("handshake_status").asInt();
            int as = ar.path("handshake_status").asInt();
            Divergence.Body body = statusAccepted(es, as, len);
            if (body == null) {
                diffs.add(new Difference("/handshake_status", "handshake", er.get("handshake_status"),
                        ar.get("handshake_status"), "handshake " + as + " instead of " + es));
            } else if (es == as && es != 101 && body == Divergence.Body.SAME) {
                comparator.compare(NODES.stringNode(er.path("handshake_body").asString("")),
                                NODES.stringNode(ar.path("handshake_body").asString("")), scope.withRules(List.of()))
                        .forEach(d -> diffs.add(d.under("/handshake_body")));
            }
        }
        ArrayNode ef = comparable(er.path("received"));
        ArrayNode af = comparable(ar.path("received"));
        boolean unordered = step.node().path("unordered").asBoolean(false);
        List<Rule> frameRules = new ArrayList<>();
        withDivergenceRules(rules.forRoute(step.route(), key(step), stepCompare(step)), len, step, null, null)
                .forEach(r -> frameRules.add(r.under("/*/data")));
        if (unordered) {
            frameRules.add(Rule.of("", Rule.Kind.UNORDERED, "the step records pushes of a concurrent worker"));
        }
        Scope frameScope = scope.withRules(frameRules);
        if (len.noClose()) {
            ef = withoutClose(ef, af);
        }
        if (len.extraFrames()) {
            af = onlyExpected(ef, af, frameScope, unordered);
        }
        List<Difference> frameDiffs = comparator.compare(ef, af, frameScope);
        frameDiffs.forEach(d -> diffs.add(d.under("/frames")));
        JsonNode patch = frameDiffs.isEmpty() ? null
                : FieldDiff.patch(ef, af, frameDiffs.stream().map(Difference::path).toList());
        return new Compared(diffs, patch);
    }

    /** How the body is compared when the candidate answered {@code as} for the legacy's {@code es}; null: a difference. */
    private static Divergence.Body statusAccepted(int es, int as, Leniency len) {
        if (es == as) {
            return Divergence.Body.SAME;
        }
        for (Divergence.StatusRule s : len.status()) {
            if (s.legacy().contains(es) && s.candidate().contains(as)) {
                return s.body();
            }
        }
        return null;
    }

    /** Frames as compared: {@code raw} is informative only (FORMAT.md §7). */
    private static ArrayNode comparable(JsonNode frames) {
        ArrayNode out = NODES.arrayNode();
        for (JsonNode f : frames) {
            ObjectNode copy = ((ObjectNode) f).deepCopy();
            copy.remove("raw");
            out.add(copy);
        }
        return out;
    }

    private static ArrayNode withoutClose(ArrayNode expected, ArrayNode actual) {
        boolean candidateClosed = false;
        for (JsonNode f : actual) {
            String t = f.path("type").asString();
            candidateClosed |= t.equals("close") || t.equals("eof");
        }
        if (candidateClosed) {
            return expected;
        }
        ArrayNode out = NODES.arrayNode();
        for (JsonNode f : expected) {
            String t = f.path("type").asString();
            if (!t.equals("close") && !t.equals("eof")) {
                out.add(f);
            }
        }
        return out;
    }

    /** The candidate's frames that match a legacy frame (in order, or any order when unordered); extras dropped. */
    private ArrayNode onlyExpected(ArrayNode expected, ArrayNode actual, Scope scope, boolean unordered) {
        ArrayNode kept = NODES.arrayNode();
        boolean[] used = new boolean[actual.size()];
        int from = 0;
        for (JsonNode ef : expected) {
            for (int j = unordered ? 0 : from; j < actual.size(); j++) {
                if (used[j]) {
                    continue;
                }
                ArrayNode one = NODES.arrayNode().add(ef);
                ArrayNode other = NODES.arrayNode().add(actual.get(j));
                if (comparator.matches(one, other, scope)) {
                    used[j] = true;
                    kept.add(actual.get(j));
                    from = j + 1;
                    break;
                }
            }
        }
        return kept;
    }

    private Compared db(Step step, StepRun e, StepRun a, Scope scope, Leniency len) {
        List<Difference> diffs = new ArrayList<>();
        JsonNode et = e.get("tables");
        JsonNode at = a.get("tables");
        JsonNode volatileColumns = step.node().path("volatile_columns");
        ObjectNode patches = NODES.objectNode();
        for (Map.Entry<String, JsonNode> t : et.properties()) {
            String table = t.getKey();
            JsonNode rows = at.get(table);
            String prefix = "/tables/" + table;
            if (rows == null) {
                diffs.add(new Difference(prefix, "missing", t.getValue(), null, "no snapshot of table " + table));
                continue;
            }
            List<Rule> tableRules = new ArrayList<>();
            for (JsonNode column : volatileColumns.path(table)) {
                tableRules.add(Rule.of("/" + column.asString(), Rule.Kind.IGNORE_VALUE, "volatile column"));
            }
            tableRules.addAll(rules.forTable(table, key(step)));
            tableRules = withDivergenceRules(tableRules, len, step, table, null);
            List<Rule> rooted = tableRules.stream().map(r -> r.under("/*")).toList();
            List<Difference> d = comparator.compare(t.getValue(), rows, scope.withRules(rooted));
            d.forEach(x -> diffs.add(x.under(prefix)));
            if (!d.isEmpty()) {
                patches.set(table, FieldDiff.patch(t.getValue(), rows, d.stream().map(Difference::path).toList()));
            }
        }
        for (String table : at.propertyNames()) {
            if (!et.has(table)) {
                diffs.add(new Difference("/tables/" + table, "unexpected", null, at.get(table),
                        "unexpected table " + table));
            }
        }
        return new Compared(diffs, patches.isEmpty() ? null : patches);
    }

    private Compared redis(Step step, StepRun e, StepRun a, Scope scope, Leniency len) {
        ObjectNode em = byChannel(e.get("messages"));
        ObjectNode am = byChannel(a.get("messages"));
        List<Difference> diffs = new ArrayList<>();
        ObjectNode patches = NODES.objectNode();
        Set<String> channels = new LinkedHashSet<>(em.propertyNames());
        channels.addAll(am.propertyNames());
        for (String channel : channels) {
            String prefix = "/messages/" + channel;
            JsonNode x = em.path(channel);
            JsonNode y = am.path(channel);
            if (x.isMissingNode() || y.isMissingNode()) {
                diffs.add(new Difference(prefix, x.isMissingNode() ? "unexpected" : "missing",
                        x.isMissingNode() ? null : x, y.isMissingNode() ? null : y,
                        (x.isMissingNode() ? y.size() + " unexpected message(s)" : "none of " + x.size()
                                + " message(s) published") + " on channel " + channel));
                continue;
            }
            List<Rule> channelRules = withDivergenceRules(rules.forChannel(channel, key(step)), len, step, null, channel);
            List<Rule> rooted = new ArrayList<>(channelRules.stream().map(r -> r.under("/*")).toList());
            rooted.add(Rule.of("", Rule.Kind.UNORDERED, "publish order is concurrent (FORMAT.md §6)"));
            List<Difference> d = comparator.compare(x, y, scope.withRules(rooted));
            d.forEach(z -> diffs.add(z.under(prefix)));
            if (!d.isEmpty()) {
                patches.set(channel, FieldDiff.patch(x, y, d.stream().map(Difference::path).toList()));
            }
        }
        return new Compared(diffs, patches.isEmpty() ? null : patches);
    }

    private ObjectNode byChannel(JsonNode messages) {
        ObjectNode out = NODES.objectNode();
        for (JsonNode m : messages) {
            String channel = m.path("channel").asString();
            if (rules.global().redisIgnoreChannels().contains(channel)) {
                continue;
            }
            JsonNode list = out.get(channel);
            if (list == null) {
                list = out.putArray(channel);
            }
            ((ArrayNode) list).add(m.get("data"));
        }
        return out;
    }

    /**
     * The catch-all 404 where the legacy served the route: the candidate does not implement it (yet). Checked after
     * the accepted divergences, so a divergence that allows a 404 wins.
     */
    private String notImplemented(Step step, StepRun e, StepRun a, Set<String> niConns, Set<String> niRoutes,
                                  List<Outcome> httpOutcomes) {
        switch (step.kind()) {
            case "http" -> {
                if (a.failed() || e.failed()) {
                    return null;
                }
                JsonNode ar = a.get("response");
                JsonNode er = e.get("response");
                if (catchAll(ar.path("status").asInt(), ar.path("body_format").asString(), ar.path("body").asString(""))
                        && !catchAll(er.path("status").asInt(), er.path("body_format").asString(),
                        er.path("body").asString(""))) {
                    return "the candidate answered its catch-all 404 \"Not Found\"; the legacy answered "
                            + er.path("status").asInt();
                }
                return null;
            }
            case "ws" -> {
                String conn = step.node().path("conn").asString("");
                if ("open".equals(step.node().path("action").asString()) && !a.failed()
                        && !step.route().endsWith("[unrouted]")) {
                    JsonNode ar = a.get("result");
                    JsonNode er = e.get("result");
                    if (ar.path("handshake_status").asInt() == 404 && er.path("handshake_status").asInt() != 404) {
                        niConns.add(conn);
                        return "the candidate refused the WebSocket upgrade with 404; the legacy answered "
                                + er.path("handshake_status").asInt();
                    }
                    return null;
                }
                return niConns.contains(conn) ? "the WebSocket route is not implemented (handshake refused)" : null;
            }
            case "db", "redis" -> {
                int back = step.kind().equals("redis") ? Math.max(1, step.node().path("http_steps_back").asInt(1)) : 1;
                for (int k = 1; k <= back && k <= httpOutcomes.size(); k++) {
                    if (httpOutcomes.get(httpOutcomes.size() - k) == Outcome.NOT_IMPLEMENTED) {
                        return "the side effect of an HTTP step the candidate does not implement";
                    }
                }
                return niRoutes.contains(step.route()) ? "the side effect of a route the candidate does not implement"
                        : null;
            }
            default -> {
                return null;
            }
        }
    }

    private static boolean catchAll(int status, String format, String body) {
        return status == 404 && format.equals("text") && body.trim().equals("Not Found");
    }

    private List<Divergence> applicable(Step step, StepRun e, StepRun a) {
        List<Divergence> out = new ArrayList<>();
        for (Divergence d : divergences.all()) {
            boolean applies = switch (step.kind()) {
                case "db" -> {
                    boolean any = false;
                    for (String table : e.get("tables").propertyNames()) {
                        any |= d.appliesToTable(table, step.route(), step.scenario(), step.name(), step.number());
                    }
                    yield any;
                }
                case "redis" -> {
                    boolean any = false;
                    Set<String> channels = new LinkedHashSet<>(byChannel(e.get("messages")).propertyNames());
                    channels.addAll(byChannel(a.get("messages") == null ? NODES.arrayNode() : a.get("messages"))
                            .propertyNames());
                    for (String channel : channels) {
                        any |= d.appliesToChannel(channel, step.route(), step.scenario(), step.name(), step.number());
                    }
                    yield any;
                }
                default -> d.appliesToRoute(step.route(), step.scenario(), step.name(), step.number());
            };
            if (applies) {
                out.add(d);
            }
        }
        return out;
    }

    /** Route rules plus the rules of the accepted divergences that apply here (their rules come first). */
    private static List<Rule> withDivergenceRules(List<Rule> base, Leniency len, Step step, String table,
                                                  String channel) {
        if (len.sources().isEmpty()) {
            return base;
        }
        List<Rule> out = new ArrayList<>();
        for (Divergence d : len.sources()) {
            boolean applies = table != null
                    ? d.appliesToTable(table, step.route(), step.scenario(), step.name(), step.number())
                    : channel != null
                    ? d.appliesToChannel(channel, step.route(), step.scenario(), step.name(), step.number())
                    : d.appliesToRoute(step.route(), step.scenario(), step.name(), step.number());
            if (!applies) {
                continue;
            }
            for (Rule r : d.rules()) {
                boolean tableOk = r.table() == null || r.table().equals(table);
                boolean channelOk = r.channel() == null || r.channel().equals(channel);
                if (tableOk && channelOk) {
                    out.add(r);
                }
            }
        }
        out.addAll(base);
        return out;
    }

    private static List<Rule> stepCompare(Step step) {
        JsonNode compare = step.get("compare");
        List<Rule> out = new ArrayList<>();
        if (compare != null) {
            for (JsonNode r : compare) {
                out.add(Rule.parse(r, step.scenario() + "#" + step.number() + " compare"));
            }
        }
        return out;
    }

    private static RuleBook.StepKey key(Step step) {
        return new RuleBook.StepKey(step.scenario(), step.name(), step.number());
    }

    private static String contentType(String s) {
        return s.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n.asString();
    }

    private static String abbreviate(JsonNode n) {
        String s = n == null ? "null" : n.isString() ? n.stringValue() : n.toString();
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
