package dev.cellmonitor.cutover.backend.lms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/** The parity rules of the {@code ## lms} rows of docs/divergences.md (the last code span of each row). */
final class LmsDivergences {

    private static final Pattern CODE_SPAN = Pattern.compile("`([^`]*)`");

    private LmsDivergences() {
    }

    static List<JsonNode> rules() {
        Path file = locate();
        try {
            String text = Files.readString(file);
            String section = text.substring(text.indexOf("\n## lms"));
            int next = section.indexOf("\n## ", 1);
            section = next < 0 ? section : section.substring(0, next);
            List<JsonNode> rules = new ArrayList<>();
            for (String line : section.split("\n")) {
                if (!line.startsWith("| LMS-")) {
                    continue;
                }
                String[] cells = line.split(" \\| ");
                Matcher spans = CODE_SPAN.matcher(cells[cells.length - 1]);
                String last = null;
                while (spans.find()) {
                    last = spans.group(1);
                }
                if (last == null) {
                    throw new IllegalStateException("divergence row without a parity rule: " + line);
                }
                rules.add(LmsHttp.JSON.readTree(last));
            }
            return rules;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs/divergences.md");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("docs/divergences.md not found above " + Path.of("").toAbsolutePath());
    }
}
