package dev.cellmonitor.cutover.backend.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The legacy's recordings as every replay test reads them: the scenario files and {@code rules.json} under
 * {@code shared.dir} (set by the parent pom for surefire; never copied into the repo, FORMAT.md), and the parity
 * rules of {@code docs/divergences.md}.
 */
public final class RecordingFiles {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern DIVERGENCE_ID = Pattern.compile("[A-Z]+-\\d+");

    /**
     * One row of docs/divergences.md: its section ({@code core}, {@code lms}...), id ({@code CX-3}) and parity rule
     * (the last {@code {...}} code span of the row, {@code \|} read as a pipe).
     */
    public record DivergenceRow(String section, String id, JsonNode rule) {
    }

    private RecordingFiles() {
    }

    /** {@code <shared.dir>/legacy-api/recordings}; {@code ../../shared} when the property is not set. */
    public static Path dir() {
        return Path.of(System.getProperty("shared.dir", "../../shared"), "legacy-api", "recordings");
    }

    /** The recordings directory; skips the calling test when {@code shared.dir} is not set or holds no recordings. */
    public static Path requireDir() {
        String shared = System.getProperty("shared.dir");
        Assumptions.assumeTrue(shared != null, "system property shared.dir is not set: run through Maven (surefire sets it)");
        Path dir = dir();
        Assumptions.assumeTrue(Files.isRegularFile(dir.resolve("rules.json")),
                "legacy recordings not found at " + dir + " (shared.dir=" + shared + "): replay skipped");
        return dir;
    }

    /** The scenario names ({@code p01_root_health_docs}...), sorted. */
    public static List<String> scenarios() {
        try (Stream<Path> files = Files.list(dir())) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".jsonl"))
                    .map(n -> n.substring(0, n.length() - ".jsonl".length())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every line of a scenario: its setup line first, then its steps. */
    public static List<JsonNode> scenario(String name) {
        try {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : Files.readAllLines(dir().resolve(name + ".jsonl"), StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    lines.add(JSON.readTree(line));
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** rules.json: {@code global}, {@code routes} and {@code steps}. */
    public static JsonNode rules() {
        try {
            return JSON.readTree(Files.readString(dir().resolve("rules.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** docs/divergences.md, found from the working directory upwards (surefire runs in new-backend/). */
    public static Path divergencesFile() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs/divergences.md");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("docs/divergences.md not found above " + Path.of("").toAbsolutePath());
    }

    /** Every divergence row of every section, in file order (the key table above the first section excluded). */
    public static List<DivergenceRow> divergences() {
        try {
            List<DivergenceRow> rows = new ArrayList<>();
            String section = null;
            for (String raw : Files.readAllLines(divergencesFile())) {
                String line = raw.strip();
                if (line.startsWith("## ")) {
                    section = line.substring(3).strip();
                }
                int start = line.lastIndexOf("`{");
                int end = line.lastIndexOf("}`");
                if (section == null || !line.startsWith("|") || start < 0 || end < start) {
                    continue;
                }
                String id = line.split("(?<!\\\\)\\|")[1].strip();
                if (DIVERGENCE_ID.matcher(id).matches()) {
                    rows.add(new DivergenceRow(section, id, JSON.readTree(line.substring(start + 1, end + 1).replace("\\|", "|"))));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows of one section ({@code "lms"}) or, with an id prefix ({@code "CX-"}), of one author. */
    public static List<DivergenceRow> divergences(String section, String idPrefix) {
        return divergences().stream().filter(r -> r.section().equals(section) && r.id().startsWith(idPrefix)).toList();
    }
}
