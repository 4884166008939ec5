package dev.cellmonitor.cutover.parity.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.cellmonitor.cutover.catalogue.Route;
import dev.cellmonitor.cutover.parity.check.Outcome;
import dev.cellmonitor.cutover.parity.check.StepResult;
import dev.cellmonitor.cutover.parity.compare.Difference;
import dev.cellmonitor.cutover.parity.noise.NoiseLearner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A single self-contained HTML file (inline CSS, no scripts or external resources) QA can open or attach. */
public final class HtmlReport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_JSON = 20_000;

    private HtmlReport() {
    }

    public static void write(ParityReport report, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, render(report), StandardCharsets.UTF_8);
    }

    public static String render(ParityReport report) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Parity report</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}")
                .append("table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:2px 6px;")
                .append("font-size:13px;vertical-align:top}th{background:#eee}td.n{text-align:right}")
                .append("tr.FAILED td{background:#fdd}tr.NOT_IMPLEMENTED td{background:#fec}tr.PASSED td{background:#efe}")
                .append("tr.ACCEPTED td{background:#eef}tr.SKIPPED td{background:#f4f4f4}")
                .append("pre{background:#f6f6f6;padding:6px;overflow:auto;max-height:30em;font-size:12px}")
                .append(".verdict-PASS{color:#070}.verdict-FAIL{color:#b00}code{font-size:12px}")
                .append("details{margin:.3em 0}section.step{border-top:1px solid #ddd;padding:.4em 0}")
                .append("</style></head><body>\n");
        h.append("<h1>Parity report</h1><p>").append(esc(report.title())).append("<br>started ")
                .append(esc(report.started().toString())).append(", took ").append(report.duration().toSeconds())
                .append(" s</p>\n<h2 class=\"verdict-").append(report.passed() ? "PASS" : "FAIL").append("\">")
                .append(report.passed() ? "PASS" : "FAIL").append("</h2><p>").append(esc(report.summary()))
                .append("</p>\n");
        routeTable(h, report);
        coverage(h, report.uncovered());
        noise(h, report.noise());
        if (!report.warnings().isEmpty()) {
            h.append("<h2>Warnings</h2><ul>");
            report.warnings().forEach(w -> h.append("<li>").append(esc(w)).append("</li>"));
            h.append("</ul>\n");
        }
        steps(h, "Failed steps", report.results().stream().filter(r -> r.outcome() == Outcome.FAILED).toList(), true);
        steps(h, "Accepted divergences",
                report.results().stream().filter(r -> r.outcome() == Outcome.ACCEPTED).toList(), false);
        notImplemented(h, report.results().stream().filter(r -> r.outcome() == Outcome.NOT_IMPLEMENTED).toList());
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void routeTable(StringBuilder h, ParityReport report) {
        h.append("<h2>Per route</h2><table><tr><th>group</th><th>route</th><th>steps</th><th>passed</th>")
                .append("<th>accepted divergences</th><th>failed</th><th>not implemented</th><th>skipped</th>")
                .append("<th>gated</th></tr>\n");
        for (RouteRow r : report.routeTable()) {
            h.append("<tr class=\"").append(r.verdict().name()).append("\"><td>").append(esc(r.group())).append("</td><td><code>")
                    .append(esc(r.route())).append("</code></td>");
            for (int n : new int[] {r.steps(), r.passed(), r.accepted(), r.failed(), r.notImplemented(), r.skipped()}) {
                h.append("<td class=\"n\">").append(n).append("</td>");
            }
            h.append("<td>").append(r.gated() ? "yes" : "").append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void coverage(StringBuilder h, List<Route> uncovered) {
        h.append("<h2>Coverage</h2>");
        if (uncovered.isEmpty()) {
            h.append("<p>Every catalogued route is exercised by at least one recording.</p>\n");
            return;
        }
        h.append("<p>").append(uncovered.size()).append(" catalogued route(s) no recording exercises:</p><ul>");
        uncovered.forEach(r -> h.append("<li>").append(esc(r.group().key())).append(" <code>").append(esc(r.key()))
                .append("</code></li>"));
        h.append("</ul>\n");
    }

    private static void noise(StringBuilder h, List<NoiseLearner.Field> fields) {
        if (fields.isEmpty()) {
            return;
        }
        h.append("<h2>Noise (legacy vs legacy)</h2><table><tr><th>route</th><th>field</th><th>raw</th><th>noise</th>")
                .append("<th>requests</th><th>relative %</th><th>absolute %</th><th>verdict</th></tr>");
        for (NoiseLearner.Field f : fields) {
            h.append("<tr class=\"").append(f.real() ? "FAILED" : "SKIPPED").append("\"><td><code>")
                    .append(esc(f.route())).append("</code></td><td><code>").append(esc(f.field())).append("</code></td><td>")
                    .append(f.raw()).append("</td><td>").append(f.noise()).append("</td><td>").append(f.total())
                    .append("</td><td>").append(String.format(java.util.Locale.ROOT, "%.1f", f.relative()))
                    .append("</td><td>").append(String.format(java.util.Locale.ROOT, "%.2f", f.absolute()))
                    .append("</td><td>").append(f.real() ? "real difference" : "noise").append("</td></tr>");
        }
        h.append("</table>\n");
    }

    private static void steps(StringBuilder h, String title, List<StepResult> steps, boolean open) {
        if (steps.isEmpty()) {
            return;
        }
        h.append("<h2>").append(esc(title)).append(" (").append(steps.size()).append(")</h2>\n");
        for (StepResult r : steps) {
            h.append("<section class=\"step\"><details").append(open ? " open" : "").append("><summary><b>")
                    .append(esc(r.id())).append("</b> <code>").append(esc(r.label())).append("</code> ")
                    .append(esc(r.name()));
            if (!r.divergences().isEmpty()) {
                h.append(" — accepted as ").append(esc(String.join(", ", r.divergences())));
            }
            if (r.note() != null) {
                h.append(" — ").append(esc(r.note()));
            }
            h.append("</summary>\n");
            if (r.request() != null) {
                h.append("<p>request</p>").append(pre(r.request()));
            }
            if (!r.differences().isEmpty()) {
                h.append("<table><tr><th>path</th><th>kind</th><th>difference</th></tr>");
                for (Difference d : r.differences()) {
                    h.append("<tr><td><code>").append(esc(d.path().isEmpty() ? "(root)" : d.path())).append("</code></td><td>")
                            .append(esc(d.kind())).append("</td><td>").append(esc(d.message())).append("</td></tr>");
                }
                h.append("</table>\n");
            }
            if (r.patch() != null) {
                h.append("<p>JSON Patch (RFC 6902) legacy &rarr; candidate, differing fields only</p>").append(pre(r.patch()));
            }
            h.append("<details><summary>legacy</summary>").append(pre(r.expected())).append("</details>")
                    .append("<details><summary>candidate</summary>").append(pre(r.actual())).append("</details>");
            h.append("</details></section>\n");
        }
    }

    /** Steps of routes the candidate does not serve: one line each, the answer was the catch-all 404. */
    private static void notImplemented(StringBuilder h, List<StepResult> steps) {
        if (steps.isEmpty()) {
            return;
        }
        h.append("<h2>Not implemented by the candidate (").append(steps.size()).append(")</h2>\n")
                .append("<table><tr><th>step</th><th>route</th><th>name</th><th>why</th></tr>");
        for (StepResult r : steps) {
            h.append("<tr class=\"NOT_IMPLEMENTED\"><td>").append(esc(r.id())).append("</td><td><code>")
                    .append(esc(r.label())).append("</code></td><td>").append(esc(r.name())).append("</td><td>")
                    .append(esc(r.note())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static String pre(JsonNode node) {
        String s = node == null ? "null" : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        if (s.length() > MAX_JSON) {
            s = s.substring(0, MAX_JSON) + "\n... (" + s.length() + " characters)";
        }
        return "<pre>" + esc(s) + "</pre>";
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
