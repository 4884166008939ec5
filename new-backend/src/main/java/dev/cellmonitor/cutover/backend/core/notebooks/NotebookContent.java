package dev.cellmonitor.cutover.backend.core.notebooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.cellmonitor.cutover.backend.web.JsonBody;
import dev.cellmonitor.cutover.backend.web.LegacyTime;
import dev.cellmonitor.cutover.backend.web.PythonRepr;
import dev.cellmonitor.cutover.backend.web.ValidationErrors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Turns a Jupyter document into a {@link Snapshot} the way the legacy does. The snapshot id is the first 16 hex
 * digits of SHA-256 over Python's {@code json.dumps(content, sort_keys=True, ensure_ascii=False)}, so identical
 * content always gets the same id. Content the legacy would crash on (a cell that is not an object, an unknown
 * cell type, a source that is not a list of strings...) is reported as a 422 with the offending location.
 */
final class NotebookContent {

    private static final List<String> CELL_TYPES = List.of("code", "markdown", "raw");

    private NotebookContent() {
    }

    static String snapshotId(JsonNode content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(PythonRepr.dumpsSorted(content).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Validates {@code content} (found at {@code loc}) and builds its snapshot, or throws a 422. */
    static Snapshot snapshot(String notebookPath, JsonNode content, List<Object> loc) {
        ValidationErrors errors = new ValidationErrors();
        List<Cell> cells = new ArrayList<>();
        JsonNode cellList = content.get("cells");
        if (cellList != null && !cellList.isArray()) {
            errors.add("list_type", at(loc, "cells"), "Input should be a valid list", JsonBody.plain(cellList));
        } else if (cellList != null) {
            for (int i = 0; i < cellList.size(); i++) {
                Cell cell = cell(cellList.get(i), at(loc, "cells", i), errors);
                if (cell != null) {
                    cells.add(cell);
                }
            }
        }
        JsonNode metadata = objectOrDefault(content, "metadata", loc, errors);
        JsonNode kernelSpec = metadata.isObject() ? objectOrDefault(metadata, "kernelspec", at(loc, "metadata"), errors)
                : JsonNodeFactory.instance.objectNode();
        errors.throwIfAny();
        return new Snapshot(snapshotId(content), notebookPath, LegacyTime.utcNow(), metadata, kernelSpec, List.copyOf(cells));
    }

    private static Cell cell(JsonNode data, List<Object> loc, ValidationErrors errors) {
        if (!data.isObject()) {
            errors.add("dict_type", loc, "Input should be a valid dictionary", JsonBody.plain(data));
            return null;
        }
        int before = errors.size();
        String id = UUID.randomUUID().toString();
        if (data.has("id")) {
            JsonNode v = data.get("id");
            if (v.isString()) {
                id = v.stringValue();
            } else {
                errors.add("string_type", at(loc, "id"), "Input should be a valid string", JsonBody.plain(v));
            }
        }
        String type = "code";
        if (data.has("cell_type")) {
            JsonNode v = data.get("cell_type");
            if (v.isString() && CELL_TYPES.contains(v.stringValue())) {
                type = v.stringValue();
            } else {
                String expected = JsonBody.expected(CELL_TYPES);
                errors.add("enum", at(loc, "cell_type"), "Input should be " + expected, JsonBody.plain(v),
                        Map.of("expected", expected));
            }
        }
        List<String> source = new ArrayList<>();
        if (data.has("source")) {
            JsonNode v = data.get("source");
            if (!v.isArray()) {
                errors.add("list_type", at(loc, "source"), "Input should be a valid list", JsonBody.plain(v));
            } else {
                for (int i = 0; i < v.size(); i++) {
                    if (v.get(i).isString()) {
                        source.add(v.get(i).stringValue());
                    } else {
                        errors.add("string_type", at(loc, "source", i), "Input should be a valid string",
                                JsonBody.plain(v.get(i)));
                    }
                }
            }
        }
        JsonNode metadata = objectOrDefault(data, "metadata", loc, errors);
        JsonBody.Fields fields = JsonBody.fields(data, errors, loc.toArray());
        Long executionCount = fields.integer("execution_count", false);
        JsonNode outputs = JsonNodeFactory.instance.arrayNode();
        if (data.has("outputs")) {
            JsonNode v = data.get("outputs");
            if (!v.isArray()) {
                errors.add("list_type", at(loc, "outputs"), "Input should be a valid list", JsonBody.plain(v));
            } else {
                for (int i = 0; i < v.size(); i++) {
                    if (!v.get(i).isObject()) {
                        errors.add("dict_type", at(loc, "outputs", i), "Input should be a valid dictionary",
                                JsonBody.plain(v.get(i)));
                    }
                }
                outputs = v;
            }
        }
        return errors.size() > before ? null
                : new Cell(id, type, List.copyOf(source), metadata, executionCount, outputs);
    }

    /** A dict-valued key that defaults to {@code {}} when absent, as the legacy's {@code .get(key, {})}. */
    private static JsonNode objectOrDefault(JsonNode parent, String key, List<Object> loc, ValidationErrors errors) {
        JsonNode v = parent.get(key);
        if (v == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!v.isObject()) {
            errors.add("dict_type", at(loc, key), "Input should be a valid dictionary", JsonBody.plain(v));
        }
        return v;
    }

    private static List<Object> at(List<Object> loc, Object... more) {
        List<Object> out = new ArrayList<>(loc);
        out.addAll(List.of(more));
        return out;
    }
}
