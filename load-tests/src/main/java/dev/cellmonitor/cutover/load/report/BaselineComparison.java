package dev.cellmonitor.cutover.load.report;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.cellmonitor.cutover.load.measure.Breakdown;
import dev.cellmonitor.cutover.load.measure.Figures;

/**
 * Compares two finished runs (e.g. legacy only vs. a stage of the cutover): per judged phase and route group
 * the change in p50/p95/p99, throughput and errors, failing when a limit is crossed.
 *
 * <pre>
 * BaselineComparison &lt;baseline run&gt; &lt;candidate run&gt; [--latency=20] [--minMillis=5] [--throughput=10] [--errors=0.1]
 * </pre>
 * A run is the directory of a finished Gatling run holding {@code summary.json} (or that file). Phases are
 * matched by name; when the runs share none (different suites), their top plateaus are compared. Exit code:
 * 0 within the limits, 1 a limit was crossed, 2 bad arguments.
 */
public final class BaselineComparison {

    /**
     * @param latencyPercent    p50/p95/p99 may grow by this much...
     * @param minMillis         ...and by more than this many ms before it counts (small numbers are noisy)
     * @param throughputPercent requests per second may drop by this much
     * @param errorPoints       the failed share may grow by this many percentage points
     */
    public record Limits(double latencyPercent, int minMillis, double throughputPercent, double errorPoints) {

        static final Limits DEFAULT = new Limits(20, 5, 10, 0.1);
    }

    /** One compared row: a phase and a scope (all requests or a route group). */
    public record Row(String phase, String scope, Figures baseline, Figures candidate, List<String> crossed) {
    }

    private BaselineComparison() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) {
        List<String> runs = new ArrayList<>();
        Limits limits = Limits.DEFAULT;
        try {
            for (String arg : args) {
                if (arg.startsWith("--")) {
                    limits = option(limits, arg);
                } else if (!arg.isBlank()) {
                    runs.add(arg);
                }
            }
            if (runs.size() != 2) {
                throw new IllegalArgumentException("expected two runs, got " + runs.size());
            }
            RunSummary baseline = RunSummary.read(Path.of(runs.get(0)));
            RunSummary candidate = RunSummary.read(Path.of(runs.get(1)));
            List<Row> rows = compare(baseline, candidate, limits);
            print(out, baseline, candidate, limits, rows);
            return rows.stream().anyMatch(r -> !r.crossed().isEmpty()) ? 1 : 0;
        } catch (IllegalArgumentException e) {
            out.println("baseline comparison: " + e.getMessage());
            out.println("usage: <baseline run dir> <candidate run dir> [--latency=20] [--minMillis=5] [--throughput=10]"
                    + " [--errors=0.1]");
            return 2;
        }
    }

    private static Limits option(Limits l, String arg) {
        String[] kv = arg.substring(2).split("=", 2);
        if (kv.length != 2) {
            throw new IllegalArgumentException("option " + arg + " needs a value");
        }
        double v = Double.parseDouble(kv[1].replace("%", "").replace("+", "").replace("-", ""));
        return switch (kv[0]) {
            case "latency" -> new Limits(v, l.minMillis(), l.throughputPercent(), l.errorPoints());
            case "minMillis" -> new Limits(l.latencyPercent(), (int) v, l.throughputPercent(), l.errorPoints());
            case "throughput" -> new Limits(l.latencyPercent(), l.minMillis(), v, l.errorPoints());
            case "errors" -> new Limits(l.latencyPercent(), l.minMillis(), l.throughputPercent(), v);
            default -> throw new IllegalArgumentException("unknown option " + arg);
        };
    }

    public static List<Row> compare(RunSummary baseline, RunSummary candidate, Limits limits) {
        List<String[]> phasePairs = new ArrayList<>();
        for (RunSummary.PhaseLine p : baseline.injection().phases()) {
            if (p.judged() && candidate.figures().phases().containsKey(p.name())) {
                phasePairs.add(new String[] {p.name(), p.name()});
            }
        }
        if (phasePairs.isEmpty()) {
            phasePairs.add(new String[] {topPlateau(baseline), topPlateau(candidate)});
        }
        List<Row> rows = new ArrayList<>();
        for (String[] pair : phasePairs) {
            Breakdown.PhaseFigures b = baseline.figures().phases().get(pair[0]);
            Breakdown.PhaseFigures c = candidate.figures().phases().get(pair[1]);
            String phase = pair[0].equals(pair[1]) ? pair[0] : pair[0] + " vs " + pair[1];
            rows.add(row(phase, "all", b.all(), c.all(), limits));
            Set<String> groups = new LinkedHashSet<>(b.groups().keySet());
            groups.addAll(c.groups().keySet());
            for (String g : groups) {
                rows.add(row(phase, g, b.groups().getOrDefault(g, Figures.NONE), c.groups().getOrDefault(g, Figures.NONE),
                        limits));
            }
        }
        return rows;
    }

    private static String topPlateau(RunSummary run) {
        RunSummary.PhaseLine top = null;
        for (RunSummary.PhaseLine p : run.injection().phases()) {
            if (p.judged() && (top == null || p.to() >= top.to())) {
                top = p;
            }
        }
        if (top == null) {
            throw new IllegalArgumentException(run.suite() + " " + run.runTag() + " has no judged phase");
        }
        return top.name();
    }

    static Row row(String phase, String scope, Figures b, Figures c, Limits limits) {
        List<String> crossed = new ArrayList<>();
        if (b.count() == 0 || c.count() == 0) {
            return new Row(phase, scope, b, c, crossed);
        }
        latency(crossed, "p50", b.p50(), c.p50(), limits);
        latency(crossed, "p95", b.p95(), c.p95(), limits);
        latency(crossed, "p99", b.p99(), c.p99(), limits);
        if (c.perSecond() < b.perSecond() * (1 - limits.throughputPercent() / 100)) {
            crossed.add(String.format(Locale.ROOT, "throughput %.1f -> %.1f/s (more than -%s%%)", b.perSecond(),
                    c.perSecond(), num(limits.throughputPercent())));
        }
        if (c.failedPercent() - b.failedPercent() > limits.errorPoints()) {
            crossed.add(String.format(Locale.ROOT, "failed %.2f%% -> %.2f%% (more than +%s points)", b.failedPercent(),
                    c.failedPercent(), num(limits.errorPoints())));
        }
        return new Row(phase, scope, b, c, crossed);
    }

    private static void latency(List<String> crossed, String name, int b, int c, Limits limits) {
        if (c > b * (1 + limits.latencyPercent() / 100) && c - b > limits.minMillis()) {
            crossed.add(String.format(Locale.ROOT, "%s %d -> %d ms (more than +%s%% and +%d ms)", name, b, c,
                    num(limits.latencyPercent()), limits.minMillis()));
        }
    }

    static void print(PrintStream out, RunSummary baseline, RunSummary candidate, Limits limits, List<Row> rows) {
        out.println("baseline:  " + describe(baseline));
        out.println("candidate: " + describe(candidate));
        out.println(String.format(Locale.ROOT, "limits: latency +%s%% (and +%d ms), throughput -%s%%, failed +%s points",
                num(limits.latencyPercent()), limits.minMillis(), num(limits.throughputPercent()), num(limits.errorPoints())));
        out.println();
        out.println(String.format(Locale.ROOT, "%-16s %-11s %-20s %-20s %-20s %-22s %-20s", "phase", "group",
                "p50 ms", "p95 ms", "p99 ms", "req/s", "failed %"));
        for (Row r : rows) {
            Figures b = r.baseline();
            Figures c = r.candidate();
            if (b.count() == 0 || c.count() == 0) {
                out.println(String.format(Locale.ROOT, "%-16s %-11s only in the %s run", r.phase(), r.scope(),
                        b.count() == 0 ? "candidate" : "baseline"));
                continue;
            }
            out.println(String.format(Locale.ROOT, "%-16s %-11s %-20s %-20s %-20s %-22s %-20s %s", r.phase(), r.scope(),
                    change(b.p50(), c.p50()), change(b.p95(), c.p95()), change(b.p99(), c.p99()),
                    String.format(Locale.ROOT, "%.1f->%.1f (%s)", b.perSecond(), c.perSecond(),
                            percent(b.perSecond(), c.perSecond())),
                    String.format(Locale.ROOT, "%.2f->%.2f (%+.2f)", b.failedPercent(), c.failedPercent(),
                            c.failedPercent() - b.failedPercent()),
                    r.crossed().isEmpty() ? "" : "<< " + String.join("; ", r.crossed())));
        }
        long crossed = rows.stream().filter(r -> !r.crossed().isEmpty()).count();
        out.println();
        out.println(crossed == 0 ? "within the limits" : crossed + " row(s) crossed a limit");
    }

    private static String describe(RunSummary s) {
        return s.suite() + " " + s.runTag() + (s.label() == null || s.label().isBlank() ? "" : " [" + s.label() + "]")
                + " against " + s.target().baseUrl() + ", stages: " + s.stages().atStart();
    }

    private static String change(int b, int c) {
        return b + "->" + c + " (" + percent(b, c) + ")";
    }

    private static String percent(double b, double c) {
        return b == 0 ? (c == 0 ? "=" : "new") : String.format(Locale.ROOT, "%+.0f%%", (c - b) / b * 100);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
