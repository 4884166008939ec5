package dev.cellmonitor.cutover.parity.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import dev.cellmonitor.cutover.parity.check.Outcome;
import dev.cellmonitor.cutover.parity.check.StepResult;

/**
 * Which steps decide the verdict. A gate file lists route labels of the per-route table, one per line
 * ({@code GET /api/v1/health}, {@code POST /api/v1/events [redis]}), {@code ~<regex>} over labels,
 * {@code group:<name>} for a whole group, or {@code *} for everything; {@code #} starts a comment. A step of a
 * gated route fails the run when it FAILED or is NOT_IMPLEMENTED (unless not-implemented is allowed); steps of
 * other routes are reported only. Without a gate file every route is gated.
 */
public final class Gate {

    private final Set<String> labels;
    private final List<Pattern> patterns;
    private final Set<String> groups;
    private final boolean everything;
    private final boolean allowNotImplemented;

    private Gate(Set<String> labels, List<Pattern> patterns, Set<String> groups, boolean everything,
                 boolean allowNotImplemented) {
        this.labels = labels;
        this.patterns = patterns;
        this.groups = groups;
        this.everything = everything;
        this.allowNotImplemented = allowNotImplemented;
    }

    public static Gate everything(boolean allowNotImplemented) {
        return new Gate(Set.of(), List.of(), Set.of(), true, allowNotImplemented);
    }

    public static Gate load(Path file, boolean allowNotImplemented) {
        try {
            return parse(Files.readAllLines(file), allowNotImplemented);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read gate file " + file, e);
        }
    }

    public static Gate parse(List<String> lines, boolean allowNotImplemented) {
        Set<String> labels = new LinkedHashSet<>();
        List<Pattern> patterns = new ArrayList<>();
        Set<String> groups = new LinkedHashSet<>();
        boolean all = false;
        for (String raw : lines) {
            String line = raw.contains("#") ? raw.substring(0, raw.indexOf('#')).trim() : raw.trim();
            if (line.isEmpty()) {
                continue;
            }
            if (line.equals("*")) {
                all = true;
            } else if (line.startsWith("~")) {
                patterns.add(Pattern.compile(line.substring(1)));
            } else if (line.startsWith("group:")) {
                groups.add(line.substring(6).trim());
            } else {
                labels.add(line);
            }
        }
        return new Gate(labels, patterns, groups, all, allowNotImplemented);
    }

    public boolean covers(StepResult r) {
        return everything || labels.contains(r.label()) || groups.contains(r.group())
                || patterns.stream().anyMatch(p -> p.matcher(r.label()).find());
    }

    /** Whether this step makes the run fail. */
    public boolean blocks(StepResult r) {
        if (!covers(r)) {
            return false;
        }
        return r.outcome() == Outcome.FAILED || (r.outcome() == Outcome.NOT_IMPLEMENTED && !allowNotImplemented);
    }

    public String describe() {
        if (everything) {
            return "every route" + (allowNotImplemented ? " (not-implemented allowed)" : "");
        }
        List<String> parts = new ArrayList<>(labels);
        patterns.forEach(p -> parts.add("~" + p.pattern()));
        groups.forEach(g -> parts.add("group:" + g));
        return parts.isEmpty() ? "no route (report only)" : parts.size() + " gated route pattern(s)";
    }
}
