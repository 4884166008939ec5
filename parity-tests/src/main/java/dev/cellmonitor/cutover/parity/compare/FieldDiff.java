package dev.cellmonitor.cutover.parity.compare;

import java.util.Collection;
import java.util.EnumSet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.flipkart.zjsonpatch.DiffFlags;
import com.flipkart.zjsonpatch.JsonDiff;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * The field-level diff shown for a failing step: the RFC 6902 JSON Patch that turns the legacy value into the
 * candidate's (computed by zjsonpatch), restricted to the fields the comparator reported, so that normalised
 * noise (timestamps, generated ids) does not drown the real difference.
 */
public final class FieldDiff {

    private static final ObjectMapper JACKSON2 = new ObjectMapper();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FieldDiff() {
    }

    /** The patch operations at or under (or above) any of {@code paths} (JSON Pointers into these values). */
    public static ArrayNode patch(JsonNode expected, JsonNode actual, Collection<String> paths) {
        ArrayNode ops = JSON.createArrayNode();
        if (expected == null || actual == null || expected.isMissingNode() || actual.isMissingNode()) {
            return ops;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode patch = JsonDiff.asJson(
                    JACKSON2.readTree(JSON.writeValueAsString(expected)),
                    JACKSON2.readTree(JSON.writeValueAsString(actual)),
                    EnumSet.of(DiffFlags.OMIT_MOVE_OPERATION, DiffFlags.OMIT_COPY_OPERATION,
                            DiffFlags.ADD_ORIGINAL_VALUE_ON_REPLACE));
            for (JsonNode op : JSON.readTree(JACKSON2.writeValueAsString(patch))) {
                String at = op.path("path").asString("");
                if (paths.stream().anyMatch(p -> related(at, p))) {
                    ops.add(op);
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot diff", e);
        }
        return ops;
    }

    private static boolean related(String op, String diff) {
        return op.equals(diff) || op.startsWith(diff + "/") || diff.startsWith(op + "/") || diff.isEmpty();
    }
}
