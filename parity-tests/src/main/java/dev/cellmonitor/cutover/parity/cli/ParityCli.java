package dev.cellmonitor.cutover.parity.cli;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.cellmonitor.cutover.catalogue.Route;
import dev.cellmonitor.cutover.parity.ParitySuite;
import dev.cellmonitor.cutover.parity.noise.NoiseLearner;
import dev.cellmonitor.cutover.parity.report.Gate;
import dev.cellmonitor.cutover.parity.report.ParityReport;
import dev.cellmonitor.cutover.parity.report.ReportFiles;
import dev.cellmonitor.cutover.parity.report.TextReport;
import dev.cellmonitor.cutover.parity.run.Target;
import dev.cellmonitor.cutover.parity.run.WireMockRecorder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * QA's command line: {@code java -jar parity-tests/target/parity-tests-<version>-cli.jar <replay|live|record|coverage>
 * [options]}. Exit status 0 when every gated step passed, 1 when one failed, 2 on a usage or set-up error.
 */
@Command(name = "parity", mixinStandardHelpOptions = true, version = "parity-tests 0.1",
        description = "Replays recorded legacy scenarios against a candidate, compares two live backends, or records"
                + " new scenarios from a live legacy. See parity-tests/README.md.",
        subcommands = {ParityCli.Replay.class, ParityCli.Live.class, ParityCli.Record.class, ParityCli.Coverage.class})
public final class ParityCli {

    static final int PASS = 0;
    static final int FAIL = 1;
    static final int ERROR = 2;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cl = new CommandLine(new ParityCli());
        SideOptions.add(cl.getSubcommands().get("replay").getCommandSpec(), "", "the candidate");
        for (String side : List.of("legacy", "legacy2", "candidate")) {
            SideOptions.add(cl.getSubcommands().get("live").getCommandSpec(), side + "-", "the " + side);
        }
        SideOptions.add(cl.getSubcommands().get("record").getCommandSpec(), "legacy-", "the legacy");
        cl.setExecutionExceptionHandler((e, line, parse) -> {
            line.getErr().println("parity: " + e.getMessage());
            return ERROR;
        });
        cl.setExitCodeExceptionMapper(e -> ERROR);
        return cl.execute(args);
    }

    /** Options every comparing command shares. */
    static class Common {
        @Option(names = "--recordings", paramLabel = "DIR",
                description = "folder of *.jsonl recordings and their rules.json (default $${shared.dir}/legacy-api/recordings,"
                        + " shared.dir defaulting to ../shared)")
        Path recordings;

        @Option(names = "--scenario", paramLabel = "GLOB", description = "only scenarios matching (repeatable)")
        List<String> scenarios = new ArrayList<>();

        @Option(names = "--rules", paramLabel = "FILE", description = "more rules files in rules.json syntax (repeatable)")
        List<Path> rules = new ArrayList<>();

        @Option(names = "--divergences", paramLabel = "FILE",
                description = "accepted divergences (default docs/divergences.md when present)")
        Path divergences;

        @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/parity",
                description = "where the reports go (default ${DEFAULT-VALUE})")
        Path out;

        @Option(names = "--gate", paramLabel = "FILE",
                description = "routes whose failures fail the run (default: all routes)")
        Path gate;

        @Option(names = "--allow-not-implemented",
                description = "steps of routes the candidate does not implement do not fail the run")
        boolean allowNotImplemented;

        Path recordingsFolder() {
            if (recordings != null) {
                return recordings;
            }
            String shared = System.getProperty("shared.dir", System.getenv().getOrDefault("SHARED_DIR", "../shared"));
            return Path.of(shared, "legacy-api", "recordings");
        }

        ParitySuite.Settings settings(int repeat, double relative, double absolute, boolean sequential) {
            Path div = divergences;
            if (div == null && Files.exists(Path.of("docs", "divergences.md"))) {
                div = Path.of("docs", "divergences.md");
            }
            Gate g = gate == null ? Gate.everything(allowNotImplemented) : Gate.load(gate, allowNotImplemented);
            return new ParitySuite.Settings(recordingsFolder(), scenarios, rules, div, g, relative, absolute, repeat,
                    !sequential);
        }

        int finish(ParityReport report) {
            System.out.print(TextReport.render(report));
            ReportFiles.write(report, out);
            System.out.println("reports: " + out.toAbsolutePath().resolve("parity-report.html") + ", "
                    + out.toAbsolutePath().resolve("junit/TEST-parity.xml"));
            return report.passed() ? PASS : FAIL;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Replay the recordings against a candidate and compare with the recorded legacy answers.")
    static final class Replay implements Callable<Integer> {
        @CommandLine.Mixin
        Common common = new Common();

        @Option(names = "--candidate", required = true, paramLabel = "URL", description = "the candidate's base URL")
        String candidate;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Target target = SideOptions.target(spec, "", "candidate", candidate);
            ParitySuite suite = new ParitySuite(common.settings(1, NoiseLearner.DEFAULT_RELATIVE,
                    NoiseLearner.DEFAULT_ABSOLUTE, true), System.out::println);
            return common.finish(suite.replay(target));
        }
    }

    @Command(name = "live", mixinStandardHelpOptions = true,
            description = "Send each scenario to a live legacy and a candidate (and a second legacy to learn noise)"
                    + " and compare them.")
    static final class Live implements Callable<Integer> {
        @CommandLine.Mixin
        Common common = new Common();

        @Option(names = "--legacy", required = true, paramLabel = "URL", description = "the legacy's base URL")
        String legacy;

        @Option(names = "--legacy2", paramLabel = "URL",
                description = "a second legacy: learn noise (fields the legacy differs on from itself)")
        String legacy2;

        @Option(names = "--candidate", required = true, paramLabel = "URL", description = "the candidate's base URL")
        String candidate;

        @Option(names = "--repeat", defaultValue = "1", description = "run every scenario N times (default 1)")
        int repeat;

        @Option(names = "--relative-threshold", defaultValue = "20.0",
                description = "noise: minimum relative difference in %% (default ${DEFAULT-VALUE})")
        double relative;

        @Option(names = "--absolute-threshold", defaultValue = "0.03",
                description = "noise: minimum absolute difference in %% of requests (default ${DEFAULT-VALUE})")
        double absolute;

        @Option(names = "--sequential", description = "run the sides one after another instead of in parallel")
        boolean sequential;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Target l = SideOptions.target(spec, "legacy-", "legacy", legacy);
            Target l2 = legacy2 == null ? null : SideOptions.target(spec, "legacy2-", "legacy2", legacy2);
            Target c = SideOptions.target(spec, "candidate-", "candidate", candidate);
            ParitySuite suite = new ParitySuite(common.settings(repeat, relative, absolute, sequential),
                    System.out::println);
            return common.finish(suite.live(l, l2, c));
        }
    }

    @Command(name = "record", mixinStandardHelpOptions = true,
            description = "Send scenarios (templates in the recording format) to a live legacy and write recordings.")
    static final class Record implements Callable<Integer> {
        @Option(names = "--scenarios", required = true, paramLabel = "DIR",
                description = "folder of scenario templates (*.jsonl: setup line + steps; observed parts are replaced)")
        Path scenarios;

        @Option(names = "--scenario", paramLabel = "GLOB", description = "only scenarios matching (repeatable)")
        List<String> only = new ArrayList<>();

        @Option(names = "--legacy", required = true, paramLabel = "URL", description = "the live legacy's base URL")
        String legacy;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "where the recordings are written")
        Path out;

        @Option(names = "--set", defaultValue = "qa", description = "the recordings' \"set\" (default ${DEFAULT-VALUE})")
        String set;

        @Option(names = "--wiremock", paramLabel = "DIR",
                description = "also record the HTTP traffic as WireMock stub mappings under DIR (proxy/record mode)")
        Path wiremock;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Target target = SideOptions.target(spec, "legacy-", "legacy", legacy);
            ParitySuite suite = new ParitySuite(ParitySuite.Settings.of(scenarios).withScenarios(only),
                    System.out::println);
            if (wiremock == null) {
                suite.record(target, out, set);
                return PASS;
            }
            try (WireMockRecorder recorder = new WireMockRecorder(URI.create(legacy), wiremock)) {
                URI proxy = recorder.base();
                suite.record(target.withHttp(() -> proxy), out, set);
                System.out.println(recorder.finish() + " WireMock stub mapping(s) written under "
                        + wiremock.toAbsolutePath().resolve("mappings"));
            }
            return PASS;
        }
    }

    @Command(name = "coverage", mixinStandardHelpOptions = true,
            description = "List the catalogued legacy routes that no recording of the folder exercises.")
    static final class Coverage implements Callable<Integer> {
        @CommandLine.Mixin
        Common common = new Common();

        @Override
        public Integer call() {
            ParitySuite suite = new ParitySuite(ParitySuite.Settings.of(common.recordingsFolder())
                    .withScenarios(common.scenarios), line -> { });
            List<Route> uncovered = suite.uncovered();
            uncovered.forEach(r -> System.out.println(r.group().key() + "\t" + r.key()));
            System.out.println(uncovered.isEmpty() ? "every catalogued route is exercised by "
                    + suite.recordings().size() + " recording(s)"
                    : uncovered.size() + " catalogued route(s) not exercised by " + suite.recordings().size()
                    + " recording(s)");
            return uncovered.isEmpty() ? PASS : FAIL;
        }
    }
}
