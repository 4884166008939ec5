package dev.cellmonitor.cutover.parity.report;

import java.util.List;

import dev.cellmonitor.cutover.catalogue.Route;
import dev.cellmonitor.cutover.parity.check.Outcome;
import dev.cellmonitor.cutover.parity.check.StepResult;
import dev.cellmonitor.cutover.parity.compare.Difference;
import dev.cellmonitor.cutover.parity.noise.NoiseLearner;

/**
 * The console form of a report (FORMAT.md §9): one line per mismatching step with its first differences, the
 * per-route table, coverage, then the totals and the verdict.
 */
public final class TextReport {

    private static final int FIRST_DIFFS = 3;

    private TextReport() {
    }

    public static String render(ParityReport report) {
        StringBuilder sb = new StringBuilder();
        sb.append("== ").append(report.title()).append('\n');
        for (StepResult r : report.results()) {
            if (r.outcome() == Outcome.FAILED) {
                sb.append(mismatchLine(r)).append('\n');
            }
        }
        sb.append('\n').append(table(report.routeTable())).append('\n');
        long ni = report.routeTable().stream().filter(row -> row.notImplemented() > 0).count();
        if (ni > 0) {
            sb.append(ni).append(" route(s) not implemented by the candidate (catch-all 404 where the legacy served)\n");
        }
        if (!report.uncovered().isEmpty()) {
            sb.append("catalogued routes no recording exercises (").append(report.uncovered().size()).append("):\n");
            for (Route route : report.uncovered()) {
                sb.append("  ").append(route.group().key()).append("  ").append(route.key()).append('\n');
            }
        } else {
            sb.append("coverage: every catalogued route is exercised by the recordings\n");
        }
        List<NoiseLearner.Field> noise = report.noise().stream().filter(f -> f.noise() > 0).toList();
        if (!noise.isEmpty()) {
            sb.append("learned noise (legacy differs from itself; proposed rules in proposed-rules.json):\n");
            noise.forEach(f -> sb.append("  ").append(f.route()).append("  ").append(f.field()).append("  raw ")
                    .append(f.raw()).append(" / noise ").append(f.noise()).append(" of ").append(f.total())
                    .append(f.real() ? "  -> REAL difference" : "  -> noise").append('\n'));
        }
        report.warnings().forEach(w -> sb.append("warning: ").append(w).append('\n'));
        sb.append(report.summary()).append('\n');
        return sb.toString();
    }

    static String mismatchLine(StepResult r) {
        StringBuilder sb = new StringBuilder("MISMATCH ").append(r.id()).append(" ").append(r.label())
                .append(" \"").append(r.name()).append("\": ");
        List<Difference> diffs = r.differences();
        for (int i = 0; i < Math.min(FIRST_DIFFS, diffs.size()); i++) {
            sb.append(i == 0 ? "" : "; ").append(oneLine(diffs.get(i).toString()));
        }
        if (diffs.size() > FIRST_DIFFS) {
            sb.append(" (+").append(diffs.size() - FIRST_DIFFS).append(" more)");
        }
        return sb.toString();
    }

    private static String oneLine(String s) {
        String flat = s.replace('\n', ' ');
        return flat.length() > 240 ? flat.substring(0, 240) + "..." : flat;
    }

    public static String table(List<RouteRow> rows) {
        int width = Math.max(5, rows.stream().mapToInt(r -> r.route().length()).max().orElse(5));
        String format = "%-10s %-" + width + "s %5s %6s %8s %6s %8s %7s  %s%n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(format, "group", "route", "steps", "passed", "accepted", "failed", "not-impl",
                "skipped", "gate"));
        int[] totals = new int[6];
        for (RouteRow r : rows) {
            sb.append(String.format(format, r.group(), r.route(), r.steps(), r.passed(), r.accepted(), r.failed(),
                    r.notImplemented(), r.skipped(), r.gated() ? "gated" : ""));
            totals[0] += r.steps();
            totals[1] += r.passed();
            totals[2] += r.accepted();
            totals[3] += r.failed();
            totals[4] += r.notImplemented();
            totals[5] += r.skipped();
        }
        sb.append(String.format(format, "total", rows.size() + " routes", totals[0], totals[1], totals[2], totals[3],
                totals[4], totals[5], ""));
        return sb.toString();
    }

    /** The per-route table as Markdown (for CI summaries and pull requests). */
    public static String markdown(ParityReport report) {
        StringBuilder sb = new StringBuilder("| group | route | steps | passed | accepted divergences | failed |"
                + " not implemented | skipped | gated |\n|---|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (RouteRow r : report.routeTable()) {
            sb.append("| ").append(r.group()).append(" | `").append(r.route()).append("` | ").append(r.steps())
                    .append(" | ").append(r.passed()).append(" | ").append(r.accepted()).append(" | ").append(r.failed())
                    .append(" | ").append(r.notImplemented()).append(" | ").append(r.skipped()).append(" | ")
                    .append(r.gated() ? "yes" : "").append(" |\n");
        }
        sb.append('\n').append(report.summary()).append('\n');
        return sb.toString();
    }
}
