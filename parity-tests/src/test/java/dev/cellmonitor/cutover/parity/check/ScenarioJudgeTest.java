package dev.cellmonitor.cutover.parity.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.cellmonitor.cutover.parity.compare.Captures;
import dev.cellmonitor.cutover.parity.compare.RuleBook;
import dev.cellmonitor.cutover.parity.divergence.DivergenceBook;
import dev.cellmonitor.cutover.parity.recording.Recording;
import dev.cellmonitor.cutover.parity.recording.Step;
import dev.cellmonitor.cutover.parity.run.ScenarioRun;
import dev.cellmonitor.cutover.parity.run.StepRun;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Side-effect and WebSocket steps judged on hand-written pairs, with and without accepted divergences. */
class ScenarioJudgeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant CLOCK = Instant.parse("2026-11-28T23:00:00Z");

    /** One recorded step (legacy) and what the candidate observed at it. */
    private static StepResult judge(String recordedStep, String candidateObserved, String... divergenceRows) {
        ObjectNode line = (ObjectNode) JSON.readTree(recordedStep);
        line.put("scenario", "t").put("step", 1);
        ObjectNode setup = (ObjectNode) JSON.readTree("{\"kind\": \"setup\", \"scenario\": \"t\", \"recorded_at\": \""
                + CLOCK + "\"}");
        Recording recording = new Recording(null, setup, List.of(new Step(line)));
        ScenarioRun legacy = ScenarioRun.recorded(recording);
        StepRun candidateStep = new StepRun(recording.steps().getFirst(), (ObjectNode) JSON.readTree(candidateObserved),
                Captures.none(), Map.of(), null, null);
        ScenarioRun candidate = new ScenarioRun(recording, "candidate", CLOCK, List.of(candidateStep), false);
        List<String> md = new ArrayList<>(List.of("## core", "| id | route | legacy | new | rule |", "|---|---|---|---|---|"));
        for (int i = 0; i < divergenceRows.length; i++) {
            md.add("| D-" + (i + 1) + " | r | l | n | `" + divergenceRows[i] + "` |");
        }
        DivergenceBook divergences = DivergenceBook.parse(md, "test.md");
        return new ScenarioJudge(RuleBook.empty(), divergences).judge(legacy, candidate).getFirst();
    }

    private static final String RECV = """
            {"kind": "ws", "conn": "c", "action": "recv", "route": "WS /x", "group": "core", "name": "push",
             "unordered": false, "result": {"received": [{"type": "text", "raw": "{}", "data": {"type": "progress"}}]}}
            """;

    @Test
    void extraFramesFailUnlessAnAcceptedDivergenceAllowsThem() {
        String candidate = """
                {"result": {"received": [{"type": "text", "data": {"type": "status_response"}},
                                         {"type": "text", "data": {"type": "progress"}}]}}
                """;
        assertThat(judge(RECV, candidate).outcome()).isEqualTo(Outcome.FAILED);
        StepResult accepted = judge(RECV, candidate, "{\"route\": \"WS /x\", \"ws\": \"extra_frames\"}");
        assertThat(accepted.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(accepted.divergences()).containsExactly("D-1");
        StepResult minimal = judge(RECV, candidate,
                "{\"route\": \"~^WS \", \"rules\": [{\"path\": \"/unrelated\", \"kind\": \"ignore\"}]}",
                "{\"route\": \"WS /x\", \"ws\": \"extra_frames\"}");
        assertThat(minimal.divergences()).as("only the rows that were needed").containsExactly("D-2");
        String missing = """
                {"result": {"received": [{"type": "text", "data": {"type": "status_response"}}]}}
                """;
        assertThat(judge(RECV, missing, "{\"route\": \"WS /x\", \"ws\": \"extra_frames\"}").outcome())
                .as("the legacy's frame must still arrive").isEqualTo(Outcome.FAILED);
    }

    @Test
    void aMissingCloseIsAcceptedOnlyWithNoClose() {
        String close = """
                {"kind": "ws", "conn": "c", "action": "close", "route": "WS /x", "group": "core", "name": "close",
                 "result": {"received": [{"type": "close", "code": 1000, "reason": ""}]}}
                """;
        String open = "{\"result\": {\"received\": []}}";
        assertThat(judge(close, open).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(judge(close, open, "{\"route\": \"WS /x\", \"ws\": \"no_close\"}").outcome())
                .isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void unorderedFramesCompareAsAMultiset() {
        String recv = """
                {"kind": "ws", "conn": "c", "action": "recv", "route": "WS /x", "group": "core", "name": "pushes",
                 "unordered": true, "result": {"received": [{"type": "text", "data": {"n": 1}},
                                                            {"type": "text", "data": {"n": 2}}]}}
                """;
        assertThat(judge(recv, "{\"result\": {\"received\": [{\"type\": \"text\", \"data\": {\"n\": 2}},"
                + " {\"type\": \"text\", \"data\": {\"n\": 1}}]}}").outcome()).isEqualTo(Outcome.PASSED);
        assertThat(judge(recv.replace("\"unordered\": true", "\"unordered\": false"),
                "{\"result\": {\"received\": [{\"type\": \"text\", \"data\": {\"n\": 2}},"
                        + " {\"type\": \"text\", \"data\": {\"n\": 1}}]}}").outcome()).isEqualTo(Outcome.FAILED);
    }

    @Test
    void redisMessagesCompareAsAMultisetPerChannel() {
        String redis = """
                {"kind": "redis", "route": "POST /api/v1/events", "group": "core", "name": "messages",
                 "messages": [{"channel": "progress_events", "data": {"eventId": "a", "batch_id": "x1"}},
                              {"channel": "progress_events", "data": {"eventId": "b", "batch_id": "x1"}},
                              {"channel": "worker_heartbeat", "data": "beat"}]}
                """;
        assertThat(judge(redis, """
                {"messages": [{"channel": "progress_events", "data": {"eventId": "b", "batch_id": "x1"}},
                              {"channel": "progress_events", "data": {"eventId": "a", "batch_id": "x1"}}]}
                """).outcome()).isEqualTo(Outcome.PASSED);
        StepResult lost = judge(redis, """
                {"messages": [{"channel": "progress_events", "data": {"eventId": "b", "batch_id": "x1"}},
                              {"channel": "dashboard_updates", "data": {"type": "x"}}]}
                """);
        assertThat(lost.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(lost.differences()).extracting(d -> d.path()).contains("/messages/progress_events",
                "/messages/dashboard_updates");
        assertThat(judge(redis, """
                {"messages": [{"channel": "progress_events", "data": {"eventId": "b", "batch_id": "y2"}},
                              {"channel": "progress_events", "data": {"eventId": "a", "batch_id": "y2"}}]}
                """, "{\"route\": \"REDIS progress_events\", \"rules\": [{\"path\": \"/batch_id\", \"kind\": \"ignore_value\"}]}")
                .outcome()).isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void dbRowsCompareVolatileColumnsByTypeOnly() {
        String db = """
                {"kind": "db", "route": "POST /api/v1/classes/", "group": "lms", "name": "db snapshot: classes",
                 "tables": {"classes": [{"id": 1, "class_code": "PY-101", "created_at": "2026-11-28T23:01:00+00:00"}]},
                 "queries": {"classes": "SELECT ..."}, "volatile_columns": {"classes": ["id", "created_at"]}}
                """;
        assertThat(judge(db, """
                {"tables": {"classes": [{"id": 7, "class_code": "PY-101", "created_at": "2020-01-01T00:00:00+00:00"}]}}
                """).outcome()).isEqualTo(Outcome.PASSED);
        assertThat(judge(db, """
                {"tables": {"classes": [{"id": 7, "class_code": "PY-101", "created_at": null}]}}
                """).outcome()).as("null vs value still matters").isEqualTo(Outcome.FAILED);
        StepResult renamed = judge(db, """
                {"tables": {"classes": [{"id": 1, "class_code": "py-101", "created_at": "2026-11-28T23:01:00+00:00"}]}}
                """, "{\"route\": \"DB classes\", \"rules\": [{\"path\": \"/class_code\", \"kind\": \"ignore_value\"}]}");
        assertThat(renamed.outcome()).isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void aRefusedUpgradeOfAServedSocketIsNotImplemented() {
        String open = """
                {"kind": "ws", "conn": "d", "action": "open", "route": "WS /api/v1/dashboard/ws/dashboard",
                 "group": "monitoring", "name": "open", "result": {"handshake_status": 101, "received": []}}
                """;
        assertThat(judge(open, "{\"result\": {\"handshake_status\": 404, \"handshake_body\": \"Not Found\","
                + " \"received\": []}}").outcome()).isEqualTo(Outcome.NOT_IMPLEMENTED);
    }
}
