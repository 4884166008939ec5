package dev.cellmonitor.cutover.parity.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.cellmonitor.cutover.parity.compare.Captures;
import dev.cellmonitor.cutover.parity.recording.Recording;
import dev.cellmonitor.cutover.parity.recording.Step;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One side's run of a scenario. {@code clock} is the side's wall clock (timestamps near it are generated
 * values): the recording's {@code recorded_at} for a recorded side, the run's start for a live one.
 */
public record ScenarioRun(Recording recording, String side, Instant clock, List<StepRun> steps,
                          boolean headersComplete) {

    private static final List<String> OBSERVED = List.of("sent", "response", "captured", "result", "tables",
            "messages");

    /** The legacy side as the recording saw it. */
    public static ScenarioRun recorded(Recording recording) {
        List<StepRun> runs = new ArrayList<>();
        Captures captures = Captures.none();
        for (Step step : recording.steps()) {
            ObjectNode observed = step.node().objectNode();
            for (String field : OBSERVED) {
                if (step.node().has(field)) {
                    observed.set(field, step.node().get(field));
                }
            }
            JsonNode captured = step.node().get("captured");
            if (captured != null && captured.isObject()) {
                Map<String, JsonNode> more = new java.util.LinkedHashMap<>();
                captured.properties().forEach(e -> more.put(e.getKey(), e.getValue()));
                captures = captures.plus(more);
            }
            runs.add(new StepRun(step, observed, captures, Map.of(), null, null));
        }
        return new ScenarioRun(recording, "recording", recording.recordedAt(), List.copyOf(runs), false);
    }

    /** This run written as a recording (record mode): the template's lines with this run's observations. */
    public Recording toRecording(String recordedAgainst, String set) {
        ObjectNode setup = recording.setup().deepCopy();
        setup.put("recorded_at", clock.toString());
        setup.put("recorded_against", recordedAgainst);
        if (set != null) {
            setup.put("set", set);
        }
        List<Step> out = new ArrayList<>();
        for (StepRun run : steps) {
            ObjectNode line = run.step().node().deepCopy();
            for (String field : OBSERVED) {
                if (field.equals("captured") && !line.has("captures")) {
                    continue;
                }
                if (run.observed().has(field)) {
                    line.set(field, run.observed().get(field));
                }
            }
            if (run.error() != null) {
                line.put("record_error", run.error());
            }
            out.add(new Step(line));
        }
        return new Recording(null, setup, List.copyOf(out));
    }
}
