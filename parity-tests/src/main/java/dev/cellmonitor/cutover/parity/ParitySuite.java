package dev.cellmonitor.cutover.parity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import dev.cellmonitor.cutover.catalogue.Route;
import dev.cellmonitor.cutover.catalogue.RouteCatalogue;
import dev.cellmonitor.cutover.parity.check.Outcome;
import dev.cellmonitor.cutover.parity.check.ScenarioJudge;
import dev.cellmonitor.cutover.parity.check.StepResult;
import dev.cellmonitor.cutover.parity.compare.Difference;
import dev.cellmonitor.cutover.parity.compare.RuleBook;
import dev.cellmonitor.cutover.parity.divergence.DivergenceBook;
import dev.cellmonitor.cutover.parity.noise.NoiseLearner;
import dev.cellmonitor.cutover.parity.recording.Recording;
import dev.cellmonitor.cutover.parity.recording.Recordings;
import dev.cellmonitor.cutover.parity.recording.Step;
import dev.cellmonitor.cutover.parity.report.Gate;
import dev.cellmonitor.cutover.parity.report.ParityReport;
import dev.cellmonitor.cutover.parity.run.ScenarioRun;
import dev.cellmonitor.cutover.parity.run.ScenarioRunner;
import dev.cellmonitor.cutover.parity.run.Target;

/**
 * The parity tool's public face: loads a folder of recordings with its {@code rules.json} (plus extra rules
 * files) and the accepted divergences, then
 * <ul>
 *   <li>{@link #replay}: plays each scenario against a candidate and compares with the recorded legacy answers;</li>
 *   <li>{@link #live}: plays each scenario against a live legacy and a candidate (and a second legacy to learn
 *       noise, Diffy-style) and compares them pairwise;</li>
 *   <li>{@link #record}: plays each scenario against a live legacy and writes new recordings.</li>
 * </ul>
 */
public final class ParitySuite {

    /**
     * @param recordings  folder of {@code *.jsonl} recordings (and its {@code rules.json}, if any)
     * @param scenarios   globs over scenario names; empty for all
     * @param extraRules  more rules files (rules.json syntax), applied after the folder's
     * @param divergences {@code docs/divergences.md}, or null
     * @param repeat      live mode: how often each scenario runs (more runs, better noise statistics)
     */
    public record Settings(Path recordings, List<String> scenarios, List<Path> extraRules, Path divergences,
                           Gate gate, double relativeThreshold, double absoluteThreshold, int repeat,
                           boolean parallelSides) {

        public static Settings of(Path recordings) {
            return new Settings(recordings, List.of(), List.of(), null, Gate.everything(false),
                    NoiseLearner.DEFAULT_RELATIVE, NoiseLearner.DEFAULT_ABSOLUTE, 1, true);
        }

        public Settings withDivergences(Path file) {
            return new Settings(recordings, scenarios, extraRules, file, gate, relativeThreshold, absoluteThreshold,
                    repeat, parallelSides);
        }

        public Settings withGate(Gate g) {
            return new Settings(recordings, scenarios, extraRules, divergences, g, relativeThreshold, absoluteThreshold,
                    repeat, parallelSides);
        }

        public Settings withScenarios(List<String> globs) {
            return new Settings(recordings, globs, extraRules, divergences, gate, relativeThreshold, absoluteThreshold,
                    repeat, parallelSides);
        }
    }

    private final Settings settings;
    private final List<Recording> recordings;
    private final RuleBook rules;
    private final DivergenceBook divergences;
    private final Consumer<String> progress;

    public ParitySuite(Settings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
        this.recordings = Recordings.readFolder(settings.recordings(), settings.scenarios());
        if (recordings.isEmpty()) {
            throw new IllegalArgumentException("no recordings (*.jsonl) matching " + settings.scenarios() + " in "
                    + settings.recordings());
        }
        RuleBook book = RuleBook.empty();
        Path folderRules = settings.recordings().resolve("rules.json");
        if (Files.exists(folderRules)) {
            book = book.and(folderRules);
        }
        for (Path extra : settings.extraRules()) {
            book = book.and(extra);
        }
        this.rules = book;
        this.divergences = settings.divergences() == null ? DivergenceBook.empty()
                : DivergenceBook.load(settings.divergences());
    }

    public List<Recording> recordings() {
        return recordings;
    }

    public RuleBook rules() {
        return rules;
    }

    public DivergenceBook divergences() {
        return divergences;
    }

    /** Replays every recording against {@code candidate} and compares with the recorded legacy answers. */
    public ParityReport replay(Target candidate) throws Exception {
        Instant started = Instant.now();
        List<StepResult> results = new ArrayList<>();
        ScenarioJudge judge = new ScenarioJudge(rules, divergences);
        try (ScenarioRunner runner = new ScenarioRunner(rules.global().redisIgnoreChannels())) {
            for (Recording r : recordings) {
                ScenarioRun run = runner.run(r, candidate);
                List<StepResult> judged = judge.judge(ScenarioRun.recorded(r), run);
                progress.accept(line(r.scenario(), judged));
                results.addAll(judged);
            }
        }
        return report("replay of " + recordings.size() + " recording(s) from " + settings.recordings() + " against "
                + candidate.name() + " " + candidate.http().get(), started, results, List.of());
    }

    /**
     * Sends every scenario to {@code legacy} and {@code candidate} (and {@code legacy2}, when given, to learn
     * noise) and compares the candidate with the legacy.
     */
    public ParityReport live(Target legacy, Target legacy2, Target candidate) throws Exception {
        Instant started = Instant.now();
        List<StepResult> results = new ArrayList<>();
        ScenarioJudge judge = new ScenarioJudge(rules, divergences);
        NoiseLearner learner = new NoiseLearner(settings.relativeThreshold(), settings.absoluteThreshold());
        List<Target> sides = new ArrayList<>(List.of(legacy, candidate));
        if (legacy2 != null) {
            sides.add(legacy2);
        }
        boolean parallel = settings.parallelSides() && distinct(sides);
        for (int round = 1; round <= Math.max(1, settings.repeat()); round++) {
            for (Recording r : recordings) {
                List<ScenarioRun> runs = runAll(r, sides, parallel);
                List<StepResult> raw = judge.judge(runs.get(0), runs.get(1));
                if (legacy2 != null) {
                    List<StepResult> noise = judge.judge(runs.get(0), runs.get(2));
                    for (int i = 0; i < raw.size(); i++) {
                        learner.observe(raw.get(i).label(), diffsOf(raw.get(i)), diffsOf(noise.get(i)));
                    }
                }
                if (settings.repeat() > 1) {
                    final int n = round;
                    raw = raw.stream().map(s -> renamed(s, s.scenario() + "~" + n)).toList();
                }
                progress.accept(line(r.scenario() + (settings.repeat() > 1 ? " round " + round : ""), raw));
                results.addAll(raw);
            }
        }
        List<NoiseLearner.Field> noise = List.of();
        if (legacy2 != null) {
            results = results.stream().map(s -> discountNoise(s, learner)).toList();
            noise = learner.fields();
        }
        return report("live comparison of " + recordings.size() + " scenario(s): legacy " + legacy.http().get()
                + (legacy2 == null ? "" : " (noise from " + legacy2.http().get() + ")") + " vs candidate "
                + candidate.http().get(), started, results, noise);
    }

    /** Plays every scenario against a live legacy and writes the recordings into {@code out}. */
    public List<Path> record(Target legacy, Path out, String set) throws Exception {
        List<Path> written = new ArrayList<>();
        try (ScenarioRunner runner = new ScenarioRunner(rules.global().redisIgnoreChannels())) {
            for (Recording r : recordings) {
                ScenarioRun run = runner.run(r, legacy);
                Path file = out.resolve(r.scenario() + ".jsonl");
                Recordings.write(run.toRecording("live legacy at " + legacy.http().get(), set), file);
                long errors = run.steps().stream().filter(s -> s.error() != null).count();
                progress.accept(r.scenario() + ": " + run.steps().size() + " steps recorded to " + file
                        + (errors > 0 ? " (" + errors + " step(s) failed, see record_error)" : ""));
                written.add(file);
            }
        }
        return written;
    }

    /** Catalogued routes that no HTTP or WebSocket step of the loaded recordings exercises. */
    public List<Route> uncovered() {
        Set<String> exercised = new LinkedHashSet<>();
        for (Recording r : recordings) {
            for (Step s : r.steps()) {
                if (s.kind().equals("http") || s.kind().equals("ws")) {
                    exercised.add(s.route());
                }
            }
        }
        return RouteCatalogue.load().all().stream().filter(route -> !exercised.contains(route.key())).toList();
    }

    private List<ScenarioRun> runAll(Recording r, List<Target> sides, boolean parallel) throws Exception {
        List<ScenarioRun> runs = new ArrayList<>();
        if (!parallel) {
            try (ScenarioRunner runner = new ScenarioRunner(rules.global().redisIgnoreChannels())) {
                for (Target side : sides) {
                    runs.add(runner.run(r, side));
                }
            }
            return runs;
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ScenarioRun>> futures = new ArrayList<>();
            for (Target side : sides) {
                futures.add(pool.submit(() -> {
                    try (ScenarioRunner runner = new ScenarioRunner(rules.global().redisIgnoreChannels())) {
                        return runner.run(r, side);
                    }
                }));
            }
            for (Future<ScenarioRun> f : futures) {
                runs.add(f.get());
            }
        }
        return runs;
    }

    private static boolean distinct(List<Target> sides) {
        Set<String> urls = new LinkedHashSet<>();
        sides.forEach(s -> urls.add(s.http().get().toString()));
        return urls.size() == sides.size();
    }

    private static List<Difference> diffsOf(StepResult r) {
        return r.outcome() == Outcome.FAILED ? r.differences() : List.of();
    }

    private static StepResult discountNoise(StepResult r, NoiseLearner learner) {
        if (r.outcome() != Outcome.FAILED) {
            return r;
        }
        List<Difference> real = r.differences().stream().filter(d -> learner.isReal(r.label(), d)).toList();
        if (real.size() == r.differences().size()) {
            return r;
        }
        List<String> noisy = r.differences().stream().filter(d -> !learner.isReal(r.label(), d))
                .map(Difference::field).distinct().toList();
        String note = "differences only in learned noise fields discounted: " + noisy;
        return real.isEmpty() ? r.withOutcome(Outcome.PASSED, r.differences(), note)
                : r.withOutcome(Outcome.FAILED, real, note);
    }

    private static StepResult renamed(StepResult s, String scenario) {
        return new StepResult(scenario, s.step(), s.name(), s.kind(), s.route(), s.label(), s.group(), s.outcome(),
                s.differences(), s.divergences(), s.note(), s.request(), s.expected(), s.actual(), s.patch());
    }

    private ParityReport report(String title, Instant started, List<StepResult> results, List<NoiseLearner.Field> noise) {
        return new ParityReport(title, started, Duration.between(started, Instant.now()), List.copyOf(results),
                uncovered(), noise, divergences.warnings(), settings.gate());
    }

    private static String line(String scenario, List<StepResult> judged) {
        StringBuilder sb = new StringBuilder(scenario).append(": ");
        for (Outcome o : Outcome.values()) {
            long n = judged.stream().filter(s -> s.outcome() == o).count();
            if (n > 0) {
                sb.append(n).append(' ').append(o.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).append(", ");
            }
        }
        return sb.substring(0, sb.length() - 2);
    }
}
