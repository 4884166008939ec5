package dev.cellmonitor.cutover.backend.core.notebooks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** One notebook cell as the legacy's {@code CellContent} holds it. */
record Cell(String cellId, String cellType, List<String> source, JsonNode metadata, Long executionCount,
            JsonNode outputs) {

    int lineCount() {
        return source.size();
    }

    /** Python's {@code len()} counts code points. */
    int characterCount() {
        return source.stream().mapToInt(line -> line.codePointCount(0, line.length())).sum();
    }

    /** The cell metadata value the legacy compares, {@code None} (null) when absent. */
    JsonNode metadataValue(String key) {
        return metadata.get(key);
    }

    Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cell_id", cellId);
        out.put("cell_type", cellType);
        out.put("source", source);
        out.put("metadata", metadata);
        out.put("execution_count", executionCount);
        out.put("outputs", outputs);
        out.put("line_count", lineCount());
        out.put("character_count", characterCount());
        return out;
    }
}
