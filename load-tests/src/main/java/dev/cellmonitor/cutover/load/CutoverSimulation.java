package dev.cellmonitor.cutover.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

import dev.cellmonitor.cutover.catalogue.RouteCatalogue;
import dev.cellmonitor.cutover.load.gates.Gate;
import dev.cellmonitor.cutover.load.gates.GateLimits;
import dev.cellmonitor.cutover.load.measure.Breakdown;
import dev.cellmonitor.cutover.load.measure.RequestLog;
import dev.cellmonitor.cutover.load.measure.RssSampler;
import dev.cellmonitor.cutover.load.measure.Sample;
import dev.cellmonitor.cutover.load.ops.FlipAnalysis;
import dev.cellmonitor.cutover.load.ops.FlipPlan;
import dev.cellmonitor.cutover.load.ops.Flipper;
import dev.cellmonitor.cutover.load.ops.OpsApi;
import dev.cellmonitor.cutover.load.ops.OpsClient;
import dev.cellmonitor.cutover.load.ops.StageText;
import dev.cellmonitor.cutover.load.phases.Phase;
import dev.cellmonitor.cutover.load.phases.PhasePlan;
import dev.cellmonitor.cutover.load.phases.RunClock;
import dev.cellmonitor.cutover.load.report.RunSummary;
import dev.cellmonitor.cutover.load.traffic.Measured;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import tools.jackson.databind.JsonNode;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.foreach;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * What every suite shares: the target and its settings, the phase plan and clock, the measured request log,
 * the gates, the flips, the memory sampling and the summary.
 *
 * <p>Gatling's own assertions only see the whole run, so the gates are judged from the request log once the
 * load is over, per judged phase, route group and serving backend; a last virtual user then reports each
 * verdict as a Gatling group under {@value #GATES} (a failed gate is a KO group in the report), and the one
 * assertion "no KO under gates" makes a failed gate fail the Gatling run and so the Maven command.
 */
public abstract class CutoverSimulation extends Simulation {

    public static final String GATES = "gates";

    protected final Knobs knobs;
    protected final String suite;
    protected final String runTag;
    protected final String baseUrl;
    protected final String wsBaseUrl;
    protected final RouteCatalogue catalogue = RouteCatalogue.load();
    protected final PhasePlan plan;
    protected final RunClock clock;
    protected final RequestLog log = new RequestLog();
    protected final Measured measured;
    protected final GateLimits limits;
    protected final OpsClient ops;
    protected final Flipper flipper;
    protected final RssSampler rss;
    protected final Map<String, String> fixtures = new LinkedHashMap<>();
    private final Duration drain;
    private volatile List<Gate> verdict;
    private volatile Breakdown breakdown;
    private volatile List<FlipAnalysis.Outcome> flipOutcomes = List.of();
    private volatile long lastRequestMillis;
    private String stagesAtStart = "not read";
    private JsonNode rawStagesAtStart;
    private JsonNode rawStagesAtEnd;
    private Instant startedAt;

    /**
     * @param knobs             the settings, with the suite's own defaults
     * @param plan              the load profile
     * @param defaultFlipStages the flips made when {@code flip.stages} is not set ("none" for no flips)
     */
    protected CutoverSimulation(String suite, Knobs knobs, PhasePlan plan, String defaultFlipStages) {
        this.suite = suite;
        this.knobs = knobs;
        this.runTag = knobs.text("runTag",
                LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("MMddHHmmss", Locale.ROOT)));
        this.baseUrl = trimSlash(knobs.text("baseUrl", "http://127.0.0.1:8080"));
        this.wsBaseUrl = trimSlash(knobs.text("wsBaseUrl", baseUrl.replaceFirst("^http", "ws")));
        this.limits = GateLimits.from(knobs);
        this.ops = new OpsClient(OpsApi.from(knobs));
        this.rss = RssSampler.from(knobs);
        this.drain = knobs.duration("drain", Duration.ofSeconds(90));
        this.plan = plan;
        this.clock = new RunClock(plan);
        this.measured = new Measured(catalogue, clock, log);
        FlipPlan flips = FlipPlan.from(knobs, defaultFlipStages);
        this.flipper = new Flipper(flips, ops, clock, runTag);
        Phase top = plan.topPlateau().orElseThrow(() -> new IllegalArgumentException(suite + " has no judged phase"));
        if (!flips.isEmpty() && flips.length().compareTo(top.length()) > 0) {
            throw new IllegalArgumentException("the flips need " + flips.length().toSeconds() + " s of the top plateau ("
                    + flips.describe() + ") but it lasts " + top.length().toSeconds() + " s");
        }
    }

    /** Who the virtual users are, for the summary. */
    protected abstract String population();

    /** Set-up through the API before the load (instructors, classes...); record what was done in {@link #fixtures}. */
    protected void prepare() throws Exception {
    }

    /** Gates of the suite's own, judged with the standard ones. */
    protected List<Gate> suiteGates(List<Sample> samples) {
        return List.of();
    }

    /** Figures of the suite's own for the summary, computed after the load. */
    protected Map<String, Object> suiteFigures(List<Sample> samples) {
        return Map.of();
    }

    protected HttpProtocolBuilder protocol() {
        return http.baseUrl(baseUrl).wsBaseUrl(wsBaseUrl).acceptHeader("application/json")
                .contentTypeHeader("application/json").userAgentHeader("cellmonitor-load-tests/" + suite)
                .disableWarmUp();
    }

    /** Sets up the load populations plus the gates reporter and the assertion that fails the run on a failed gate. */
    protected void setUpSuite(List<PopulationBuilder> load, IntSupplier activeUsers) {
        List<PopulationBuilder> all = new ArrayList<>(load);
        all.add(gatesReporter(activeUsers).injectOpen(atOnceUsers(1)));
        setUp(all).protocols(protocol())
                .assertions(details(GATES).failedRequests().count().is(0L))
                .maxDuration(plan.length().plus(drain).plus(Duration.ofSeconds(60)));
    }

    private ScenarioBuilder gatesReporter(IntSupplier activeUsers) {
        // waits for the load without starting the clock: the first load user does, so phases line up with injection
        return scenario(GATES)
                .asLongAs(session -> clock.running() || (activeUsers.getAsInt() > 0
                        && System.currentTimeMillis() < clock.endMillis() + drain.toMillis()))
                .on(pause(Duration.ofMillis(500)))
                .exec(session -> session.set(GATES, judge()))
                .group(GATES).on(foreach("#{" + GATES + "}", "gate").on(
                        exec(Session::markAsSucceeded)
                                .group(session -> session.<Gate>get("gate").name())
                                .on(exec(session -> session.<Gate>get("gate").passed() ? session : session.markAsFailed()))));
    }

    private List<Gate> judge() {
        lastRequestMillis = System.currentTimeMillis();
        List<Sample> samples = log.snapshot();
        Breakdown figures = Breakdown.of(samples, plan);
        List<Gate> gates = new ArrayList<>(limits.judge(figures, plan));
        String routeKey = flipper.plan().route() == null ? null
                : catalogue.byId(flipper.plan().route()).map(r -> r.key()).orElse(flipper.plan().route());
        flipOutcomes = FlipAnalysis.analyse(flipper.done(), samples, flipper.plan(), routeKey, lastRequestMillis);
        gates.addAll(FlipAnalysis.gates(flipOutcomes, flipper.plan()));
        gates.addAll(suiteGates(samples));
        breakdown = figures;
        verdict = List.copyOf(gates);
        System.out.println("\n=== gates (" + limits.describe() + ") ===");
        gates.forEach(g -> System.out.println(g));
        return verdict;
    }

    @Override
    public void before() {
        System.out.println("[" + suite + "] run " + runTag + " against " + baseUrl + " (WebSocket " + wsBaseUrl + ")");
        System.out.println("[" + suite + "] " + plan.model() + " model: " + describePhases());
        System.out.println("[" + suite + "] flips: " + flipper.plan().describe());
        readStages(true);
        try {
            prepare();
        } catch (Exception e) {
            throw new IllegalStateException("[" + suite + "] set-up before the load failed: " + e.getMessage(), e);
        }
        fixtures.forEach((k, v) -> System.out.println("[" + suite + "] set-up " + k + ": " + v));
        Phase top = plan.topPlateau().orElseThrow();
        rss.start(clock, top);
        flipper.start(top);
        startedAt = Instant.now();
    }

    @Override
    public void after() {
        try {
            rss.stop();
            flipper.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Sample> samples = log.snapshot();
        if (verdict == null) {
            judge();
        }
        String stagesAtEnd = readStages(false);
        Path runDirectory = gatlingRunDirectory().orElse(resultsDirectory().resolve(suite + "-" + runTag));
        Map<String, RunSummary.Backend> backends = new LinkedHashMap<>();
        Probes probes = new Probes();
        backends.put("target", new RunSummary.Backend(baseUrl, probes.version(baseUrl)));
        for (String name : List.of("legacy", "new")) {
            String url = knobs.raw(name + "Url");
            if (url != null) {
                backends.put(name, new RunSummary.Backend(url, probes.version(trimSlash(url))));
            }
        }
        backends.put("gateway-management", new RunSummary.Backend(ops.api().baseUrl(), probes.version(ops.api().baseUrl())));
        List<RunSummary.PhaseLine> phases = plan.phases().stream().map(p -> new RunSummary.PhaseLine(p.name(),
                plan.startOf(p).toSeconds(), p.length().toSeconds(), p.from(), p.to(), p.judged())).toList();
        List<RunSummary.Memory> memory = rss.results().stream().map(s -> RunSummary.Memory.of(s,
                s.pid() == 0 ? "" : rss.processes().command(s.pid()).orElse(""))).toList();
        RunSummary summary = new RunSummary(suite, getClass().getName(), runTag, knobs.text("label", ""),
                String.valueOf(startedAt), Instant.now().toString(),
                new RunSummary.Target(baseUrl, wsBaseUrl, backends),
                new RunSummary.Injection(plan.model(), plan.unit(), phases, population()),
                fixtures, new RunSummary.Stages(stagesAtStart, stagesAtEnd, rawStagesAtStart, rawStagesAtEnd),
                limits.describe(), breakdown, verdict, flipOutcomes, memory, suiteFigures(samples),
                runDirectory.resolve("index.html").toString());
        log.write(mkdirs(runDirectory).resolve(RequestLog.FILE));
        summary.write(runDirectory);
        printFigures(summary, runDirectory);
    }

    private String readStages(boolean atStart) {
        String text;
        JsonNode raw = null;
        try {
            JsonHttp.Reply reply = ops.stages();
            if (reply.ok() && reply.json() != null) {
                raw = reply.json();
                text = StageText.of(raw);
            } else {
                text = "ops API at " + ops.api().stagesUrl() + " answered " + reply.brief();
            }
        } catch (IOException e) {
            text = "ops API not reachable at " + ops.api().stagesUrl() + " (" + e.getClass().getSimpleName() + ")";
        }
        if (atStart) {
            stagesAtStart = text;
            rawStagesAtStart = raw;
            System.out.println("[" + suite + "] flag stages at start: " + text);
        } else {
            rawStagesAtEnd = raw;
        }
        return text;
    }

    private void printFigures(RunSummary summary, Path runDirectory) {
        System.out.println("\n=== " + suite + " " + runTag + ": figures per phase ===");
        summary.figures().phases().forEach((phase, f) -> {
            System.out.println(String.format(Locale.ROOT, "%-14s all       n=%-7d %7.1f/s p50=%-5d p95=%-5d p99=%-5d failed=%d",
                    phase, f.all().count(), f.all().perSecond(), f.all().p50(), f.all().p95(), f.all().p99(), f.all().failed()));
            f.groups().forEach((g, x) -> System.out.println(String.format(Locale.ROOT,
                    "%-14s %-9s n=%-7d %7.1f/s p50=%-5d p95=%-5d p99=%-5d failed=%d", "", g, x.count(), x.perSecond(),
                    x.p50(), x.p95(), x.p99(), x.failed())));
            f.backends().forEach((b, x) -> System.out.println(String.format(Locale.ROOT,
                    "%-14s by %-6s n=%-7d %7.1f/s p50=%-5d p95=%-5d p99=%-5d failed=%d", "", b, x.count(), x.perSecond(),
                    x.p50(), x.p95(), x.p99(), x.failed())));
        });
        for (RunSummary.Memory m : summary.memory()) {
            System.out.println(m.samples() == 0 ? "RSS " + m.name() + ": not sampled (" + m.note() + ")"
                    : String.format(Locale.ROOT, "RSS %s (pid %d, %s): min %.0f MiB, mean %.0f MiB, max %.0f MiB%s",
                    m.name(), m.pid(), m.spec(), m.minMib(), m.meanMib(), m.maxMib(),
                    m.limitMib() > 0 ? (m.withinLimit() ? " (target <= " : " (OVER the target ") + m.limitMib() + " MiB)" : ""));
        }
        summary.extra().forEach((k, v) -> System.out.println(k + ": " + v));
        System.out.println("gates: " + (summary.passed() ? "PASSED" : "FAILED") + " ("
                + summary.gates().stream().filter(g -> !g.passed()).count() + " failed of " + summary.gates().size() + ")");
        System.out.println("summary: " + runDirectory.resolve(RunSummary.MARKDOWN));
    }

    private Path resultsDirectory() {
        return Path.of(knobs.text("resultsDir", "target/gatling"));
    }

    /** Gatling writes the run into {@code <results>/<simulation id>-<timestamp>/}; the newest one is ours. */
    private Optional<Path> gatlingRunDirectory() {
        String prefix = getClass().getSimpleName().toLowerCase(Locale.ROOT) + "-";
        try (Stream<Path> dirs = Files.list(resultsDirectory())) {
            return dirs.filter(d -> d.getFileName().toString().startsWith(prefix))
                    .filter(d -> Files.exists(d.resolve("simulation.log")))
                    .max(Comparator.comparingLong(CutoverSimulation::modified));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p.resolve("simulation.log")).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static Path mkdirs(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    protected String describePhases() {
        StringBuilder text = new StringBuilder();
        for (Phase p : plan.phases()) {
            text.append(text.isEmpty() ? "" : ", ").append(p.name()).append(" ").append(p.length().toSeconds()).append(" s");
        }
        return text.toString();
    }

    static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
