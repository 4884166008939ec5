package dev.cellmonitor.cutover.load.measure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import dev.cellmonitor.cutover.load.Knobs;
import dev.cellmonitor.cutover.load.phases.Phase;
import dev.cellmonitor.cutover.load.phases.RunClock;

/**
 * Samples the resident memory of the servers under test (the gateway and the new backend by default) while
 * the top plateau runs. Each target is a process id or the TCP port it listens on:
 * {@code -Drss=gateway=port:8080,new=port:8001} or {@code new=pid:4242}.
 */
public final class RssSampler {

    /**
     * @param name     label, e.g. {@code new}
     * @param spec     how it was named ({@code port:8001}, {@code pid:4242})
     * @param pid      the process found, 0 when none
     * @param samples  resident memory samples, MiB
     * @param limitMib the target it should stay under, 0 for none
     * @param note     why it was not sampled, when it was not
     */
    public record Series(String name, String spec, long pid, List<Double> samples, int limitMib, String note) {

        public double max() {
            return samples.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }

        public double mean() {
            return samples.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        }

        public double min() {
            return samples.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        }

        public boolean withinLimit() {
            return limitMib <= 0 || max() <= limitMib;
        }
    }

    /** The servers sampled when {@code rss} is not set. */
    public static final String DEFAULT_TARGETS = "gateway=port:8080,new=port:8001";

    private final Map<String, String> targets;
    private final Map<String, Integer> limits;
    private final long intervalMillis;
    private final Processes processes = new Processes();
    private final Map<String, Series> series = new LinkedHashMap<>();
    private Thread thread;

    public RssSampler(Map<String, String> targets, Map<String, Integer> limits, long intervalMillis) {
        this.targets = targets;
        this.limits = limits;
        this.intervalMillis = intervalMillis;
    }

    public static RssSampler from(Knobs knobs) {
        Map<String, String> targets = targets("rss", knobs.text("rss", DEFAULT_TARGETS));
        Map<String, Integer> limits = new LinkedHashMap<>();
        targets.keySet().forEach(name -> limits.put(name, knobs.integer("rss.limitMib." + name,
                name.equals("new") ? 400 : 0)));
        return new RssSampler(targets, limits, knobs.duration("rss.interval", java.time.Duration.ofSeconds(2)).toMillis());
    }

    /**
     * Parses a list of servers, {@code name=port:<port>} or {@code name=pid:<pid>} separated by commas ("none": no
     * server), into name to spec; {@code setting} names the setting in the error message.
     */
    public static Map<String, String> targets(String setting, String spec) {
        Map<String, String> targets = new LinkedHashMap<>();
        if (!spec.equalsIgnoreCase("none")) {
            for (String part : spec.split(",")) {
                String[] kv = part.trim().split("=", 2);
                if (kv.length != 2 || !(kv[1].startsWith("port:") || kv[1].startsWith("pid:"))) {
                    throw new IllegalArgumentException(setting + ": '" + part + "' is not name=port:<port> or name=pid:<pid>");
                }
                targets.put(kv[0].trim(), kv[1].trim());
            }
        }
        return targets;
    }

    /** The process a spec names: {@code pid:<pid>} as given, {@code port:<port>} the one listening on it. */
    public static OptionalLong find(Processes processes, String spec) {
        return spec.startsWith("pid:") ? OptionalLong.of(Long.parseLong(spec.substring(4).trim()))
                : processes.listeningOn(Integer.parseInt(spec.substring(5).trim()));
    }

    /** Samples from the start to the end of {@code plateau}, on its own thread. */
    public void start(RunClock clock, Phase plateau) {
        if (targets.isEmpty()) {
            return;
        }
        thread = Thread.ofPlatform().daemon().name("rss-sampler").start(() -> {
            try {
                while (!clock.started()) {
                    Thread.sleep(100);
                }
                long from = clock.phaseStartMillis(plateau);
                long to = from + plateau.length().toMillis();
                Thread.sleep(Math.max(0, from - System.currentTimeMillis()));
                Map<String, Long> pids = resolve();
                while (System.currentTimeMillis() < to) {
                    sample(pids);
                    Thread.sleep(intervalMillis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private Map<String, Long> resolve() {
        Map<String, Long> pids = new LinkedHashMap<>();
        synchronized (series) {
            targets.forEach((name, spec) -> {
                OptionalLong pid = find(processes, spec);
                String note = "";
                if (pid.isEmpty()) {
                    note = "no local process listens on " + spec + " (visible in /proc)";
                } else if (processes.rssKib(pid.getAsLong()).isEmpty()) {
                    note = "process " + pid.getAsLong() + " is not readable in /proc";
                }
                long found = pid.orElse(0);
                pids.put(name, note.isEmpty() ? found : 0L);
                series.put(name, new Series(name, spec, found, new ArrayList<>(), limits.getOrDefault(name, 0), note));
            });
        }
        return pids;
    }

    private void sample(Map<String, Long> pids) {
        synchronized (series) {
            pids.forEach((name, pid) -> {
                if (pid != 0) {
                    processes.rssKib(pid).ifPresent(kib -> series.get(name).samples().add(kib / 1024.0));
                }
            });
        }
    }

    public void stop() throws InterruptedException {
        if (thread != null) {
            thread.interrupt();
            thread.join(5000);
        }
    }

    /** What was sampled; targets never reached (the plateau did not start) are listed with a note. */
    public List<Series> results() {
        synchronized (series) {
            List<Series> out = new ArrayList<>();
            targets.forEach((name, spec) -> out.add(series.getOrDefault(name, new Series(name, spec, 0, List.of(),
                    limits.getOrDefault(name, 0), "the top plateau was not reached"))));
            return out.stream().map(s -> new Series(s.name(), s.spec(), s.pid(), List.copyOf(s.samples()), s.limitMib(),
                    s.note())).toList();
        }
    }

    public Processes processes() {
        return processes;
    }
}
