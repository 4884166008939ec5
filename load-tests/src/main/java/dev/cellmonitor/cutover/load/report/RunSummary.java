package dev.cellmonitor.cutover.load.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.cellmonitor.cutover.load.gates.Gate;
import dev.cellmonitor.cutover.load.measure.Breakdown;
import dev.cellmonitor.cutover.load.measure.RssSampler;
import dev.cellmonitor.cutover.load.ops.FlipAnalysis;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a finished run was and what it measured; written as {@value #JSON} (read back by the baseline
 * comparison) and {@value #MARKDOWN} beside the Gatling report.
 *
 * @param suite       classroom, ingest-peak, flip-under-load, smoke
 * @param simulation  the Gatling simulation class
 * @param runTag      tags the run's students, instructors, class
 * @param label       what the SRE called this run ({@code -Dlabel=...})
 * @param startedAt   ISO time the load started
 * @param endedAt     ISO time the summary was written
 * @param target      where the load went and the backends' URLs and versions
 * @param injection   the load profile
 * @param fixtures    what was set up before the load, by part
 * @param stages      flag stages at start and end, read from the gateway's ops API
 * @param limits      the gate limits
 * @param figures     per phase: overall, per group, per backend, per route
 * @param gates       every verdict
 * @param flips       what each flip did
 * @param memory      resident memory of the servers during the top plateau
 * @param extra       suite-specific figures (events per second accepted, persisted, ...)
 * @param report      the Gatling HTML report
 */
public record RunSummary(String suite, String simulation, String runTag, String label, String startedAt, String endedAt,
                         Target target, Injection injection, Map<String, String> fixtures, Stages stages, String limits,
                         Breakdown figures, List<Gate> gates, List<FlipAnalysis.Outcome> flips, List<Memory> memory,
                         Map<String, Object> extra, String report) {

    public static final String JSON = "summary.json";
    public static final String MARKDOWN = "summary.md";

    private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /**
     * @param baseUrl   HTTP base URL the load went to
     * @param wsBaseUrl WebSocket base URL
     * @param backends  name (target, legacy, new, gateway-management) to URL and what it reported as its version
     */
    public record Target(String baseUrl, String wsBaseUrl, Map<String, Backend> backends) {
    }

    public record Backend(String url, String version) {
    }

    /**
     * @param model  closed or open
     * @param unit   what the phase levels count
     * @param phases in order
     * @param mix    who the virtual users are
     */
    public record Injection(String model, String unit, List<PhaseLine> phases, String mix) {
    }

    public record PhaseLine(String name, long startSecond, long seconds, double from, double to, boolean judged) {
    }

    /**
     * @param atStart compact group/route stages at start (or why they could not be read)
     * @param atEnd   the same at the end
     * @param rawStart the ops API's answer at start
     * @param rawEnd   the ops API's answer at the end
     */
    public record Stages(String atStart, String atEnd, JsonNode rawStart, JsonNode rawEnd) {
    }

    public record Memory(String name, String spec, long pid, String command, int samples, double minMib, double meanMib,
                         double maxMib, int limitMib, boolean withinLimit, String note) {

        public static Memory of(RssSampler.Series s, String command) {
            return new Memory(s.name(), s.spec(), s.pid(), command, s.samples().size(), round(s.min()), round(s.mean()),
                    round(s.max()), s.limitMib(), s.withinLimit(), s.note());
        }

        private static double round(double v) {
            return Math.round(v * 10) / 10.0;
        }
    }

    public boolean passed() {
        return gates.stream().allMatch(Gate::passed);
    }

    public void write(Path directory) {
        try {
            Files.createDirectories(directory);
            MAPPER.writeValue(directory.resolve(JSON).toFile(), this);
            Files.writeString(directory.resolve(MARKDOWN), SummaryMarkdown.render(this));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the run summary to " + directory, e);
        }
    }

    /** Reads a finished run: its directory (with {@value #JSON}) or the file itself. */
    public static RunSummary read(Path runOrFile) {
        Path file = Files.isDirectory(runOrFile) ? runOrFile.resolve(JSON) : runOrFile;
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(runOrFile + " is not a finished load run (no " + JSON + ")");
        }
        return MAPPER.readValue(file.toFile(), RunSummary.class);
    }
}
