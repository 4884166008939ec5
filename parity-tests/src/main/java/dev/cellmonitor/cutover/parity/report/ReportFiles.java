package dev.cellmonitor.cutover.parity.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.cellmonitor.cutover.parity.check.StepResult;
import dev.cellmonitor.cutover.parity.compare.Difference;
import dev.cellmonitor.cutover.parity.compare.PathPattern;
import dev.cellmonitor.cutover.parity.noise.NoiseLearner;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a report's files into one folder: {@code parity-report.html}, {@code junit/TEST-parity.xml},
 * {@code parity-table.txt} (console form), {@code parity-table.md}, {@code results.json} and, when noise was
 * learned, {@code proposed-rules.json} (a rules file QA can review and pass back with {@code --rules}).
 */
public final class ReportFiles {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ReportFiles() {
    }

    public static void write(ParityReport report, Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("parity-table.txt"), TextReport.render(report), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("parity-table.md"), TextReport.markdown(report), StandardCharsets.UTF_8);
            HtmlReport.write(report, dir.resolve("parity-report.html"));
            JUnitXmlReport.write(report, dir.resolve("junit").resolve("TEST-parity.xml"));
            Files.writeString(dir.resolve("results.json"),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results(report)), StandardCharsets.UTF_8);
            List<NoiseLearner.Field> noise = report.noise().stream().filter(f -> f.noise() > 0 && !f.real()).toList();
            if (!noise.isEmpty()) {
                Files.writeString(dir.resolve("proposed-rules.json"),
                        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(proposedRules(noise)),
                        StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + dir, e);
        }
    }

    private static ObjectNode results(ParityReport report) {
        ObjectNode root = NODES.objectNode();
        root.put("title", report.title());
        root.put("summary", report.summary());
        root.put("passed", report.passed());
        ArrayNode steps = root.putArray("steps");
        for (StepResult r : report.results()) {
            ObjectNode s = steps.addObject();
            s.put("scenario", r.scenario()).put("step", r.step()).put("name", r.name()).put("route", r.label())
                    .put("group", r.group()).put("outcome", r.outcome().name()).put("gated", report.gate().covers(r));
            if (r.note() != null) {
                s.put("note", r.note());
            }
            if (!r.divergences().isEmpty()) {
                ArrayNode ids = s.putArray("divergences");
                r.divergences().forEach(ids::add);
            }
            ArrayNode diffs = s.putArray("differences");
            for (Difference d : r.differences()) {
                diffs.addObject().put("path", d.path()).put("kind", d.kind()).put("message", d.message());
            }
        }
        ArrayNode uncovered = root.putArray("uncovered_routes");
        report.uncovered().forEach(r -> uncovered.add(r.key()));
        return root;
    }

    /**
     * Learned noise as a rules document: a difference at {@code /body/<p>} of an HTTP route becomes
     * {@code routes[route]: {"path": "<p>", "kind": "ignore_value"}}; WebSocket frames, DB rows and Redis messages
     * are re-rooted the same way under their own keys.
     */
    static ObjectNode proposedRules(List<NoiseLearner.Field> noise) {
        ObjectNode doc = NODES.objectNode();
        doc.put("about", "Proposed by parity-tests noise learning: fields on which the legacy differs from itself."
                + " Review before use (--rules).");
        ObjectNode routes = doc.putObject("routes");
        for (NoiseLearner.Field f : noise) {
            List<String> segs = PathPattern.segments(f.field());
            String key = f.route().replaceAll(" \\[(db|redis)]$", "");
            List<String> rest = segs;
            if (!segs.isEmpty()) {
                switch (segs.getFirst()) {
                    case "body" -> rest = segs.subList(1, segs.size());
                    case "frames" -> rest = segs.size() > 2 ? segs.subList(3, segs.size()) : List.of();
                    case "tables" -> {
                        key = "DB " + segs.get(1);
                        rest = segs.size() > 3 ? segs.subList(3, segs.size()) : List.of();
                    }
                    case "messages" -> {
                        key = "REDIS " + segs.get(1);
                        rest = segs.size() > 3 ? segs.subList(3, segs.size()) : List.of();
                    }
                    default -> {
                        continue;
                    }
                }
            }
            JsonNodeFactory n = NODES;
            ArrayNode list = routes.has(key) ? (ArrayNode) routes.get(key) : routes.putArray(key);
            list.add(n.objectNode().put("path", PathPattern.pointer(rest)).put("kind", "ignore_value")
                    .put("why", "learned noise: the legacy differed from itself " + f.noise() + " time(s) in "
                            + f.total() + " request(s)"));
        }
        return doc;
    }
}
