package dev.cellmonitor.cutover.parity.recording;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Reads and writes recordings in the JSON Lines format of FORMAT.md (UTF-8, non-ASCII written raw). */
public final class Recordings {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private Recordings() {
    }

    /** Every {@code *.jsonl} of a folder whose scenario name matches one of the globs (all when none), by name. */
    public static List<Recording> readFolder(Path folder, List<String> scenarioGlobs) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("recordings folder not found: " + folder);
        }
        List<PathMatcher> matchers = scenarioGlobs.stream()
                .map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
        try (Stream<Path> files = Files.list(folder)) {
            List<Recording> out = new ArrayList<>();
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList()) {
                Recording r = read(f);
                if (matchers.isEmpty() || matchers.stream().anyMatch(m -> m.matches(Path.of(r.scenario())))) {
                    out.add(r);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Recording read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        ObjectNode setup = null;
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JacksonException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": not JSON: " + e.getOriginalMessage(), e);
            }
            if (!(node instanceof ObjectNode obj)) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": a line must be a JSON object");
            }
            if (setup == null) {
                if (!"setup".equals(obj.path("kind").asString(""))) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": the first line must be the setup line");
                }
                setup = obj;
            } else {
                String kind = obj.path("kind").asString("");
                if (!List.of("http", "ws", "wait", "db", "redis").contains(kind)) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": unknown step kind '" + kind + "'");
                }
                steps.add(new Step(obj));
            }
        }
        if (setup == null) {
            throw new IllegalArgumentException(file + ": empty recording");
        }
        return new Recording(file, setup, List.copyOf(steps));
    }

    public static void write(Recording recording, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                w.write(JSON.writeValueAsString(recording.setup()));
                w.write('\n');
                for (Step s : recording.steps()) {
                    w.write(JSON.writeValueAsString(s.node()));
                    w.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
