package dev.cellmonitor.cutover.load.report;

import java.util.Locale;
import java.util.Map;

import dev.cellmonitor.cutover.load.gates.Gate;
import dev.cellmonitor.cutover.load.measure.Breakdown;
import dev.cellmonitor.cutover.load.measure.Figures;
import dev.cellmonitor.cutover.load.ops.FlipAnalysis;

/** Renders a run summary for people: what ran against what, the gates, the figures per phase. */
final class SummaryMarkdown {

    private SummaryMarkdown() {
    }

    static String render(RunSummary s) {
        StringBuilder md = new StringBuilder();
        md.append("# Load run ").append(s.suite()).append(" ").append(s.runTag())
                .append(s.passed() ? " — gates PASSED" : " — gates FAILED").append("\n\n");
        line(md, "Simulation", s.simulation());
        if (s.label() != null && !s.label().isBlank()) {
            line(md, "Label", s.label());
        }
        line(md, "Started / ended", s.startedAt() + " / " + s.endedAt());
        line(md, "Target", s.target().baseUrl() + " (WebSocket " + s.target().wsBaseUrl() + ")");
        s.target().backends().forEach((name, b) -> line(md, "Backend " + name, b.url() + " — " + b.version()));
        line(md, "Injection", s.injection().model() + " model, " + s.injection().unit());
        line(md, "Population", s.injection().mix());
        line(md, "Gate limits", s.limits());
        line(md, "Flag stages at start", s.stages().atStart());
        line(md, "Flag stages at end", s.stages().atEnd());
        s.fixtures().forEach((k, v) -> line(md, "Set-up: " + k, v));
        if (s.report() != null) {
            line(md, "Gatling report", s.report());
        }

        md.append("\n## Phases\n\n| phase | starts at | length | level | judged |\n|---|---:|---:|---|---|\n");
        for (RunSummary.PhaseLine p : s.injection().phases()) {
            md.append("| ").append(p.name()).append(" | ").append(p.startSecond()).append(" s | ").append(p.seconds())
                    .append(" s | ").append(level(p.from())).append(p.from() == p.to() ? "" : " → " + level(p.to()))
                    .append(" ").append(s.injection().unit()).append(" | ").append(p.judged() ? "yes" : "no")
                    .append(" |\n");
        }

        md.append("\n## Gates\n\n| verdict | gate | figures |\n|---|---|---|\n");
        for (Gate g : s.gates()) {
            md.append("| ").append(g.passed() ? "PASS" : "**FAIL**").append(" | ").append(g.name()).append(" | ")
                    .append(g.detail().replace("|", "/")).append(" |\n");
        }

        if (!s.memory().isEmpty()) {
            md.append("\n## Resident memory during the top plateau\n\n| process | found as | pid | samples | min | mean"
                    + " | max | target |\n|---|---|---:|---:|---:|---:|---:|---|\n");
            for (RunSummary.Memory m : s.memory()) {
                md.append("| ").append(m.name()).append(" | ").append(m.spec()).append(" | ")
                        .append(m.pid() == 0 ? "-" : String.valueOf(m.pid())).append(" | ").append(m.samples())
                        .append(" | ");
                if (m.samples() == 0) {
                    md.append("- | - | - | ").append(m.note()).append(" |\n");
                } else {
                    md.append(mib(m.minMib())).append(" | ").append(mib(m.meanMib())).append(" | ").append(mib(m.maxMib()))
                            .append(" | ").append(m.limitMib() <= 0 ? "-" : (m.withinLimit() ? "≤ " : "**over** ")
                                    + m.limitMib() + " MiB").append(" |\n");
                }
            }
        }

        if (!s.flips().isEmpty()) {
            md.append("\n## Flips\n\n| flip | ops API | requests after | first served by new | other side until | new share"
                    + " | failed around |\n|---|---|---:|---:|---:|---:|---:|\n");
            for (FlipAnalysis.Outcome o : s.flips()) {
                md.append("| ").append(o.flip().flip()).append(" | ").append(o.flip().status()).append(" | ")
                        .append(o.affected()).append(" | ").append(ms(o.firstNewMillis())).append(" | ")
                        .append(ms(o.settledMillis())).append(" | ")
                        .append(o.newShare() == null ? "-" : String.format(Locale.ROOT, "%.0f%%", o.newShare() * 100)).append(" | ")
                        .append(o.failedAround()).append(" |\n");
            }
        }

        if (!s.extra().isEmpty()) {
            md.append("\n## Suite figures\n\n");
            s.extra().forEach((k, v) -> line(md, k, String.valueOf(v)));
        }

        for (Map.Entry<String, Breakdown.PhaseFigures> e : s.figures().phases().entrySet()) {
            Breakdown.PhaseFigures f = e.getValue();
            md.append("\n## Phase ").append(e.getKey()).append("\n\n").append(HEADER);
            row(md, "all", f.all());
            f.groups().forEach((k, v) -> row(md, "group " + k, v));
            f.backends().forEach((k, v) -> row(md, "backend " + k, v));
            f.routes().forEach((k, v) -> row(md, "`" + k + "`", v));
        }
        return md.toString();
    }

    private static final String HEADER = "| scope | requests | req/s | p50 | p95 | p99 | max | failed |\n"
            + "|---|---:|---:|---:|---:|---:|---:|---:|\n";

    private static void row(StringBuilder md, String scope, Figures f) {
        md.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %d | %d | %d | %d | %d (%.2f%%) |%n", scope, f.count(),
                f.perSecond(), f.p50(), f.p95(), f.p99(), f.max(), f.failed(), f.failedPercent()));
    }

    private static void line(StringBuilder md, String key, String value) {
        md.append("- **").append(key).append(":** ").append(value).append("\n");
    }

    private static String level(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String mib(double v) {
        return String.format(Locale.ROOT, "%.0f MiB", v);
    }

    private static String ms(Long v) {
        return v == null ? "-" : v + " ms";
    }
}
