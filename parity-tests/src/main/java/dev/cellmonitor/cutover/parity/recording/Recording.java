package dev.cellmonitor.cutover.parity.recording;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One scenario: the setup line and its steps, in file order (FORMAT.md). A template for record mode has the
 * same shape without (or with stale) observed parts.
 */
public record Recording(Path source, ObjectNode setup, List<Step> steps) {

    public String scenario() {
        return setup.path("scenario").asString(source == null ? "scenario" : source.getFileName().toString());
    }

    /** The wall clock of the recording: timestamps near it are generated values. */
    public Instant recordedAt() {
        JsonNode at = setup.get("recorded_at");
        return at == null || at.isNull() ? Instant.now() : Instant.parse(at.asString());
    }

    public List<String> seed() {
        List<String> seed = new ArrayList<>();
        setup.path("seed").forEach(s -> seed.add(s.asString()));
        return seed;
    }

    public String description() {
        return setup.path("description").asString("");
    }
}
