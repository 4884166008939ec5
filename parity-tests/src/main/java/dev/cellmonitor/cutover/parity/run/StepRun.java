package dev.cellmonitor.cutover.parity.run;

import java.util.Map;

import dev.cellmonitor.cutover.parity.compare.Captures;
import dev.cellmonitor.cutover.parity.recording.Step;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What one side did at one step: the observed parts in the recording's own field names ({@code sent},
 * {@code response}, {@code captured} / {@code result} / {@code tables} / {@code messages}), the captures after
 * the step, every response header (live sides only), and why it could not be observed ({@code error}: the step
 * failed on this side; {@code skipped}: the tool was not given what it needs, e.g. no database;
 * {@code unresolved}: the placeholder whose capture this side never got, so the step was not sent).
 */
public record StepRun(Step step, ObjectNode observed, Captures captures, Map<String, String> headers, String error,
                      String skipped, String unresolved) {

    public StepRun(Step step, ObjectNode observed, Captures captures, Map<String, String> headers, String error,
                   String skipped) {
        this(step, observed, captures, headers, error, skipped, null);
    }

    public JsonNode get(String field) {
        return observed.get(field);
    }

    public boolean failed() {
        return error != null;
    }

    public boolean isSkipped() {
        return skipped != null;
    }
}
