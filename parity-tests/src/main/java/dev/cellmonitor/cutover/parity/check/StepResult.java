package dev.cellmonitor.cutover.parity.check;

import java.util.List;

import dev.cellmonitor.cutover.parity.compare.Difference;
import tools.jackson.databind.JsonNode;

/**
 * The verdict on one step, with what is needed to understand a failure: the request the candidate got, the
 * field-level differences, the JSON Patch from the legacy's to the candidate's answer restricted to those
 * fields, and both observations.
 *
 * @param label        the route column of the per-route table ({@code <route> [db]} for side effects)
 * @param divergences  ids of the accepted divergences that made the step pass
 * @param note         why a step was skipped / not implemented, or which noise was discounted
 */
public record StepResult(String scenario, int step, String name, String kind, String route, String label,
                         String group, Outcome outcome, List<Difference> differences, List<String> divergences,
                         String note, JsonNode request, JsonNode expected, JsonNode actual, JsonNode patch) {

    public StepResult withOutcome(Outcome newOutcome, List<Difference> diffs, String newNote) {
        return new StepResult(scenario, step, name, kind, route, label, group, newOutcome, diffs, divergences,
                newNote, request, expected, actual, patch);
    }

    public String id() {
        return scenario + "#" + step;
    }
}
